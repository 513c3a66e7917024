/**
 * A local server speaking the OpenAI chat completions protocol (and Azure's
 * variant of its path), scripted for tests. Streams as real servers do:
 * `data: {chunk}` lines, a role-only first chunk, a finish chunk, `data: [DONE]`.
 */
import {
  pieces,
  startScriptedServer,
  type RecordedRequest,
  type Script,
  type ScriptedServer,
  type WireFormat,
} from './scripted-server.js';

export interface OpenAiServerOptions {
  /** Expected key; requests without it get 401. */
  apiKey?: string;
  /** Expect Azure paths and the `api-key` header. */
  azure?: { deployment: string; apiVersion: string };
}

function openAiFormat(options: OpenAiServerOptions): WireFormat {
  const id = 'chatcmpl-test';
  return {
    check(request: RecordedRequest) {
      const azure = options.azure;
      const error = (status: number, message: string, type = 'invalid_request_error') =>
        ({ status, body: JSON.stringify({ error: { message, type } }) });
      const deployment = `/openai/deployments/${azure?.deployment ?? ''}/chat/completions`;
      const path = azure === undefined
        ? '/v1/chat/completions'
        : `${deployment}?api-version=${azure.apiVersion}`;
      if (request.method !== 'POST' || request.path !== path) {
        return error(404, `no route ${request.path}`);
      }
      if (options.apiKey !== undefined) {
        const sent = azure === undefined
          ? request.headers.authorization
          : request.headers['api-key'];
        const wanted = azure === undefined ? `Bearer ${options.apiKey}` : options.apiKey;
        if (sent !== wanted) {
          // Real servers echo part of the key; the client must not pass it on.
          return error(401, `Incorrect API key provided: ${String(sent)}`);
        }
      }
      if (!Array.isArray(request.body.messages)) {
        return error(400, 'messages is required');
      }
      return undefined;
    },
    streaming: (request) => request.body.stream === true,
    json: (text) => ({
      id,
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
    }),
    events(text) {
      const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
        `data: ${JSON.stringify({
          id,
          object: 'chat.completion.chunk',
          choices: [{ index: 0, delta, finish_reason: finish }],
        })}`;
      return [
        chunk({ role: 'assistant', content: '' }, null),
        ...pieces(text).map((piece) => chunk({ content: piece }, null)),
        chunk({}, 'stop'),
        'data: [DONE]',
      ];
    },
    brokenEvent: () => 'data: {"choices": [{"delta": {"content": "Hal',
  };
}

/** Starts an OpenAI-protocol server; see `Script` for behaviours. */
export function startOpenAiServer(
  script: Script,
  options: OpenAiServerOptions = {},
): Promise<ScriptedServer> {
  return startScriptedServer(openAiFormat(options), script);
}
