/**
 * The Anthropic Messages protocol: `POST /v1/messages` with `x-api-key` and
 * `anthropic-version`; streams as named events (`message_start`,
 * `content_block_delta` with `text_delta`, `message_delta`, `message_stop`,
 * `ping`, `error`).
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

const API_VERSION = '2023-06-01';

interface MessageBody {
  type?: unknown;
  content?: unknown;
  stop_reason?: unknown;
  usage?: { input_tokens?: number; output_tokens?: number };
}

interface StreamBody {
  type?: unknown;
  delta?: { type?: unknown; text?: unknown; stop_reason?: unknown };
  message?: MessageBody;
  usage?: { output_tokens?: number };
  error?: { type?: unknown; message?: unknown };
}

/** Error types Anthropic documents as transient. */
const TRANSIENT_ERRORS = new Set(['overloaded_error', 'api_error', 'rate_limit_error']);

/** One attempt at a message over the Anthropic wire format. */
export class AnthropicMessagesClient implements ProtocolClient {
  readonly name = 'anthropic';
  readonly model: string;
  readonly #settings: ProtocolSettings;

  constructor(settings: ProtocolSettings) {
    this.#settings = settings;
    this.model = settings.model;
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
    if (request.onDelta === undefined) return this.#fromBody(await postForJson(options, init));
    return this.#stream(options, init, request.onDelta);
  }

  #request(request: CompletionRequest): PostInit {
    const base = this.#settings.baseUrl.replace(/\/+$/, '');
    const url = base.endsWith('/v1') ? `${base}/messages` : `${base}/v1/messages`;
    const headers: Record<string, string> = { 'anthropic-version': API_VERSION };
    if (this.#settings.apiKey !== undefined) headers['x-api-key'] = this.#settings.apiKey;
    if (request.onDelta !== undefined) headers.accept = 'text/event-stream';

    const body: Record<string, unknown> = {
      model: this.#settings.model,
      system: request.system,
      messages: request.messages,
      max_tokens: request.maxTokens ?? this.#settings.maxTokens,
      temperature: request.temperature ?? 0,
    };
    if (request.onDelta !== undefined) body.stream = true;
    return { url, headers, body };
  }

  #fromBody(raw: unknown): CompletionResult {
    const body = asObject(this.name, raw) as MessageBody;
    if (!Array.isArray(body.content)) throw this.#malformed('a reply without content blocks');
    const text = (body.content as { type?: unknown; text?: unknown }[])
      .filter((block) => block.type === 'text' && typeof block.text === 'string')
      .map((block) => block.text as string)
      .join('');
    if (text.trim() === '') throw this.#malformed('an empty answer');

    const result: CompletionResult = { text };
    if (typeof body.stop_reason === 'string') result.finishReason = body.stop_reason;
    if (body.usage !== undefined) {
      result.usage = {
        inputTokens: body.usage.input_tokens,
        outputTokens: body.usage.output_tokens,
      };
    }
    return result;
  }

  async #stream(
    options: AttemptOptions,
    init: PostInit,
    onDelta: (text: string) => void,
  ): Promise<CompletionResult> {
    let text = '';
    let stopped = false;
    let finishReason: string | undefined;
    let inputTokens: number | undefined;
    let outputTokens: number | undefined;
    let fromJson: CompletionResult | undefined;

    const onEvent = (event: ServerSentEvent): void => {
      const body = asObject(this.name, parseJson(this.name, event.data)) as StreamBody;
      const type = typeof body.type === 'string' ? body.type : event.event;
      if (type === 'error') throw this.#streamError(body, options.secrets);
      if (type === 'message_start') inputTokens = body.message?.usage?.input_tokens;
      if (type === 'message_stop') stopped = true;
      if (type === 'message_delta') {
        if (typeof body.delta?.stop_reason === 'string') finishReason = body.delta.stop_reason;
        outputTokens = body.usage?.output_tokens ?? outputTokens;
      }
      if (type === 'content_block_delta' && body.delta?.type === 'text_delta') {
        const piece = body.delta.text;
        if (typeof piece !== 'string') throw this.#malformed('a text delta without text');
        if (piece === '') return;
        text += piece;
        onDelta(piece);
      }
    };

    try {
      await postForEvents(options, init, {
        onEvent,
        onJson: (raw) => {
          fromJson = this.#fromBody(raw);
          text = fromJson.text;
          onDelta(fromJson.text);
        },
      });
    } catch (error) {
      throw text === '' ? error : asFinal(error);
    }
    if (fromJson !== undefined) return fromJson;

    if (!stopped && finishReason === undefined) {
      throw providerError(
        'ERR_ANSWER_PROVIDER',
        `${this.name} stream ended before the answer was complete`,
        { provider: this.name, retryable: text === '' },
      );
    }
    if (text.trim() === '') throw this.#malformed('an empty answer');
    const result: CompletionResult = { text, usage: { inputTokens, outputTokens } };
    if (finishReason !== undefined) result.finishReason = finishReason;
    return result;
  }

  #streamError(body: StreamBody, secrets: string[]): Error {
    const kind = typeof body.error?.type === 'string' ? body.error.type : 'error';
    const message = typeof body.error?.message === 'string' ? body.error.message : '';
    const clean = redact(message.slice(0, 300), secrets);
    const code = kind === 'rate_limit_error' ? 'ERR_ANSWER_RATE_LIMITED' : 'ERR_ANSWER_PROVIDER';
    return providerError(code, `${this.name} stream failed (${kind}) ${clean}`.trim(), {
      provider: this.name,
      retryable: TRANSIENT_ERRORS.has(kind),
    });
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

function asObject(provider: string, raw: unknown): object {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw providerError('ERR_ANSWER_MALFORMED', `${provider} returned JSON of the wrong shape`, {
      provider,
      retryable: false,
    });
  }
  return raw;
}
