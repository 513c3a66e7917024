/**
 * One HTTP attempt against a provider, with Node's built-in fetch: timeouts,
 * classification of failures into retryable and final ones, and redaction of
 * secrets from anything that reaches an error message.
 *
 * Timeouts: `timeoutMs` bounds the wait for the response (a whole JSON body,
 * or the first event of a stream); `idleTimeoutMs` bounds the silence between
 * stream chunks, so a long answer that keeps streaming is not cut off. The
 * call's time budget (the caller's signal) bounds both, and every attempt.
 */
import { LexhopError, type ErrorCode } from '../../errors.js';
import { readServerSentEvents, type ServerSentEvent } from './sse.js';
import { waitMessage, type CallTrace } from './trace.js';

/** What every attempt needs to know about its provider. */
export interface AttemptOptions {
  /** Provider name for messages, e.g. `openai`. */
  provider: string;
  /** Wait for the response or the first stream event. */
  timeoutMs: number;
  /** Longest silence inside a stream. */
  idleTimeoutMs: number;
  /** Strings that must never appear in an error message (API keys). */
  secrets: string[];
  /** The caller's signal: deadline or client gone. */
  signal?: AbortSignal;
  /** The call this attempt belongs to; the attempt records its phase there. */
  trace: CallTrace;
}

/** Statuses worth another attempt: timeouts, conflicts, throttling, server trouble. */
const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504, 529]);

const MAX_ERROR_BODY = 4096;

/** Removes secrets and anything shaped like an API key from provider text. */
export function redact(text: string, secrets: string[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret.length >= 4) clean = clean.split(secret).join('[redacted]');
  }
  return clean.replace(/\b(sk|key|pk)-[A-Za-z0-9_*.-]{6,}/g, '[redacted]');
}

/** Milliseconds a `Retry-After` (seconds or HTTP date) or `retry-after-ms` header asks for. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));

  const value = headers.get('retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A provider error with the details the retry and breaker policies read. */
export function providerError(
  code: ErrorCode,
  message: string,
  details: {
    provider: string;
    retryable: boolean;
    status?: number;
    retryAfterMs?: number;
    /** The caller gave up; says nothing about the provider's health. */
    cancelled?: boolean;
  },
  cause?: unknown,
): LexhopError {
  return new LexhopError(code, message, { ...details }, cause);
}

/** True when the policies may try again after this error. */
export function isRetryable(error: unknown): boolean {
  return error instanceof LexhopError && error.details.retryable === true;
}

/** The same error, marked final (e.g. a stream failed after text reached the reader). */
export function asFinal(error: unknown): unknown {
  if (!(error instanceof LexhopError) || error.details.retryable !== true) return error;
  return new LexhopError(error.code, error.message, { ...error.details, retryable: false }, error);
}

/** Origin of a URL without user info, path or query, for messages. */
function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the configured URL';
  }
}

/** Classifies a non-2xx response. */
async function statusError(options: AttemptOptions, response: Response): Promise<LexhopError> {
  const body = await readCapped(response).catch(() => '');
  const detail = redact(providerMessage(body), options.secrets);
  const status = response.status;
  const suffix = detail === '' ? '' : `: ${detail}`;
  let retryable = RETRYABLE_STATUS.has(status);
  const shouldRetry = response.headers.get('x-should-retry');
  if (shouldRetry === 'true') retryable = true;
  if (shouldRetry === 'false') retryable = false;

  if (status === 429) {
    const wait = retryAfterMs(response.headers);
    const details = { provider: options.provider, retryable, status };
    return providerError(
      'ERR_ANSWER_RATE_LIMITED',
      `${options.provider} is rate limiting (HTTP 429)${suffix}`,
      wait === undefined ? details : { ...details, retryAfterMs: wait },
    );
  }
  const hint = status === 401 || status === 403 ? ' (check LEXHOP_LLM_API_KEY)' : '';
  return providerError(
    'ERR_ANSWER_PROVIDER',
    `${options.provider} answered HTTP ${status}${hint}${suffix}`,
    { provider: options.provider, retryable, status },
  );
}

/** The `message` of a JSON error body, or the start of a text one. */
function providerMessage(body: string): string {
  try {
    type ErrorBody = { error?: { message?: unknown } | string; message?: unknown };
    const parsed = JSON.parse(body) as ErrorBody;
    const error = parsed.error;
    if (typeof error === 'string') return error.slice(0, 300);
    if (typeof error?.message === 'string') return error.message.slice(0, 300);
    if (typeof parsed.message === 'string') return parsed.message.slice(0, 300);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 300);
}

async function readCapped(response: Response): Promise<string> {
  const text = await response.text();
  return text.slice(0, MAX_ERROR_BODY);
}

/**
 * Runs fetch under an attempt controller and turns aborts and network
 * failures into errors. `timeoutMs` runs until the response headers and the
 * first body chunk; each later chunk restarts the idle timer.
 */
class Attempt {
  readonly controller = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #timedOut = false;
  #armedMs = 0;
  readonly #options: AttemptOptions;
  readonly #onOuterAbort = (): void => this.controller.abort();

