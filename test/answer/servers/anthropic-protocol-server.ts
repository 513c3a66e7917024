/**
 * A local server speaking the Anthropic Messages protocol, scripted for
 * tests. Streams the real event sequence: `message_start`,
 * `content_block_start`, `ping`, `content_block_delta` (text_delta) …,
 * `content_block_stop`, `message_delta`, `message_stop`.
 */
import {
  pieces,
  startScriptedServer,
  type RecordedRequest,
  type Script,
  type ScriptedServer,
  type WireFormat,
} from './scripted-server.js';

export interface AnthropicServerOptions {
  /** Expected `x-api-key`; requests without it get 401. */
  apiKey?: string;
}

function event(name: string, data: Record<string, unknown>): string {
  return `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}`;
}

function anthropicFormat(options: AnthropicServerOptions): WireFormat {
  const message = (request: RecordedRequest): Record<string, unknown> => ({
    id: 'msg_test',
    type: 'message',
    role: 'assistant',
    model: request.body.model,
    content: [],
    stop_reason: null,
    usage: { input_tokens: 100, output_tokens: 1 },
  });
  return {
    check(request) {
      const error = (status: number, type: string, text: string) =>
        ({ status, body: JSON.stringify({ type: 'error', error: { type, message: text } }) });
      if (request.method !== 'POST' || request.path !== '/v1/messages') {
        return error(404, 'not_found_error', `no route ${request.path}`);
      }
      if (request.headers['anthropic-version'] !== '2023-06-01') {
        return error(400, 'invalid_request_error', 'anthropic-version header is required');
      }
      if (options.apiKey !== undefined && request.headers['x-api-key'] !== options.apiKey) {
        return error(401, 'authentication_error', 'invalid x-api-key');
      }
      if (typeof request.body.max_tokens !== 'number' || !Array.isArray(request.body.messages)) {
        return error(400, 'invalid_request_error', 'max_tokens and messages are required');
      }
      if (request.body.messages.some((m: { role?: unknown }) => m.role === 'system')) {
        return error(400, 'invalid_request_error', 'system goes in the top-level field');
      }
      return undefined;
    },
    streaming: (request) => request.body.stream === true,
    json: (text, request) => ({
      ...message(request),
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 100, output_tokens: 20 },
    }),
    events: (text, request) => [
      event('message_start', { message: message(request) }),
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      event('ping', {}),
      ...pieces(text).map((piece) =>
        event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } })),
      event('content_block_stop', { index: 0 }),
      event('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 20 } }),
      event('message_stop', {}),
    ],
    brokenEvent: () =>
      'event: content_block_delta\ndata: {"type": "content_block_delta", "delta": {',
  };
}

/** Starts an Anthropic-protocol server; see `Script` for behaviours. */
export function startAnthropicServer(
  script: Script,
  options: AnthropicServerOptions = {},
): Promise<ScriptedServer> {
  return startScriptedServer(anthropicFormat(options), script);
}
