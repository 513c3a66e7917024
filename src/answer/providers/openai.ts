/**
 * The OpenAI-compatible chat completions protocol: OpenAI itself, Azure
 * OpenAI (deployment in the path, `api-version` in the query, `api-key`
 * header), and the local servers that copy it (Ollama, vLLM, LM Studio).
 */
import type { CompletionRequest, CompletionResult } from '../types.js';
import {
  asFinal,
  parseJson,
  postForEvents,
  postForJson,
  providerError,
  redact,
  type AttemptOptions,
  type PostInit,
} from './http.js';
import type { ProtocolClient, ProtocolSettings } from './protocol.js';
import type { ServerSentEvent } from './sse.js';
import type { CallTrace } from './trace.js';

export interface OpenAiSettings extends ProtocolSettings {
  /** `azure` puts the deployment in the path and sends the key as `api-key`. */
  flavour: 'openai' | 'azure';
  /** Azure deployment name. Required for `azure`. */
  azureDeployment?: string;
  /** Azure `api-version`. Default `2024-10-21`. */
  azureApiVersion?: string;
}

interface ChatChoice {
  message?: { content?: unknown };
  delta?: { content?: unknown };
  finish_reason?: unknown;
}

interface ChatBody {
  choices?: ChatChoice[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  error?: { message?: unknown };
}

/** One attempt at a chat completion over the OpenAI wire format. */
export class OpenAiChatClient implements ProtocolClient {
  readonly name: string;
  readonly model: string;
  readonly #settings: OpenAiSettings;

  constructor(settings: OpenAiSettings) {
    this.#settings = settings;
    this.name = settings.flavour;
    this.model = settings.flavour === 'azure'
      ? (settings.azureDeployment ?? settings.model)
      : settings.model;
  }

  async attempt(
    request: CompletionRequest,
    signal: AbortSignal,
    trace: CallTrace,
  ): Promise<CompletionResult> {
    const options: AttemptOptions = {
      provider: this.name,
      timeoutMs: this.#settings.timeoutMs,
      idleTimeoutMs: this.#settings.idleTimeoutMs,
      secrets: this.#secrets(),
      signal,
      trace,
    };
    const init = this.#request(request);
    if (request.onDelta === undefined) {
      return this.#fromBody(await postForJson(options, init));
    }
    return this.#stream(options, init, request.onDelta);
  }

  #request(request: CompletionRequest): PostInit {
    const settings = this.#settings;
    const base = settings.baseUrl.replace(/\/+$/, '');
    const headers: Record<string, string> = {};
    let url = `${base}/chat/completions`;
    if (settings.flavour === 'azure') {
      const deployment = encodeURIComponent(settings.azureDeployment ?? settings.model);
      const version = encodeURIComponent(settings.azureApiVersion ?? '2024-10-21');
      url = `${base}/openai/deployments/${deployment}/chat/completions?api-version=${version}`;
      if (settings.apiKey !== undefined) headers['api-key'] = settings.apiKey;
    } else if (settings.apiKey !== undefined) {
      headers.authorization = `Bearer ${settings.apiKey}`;
    }

    const body: Record<string, unknown> = {
      messages: [{ role: 'system', content: request.system }, ...request.messages],
      temperature: request.temperature ?? 0,
      max_tokens: request.maxTokens ?? settings.maxTokens,
    };
    if (settings.model !== '') body.model = settings.model;
    if (request.onDelta !== undefined) body.stream = true;
    if (request.onDelta !== undefined) headers.accept = 'text/event-stream';
    return { url, headers, body };
  }

  #fromBody(raw: unknown): CompletionResult {
    const body = asChatBody(this.name, raw, this.#secrets());
    const choice = body.choices?.[0];
    const content = choice?.message?.content;
    if (typeof content !== 'string' || content.trim() === '') {
      throw this.#malformed('a reply without message content');
    }
    return withUsage({ text: content, ...finish(choice?.finish_reason) }, body);
  }

  async #stream(
    options: AttemptOptions,
    init: PostInit,
    onDelta: (text: string) => void,
  ): Promise<CompletionResult> {
    let text = '';
    let finishReason: string | undefined;
    let done = false;
    let usage: ChatBody | undefined;
    let fromJson: CompletionResult | undefined;

    const onEvent = (event: ServerSentEvent): void => {
      if (done) return;
      if (event.data.trim() === '[DONE]') {
        done = true;
        return;
      }
      const body = asChatBody(this.name, parseJson(this.name, event.data), options.secrets);
      if (body.usage !== undefined) usage = body;
      // Azure opens with a chunk of filter results and no choices.
      const choice = body.choices?.[0];
      if (choice === undefined) return;
      const piece = choice.delta?.content;
      if (typeof piece === 'string' && piece !== '') {
        text += piece;
        onDelta(piece);
      }
      if (typeof choice.finish_reason === 'string') finishReason = choice.finish_reason;
    };

    try {
      await postForEvents(options, init, {
        onEvent,
        onJson: (raw) => {
          fromJson = this.#fromBody(raw);
          onDelta(fromJson.text);
          text = fromJson.text;
        },
      });
    } catch (error) {
      throw text === '' ? error : asFinal(error);
    }
    if (fromJson !== undefined) return fromJson;

    if (!done && finishReason === undefined) {
      const error = providerError(
        'ERR_ANSWER_PROVIDER',
        `${this.name} stream ended before the answer was complete`,
        { provider: this.name, retryable: text === '' },
      );
      throw error;
    }
    if (text.trim() === '') throw this.#malformed('an empty answer');
    return withUsage({ text, ...finish(finishReason) }, usage ?? {});
  }

  #secrets(): string[] {
    return this.#settings.apiKey === undefined ? [] : [this.#settings.apiKey];
  }

  #malformed(what: string): Error {
    return providerError('ERR_ANSWER_MALFORMED', `${this.name} returned ${what}`, {
      provider: this.name,
      retryable: false,
    });
  }
}

function asChatBody(provider: string, raw: unknown, secrets: string[]): ChatBody {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw providerError('ERR_ANSWER_MALFORMED', `${provider} returned JSON of the wrong shape`, {
      provider,
      retryable: false,
    });
  }
  const body = raw as ChatBody;
  if (body.error !== undefined && body.choices === undefined) {
    const message = typeof body.error.message === 'string' ? body.error.message : 'unknown';
    const clean = redact(message.slice(0, 300), secrets);
    throw providerError('ERR_ANSWER_PROVIDER', `${provider} reported an error: ${clean}`, {
      provider,
      retryable: true,
    });
  }
  if (body.choices !== undefined && !Array.isArray(body.choices)) {
    throw providerError('ERR_ANSWER_MALFORMED', `${provider} returned choices of the wrong shape`, {
      provider,
      retryable: false,
    });
  }
  return body;
}

function finish(reason: unknown): { finishReason?: string } {
  return typeof reason === 'string' ? { finishReason: reason } : {};
}

function withUsage(result: CompletionResult, body: ChatBody): CompletionResult {
  const usage = body.usage;
  if (usage === undefined) return result;
  return {
    ...result,
    usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens },
  };
}