  constructor(options: AttemptOptions) {
    this.#options = options;
    options.trace.enter('headers');
    options.signal?.addEventListener('abort', this.#onOuterAbort, { once: true });
    if (options.signal?.aborted === true) this.controller.abort();
    this.arm(options.timeoutMs);
  }

  /** A network chunk arrived: the stream is alive, so the idle timer starts over. */
  sawData(): void {
    this.#options.trace.sawData();
    this.arm(this.#options.idleTimeoutMs);
  }

  /** (Re)starts the timeout. */
  arm(ms: number): void {
    clearTimeout(this.#timer);
    this.#armedMs = ms;
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.controller.abort();
    }, ms);
  }

  /** Stops the timer and frees the connection if the body was left unread. */
  close(): void {
    clearTimeout(this.#timer);
    this.#options.signal?.removeEventListener('abort', this.#onOuterAbort);
    this.controller.abort();
  }

  /** The error to throw for a failure while this attempt ran. */
  failure(cause: unknown, origin: string): LexhopError {
    const { provider, trace } = this.#options;
    if (cause instanceof LexhopError) return cause;
    if (trace.stopped === 'deadline') {
      // Cut short by the time budget: a provider this slow counts as failing.
      return providerError(
        'ERR_ANSWER_TIMEOUT',
        trace.budgetMessage(provider),
        { provider, retryable: false },
        cause,
      );
    }
    if (this.#options.signal?.aborted === true) {
      return providerError(
        'ERR_ANSWER_TIMEOUT',
        `${provider} call was cancelled (deadline or client gone)`,
        { provider, retryable: false, cancelled: true },
        cause,
      );
    }
    if (this.#timedOut) {
      return providerError(
        'ERR_ANSWER_TIMEOUT',
        waitMessage(provider, trace.phase, this.#armedMs) + attemptNote(trace),
        { provider, retryable: true },
        cause,
      );
    }
    const reason = cause instanceof Error ? errorSummary(cause) : 'unknown error';
    const where = NETWORK_PHASES[trace.phase].replace('{origin}', origin);
    return providerError(
      'ERR_ANSWER_PROVIDER',
      `${provider}: network error ${where}: ${redact(reason, this.#options.secrets)}`,
      { provider, retryable: true },
      cause,
    );
  }
}

/** Which attempt failed, when it was a retry. */
function attemptNote(trace: CallTrace): string {
  return trace.attempts > 1 ? ` (attempt ${trace.attempts})` : '';
}

/** Where a network error struck; fetch resolves at the headers, so before them is one phase. */
const NETWORK_PHASES: Record<CallTrace['phase'], string> = {
  headers: 'before response headers from {origin}',
  reply: 'while reading the reply from {origin}',
  'first-data': 'while waiting for stream data from {origin}',
  stream: 'while streaming from {origin}',
};

/** A short, key-free description of a network error (`fetch failed` hides its cause). */
function errorSummary(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
}

export interface PostInit {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

async function send(attempt: Attempt, options: AttemptOptions, init: PostInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(init.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: JSON.stringify(init.body),
      signal: attempt.controller.signal,
    });
  } catch (error) {
    throw attempt.failure(error, origin(init.url));
  }
  if (!response.ok) throw await statusError(options, response);
  return response;
}

/** Reads a whole reply body under the attempt's timers. */
async function readReply(attempt: Attempt, response: Response, url: string): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw attempt.failure(error, origin(url));
  }
}

/** POSTs JSON and returns the parsed JSON reply. */
export async function postForJson(options: AttemptOptions, init: PostInit): Promise<unknown> {
  const attempt = new Attempt(options);
  try {
    const response = await send(attempt, options, init);
    options.trace.enter('reply');
    const text = await readReply(attempt, response, init.url);
    return parseJson(options.provider, text);
  } finally {
    attempt.close();
  }
}

/** Parses a provider's JSON; a syntax error is malformed output, not a crash. */
export function parseJson(provider: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw providerError(
      'ERR_ANSWER_MALFORMED',
      `${provider} returned a reply that is not JSON`,
      { provider, retryable: false },
      error,
    );
  }
}

/**
 * POSTs JSON and passes each server-sent event to `onEvent`. A server that
 * ignores `stream: true` and answers with JSON is handled by `onJson`.
 */
export async function postForEvents(
  options: AttemptOptions,
  init: PostInit,
  handlers: { onEvent: (event: ServerSentEvent) => void; onJson: (body: unknown) => void },
): Promise<void> {
  const attempt = new Attempt(options);
  try {
    const response = await send(attempt, options, init);
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('application/json')) {
      options.trace.enter('reply');
      handlers.onJson(parseJson(options.provider, await readReply(attempt, response, init.url)));
      return;
    }
    if (response.body === null) {
      throw providerError('ERR_ANSWER_MALFORMED', `${options.provider} sent an empty stream`, {
        provider: options.provider,
        retryable: false,
      });
    }

    options.trace.enter('first-data');
    try {
      for await (const event of readServerSentEvents(response.body, () => attempt.sawData())) {
        handlers.onEvent(event);
      }
    } catch (error) {
      throw attempt.failure(error, origin(init.url));
    }
  } finally {
    attempt.close();
  }
}
