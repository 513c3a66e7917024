/**
 * Resilience around one protocol client, with cockatiel: retries with
 * backoff on retryable failures only, a circuit breaker, a concurrency limit
 * (bulkhead) and a deadline for the whole call, retries and waits included.
 *
 * Order, outermost first: deadline → retry → circuit breaker → bulkhead →
 * attempt. The breaker sees every attempt, so a provider that keeps failing
 * opens it and later calls fail at once; the bulkhead holds a slot per
 * attempt, not during backoff sleeps.
 *
 * The deadline is the sooner of `deadlineMs` and the caller's time budget: a
 * caller's signal that aborts with a `TimeoutError` (as `AbortSignal.timeout`
 * does) means the budget ran out, any other abort that the caller left.
 */
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  IsolatedCircuitError,
  TaskCancelledError,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
  type IRetryBackoffContext,
} from 'cockatiel';
import { LexhopError } from '../../errors.js';
import type {
  AnswerProvider,
  CircuitStateName,
  CompletionRequest,
  CompletionResult,
} from '../types.js';
import { isRetryable, providerError } from './http.js';
import type { ProtocolClient } from './protocol.js';
import { CallTrace, type StopReason } from './trace.js';

/** Retry, breaker, concurrency and deadline settings. */
export interface ResilienceOptions {
  /** Attempts after the first. Default 2. */
  retries?: number;
  /** First backoff; doubles per retry, with jitter. Default 250 ms. */
  backoffMs?: number;
  /** Longest backoff. Default 4000 ms. */
  maxBackoffMs?: number;
  /**
   * Longest `Retry-After` honoured. A 429 asking for a longer wait is not
   * retried: the call fails at once and the answer degrades. Default 5000 ms.
   */
  maxRetryAfterMs?: number;
  /** Consecutive failed attempts that open the circuit. Default 5. */
  breakerThreshold?: number;
  /** How long the circuit stays open before one trial call. Default 30000 ms. */
  halfOpenAfterMs?: number;
  /** Attempts in flight at once. Default 4. */
  concurrency?: number;
  /** Calls waiting for a slot; more are rejected as busy. Default 32. */
  queue?: number;
  /**
   * The whole call, retries and waits included. Default 60000 ms. The caller's
   * time budget (an answer's `budget.ms`) may end it sooner.
   */
  deadlineMs?: number;
}

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/** Failures that say the provider is unwell (not the caller giving up, not a bad request). */
function countsAgainstProvider(error: Error): boolean {
  if (!(error instanceof LexhopError) || error.details.cancelled === true) return false;
  // A timeout counts even when no retry can follow (budget spent, stream already shown).
  if (error.code === 'ERR_ANSWER_MALFORMED' || error.code === 'ERR_ANSWER_TIMEOUT') return true;
  return error.details.retryable === true;
}

/** True when a signal was aborted because a time budget ran out. */
function budgetRanOut(signal: AbortSignal | undefined): boolean {
  const reason: unknown = signal?.reason;
  return reason instanceof Error && reason.name === 'TimeoutError';
}

/** A provider with retries, a circuit breaker, a concurrency limit and a deadline. */
export class ResilientProvider implements AnswerProvider {
  readonly name: string;
  readonly model: string;
  readonly #client: ProtocolClient;
  readonly #breaker;
  readonly #policy;
  readonly #deadlineMs: number;

  constructor(client: ProtocolClient, options: ResilienceOptions = {}) {
    this.#client = client;
    this.name = client.name;
    this.model = client.model;
    this.#deadlineMs = options.deadlineMs ?? 60_000;
    const maxRetryAfter = options.maxRetryAfterMs ?? 5000;
    const backoffMs = options.backoffMs ?? 250;
    const maxBackoffMs = options.maxBackoffMs ?? 4000;

    const retryable = handleWhen((error) => {
      if (!isRetryable(error)) return false;
      const wait = (error as LexhopError).details.retryAfterMs;
      return typeof wait !== 'number' || wait <= maxRetryAfter;
    });
    const backoff = new DelegateBackoff((context: IRetryBackoffContext<unknown>) => {
      const failure = 'error' in context.result ? context.result.error : undefined;
      const wait = failure instanceof LexhopError ? failure.details.retryAfterMs : undefined;
      if (typeof wait === 'number') return wait;
      const exponential = Math.min(maxBackoffMs, backoffMs * 2 ** (context.attempt - 1));
      return Math.round(exponential * (0.5 + Math.random() / 2));
    });

    this.#breaker = circuitBreaker(handleWhen(countsAgainstProvider), {
      halfOpenAfter: options.halfOpenAfterMs ?? 30_000,
      breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
    });
    this.#policy = wrap(
      retry(retryable, { maxAttempts: options.retries ?? 2, backoff }),
      this.#breaker,
      bulkhead(options.concurrency ?? 4, options.queue ?? 32),
    );
  }

  /** State of the circuit breaker, for metrics and health checks. */
  circuitState(): CircuitStateName {
    return STATE_NAMES[this.#breaker.state];
  }

  /** One completion, bounded by the deadline; see `AnswerProvider.complete`. */
  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const trace = new CallTrace();
    const deadline = new AbortController();
    // The reason goes on the trace first: attempts read it when the abort reaches them.
    const stop = (reason: StopReason): void => {
      if (trace.stopped !== undefined) return;
      trace.stopped = reason;
      deadline.abort();
    };
    const timer = setTimeout(() => stop('deadline'), this.#deadlineMs);
    const onCallerAbort = (): void => stop(budgetRanOut(request.signal) ? 'deadline' : 'cancelled');
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    if (request.signal?.aborted === true) onCallerAbort();

    // Deltas that arrive after the deadline belong to an abandoned call.
    let open = true;
    const onDelta = request.onDelta;
    const attemptRequest: CompletionRequest = onDelta === undefined
      ? { ...request }
      : { ...request, onDelta: (text) => { if (open) onDelta(text); } };

    const attempt = async (signal: AbortSignal): Promise<CompletionResult> => {
      trace.beginAttempt();
      try {
        const result = await this.#client.attempt(attemptRequest, signal, trace);
        trace.endAttempt();
        return result;
      } catch (error) {
        trace.endAttempt(error);
        throw error;
      }
    };
    const call = this.#policy.execute(({ signal }) => attempt(signal), deadline.signal);
    call.catch(() => undefined);
    try {
      return await raceDeadline(call, deadline.signal, () => this.#stoppedError(trace));
    } catch (error) {
      throw this.#normalize(error, trace);
    } finally {
      open = false;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
      deadline.abort();
    }
  }

  /** A call stopped from outside: what it was still waiting for, or that the caller left. */
  #stoppedError(trace: CallTrace): LexhopError {
    const cancelled = trace.stopped === 'cancelled';
    const message = cancelled
      ? `${this.name} call was cancelled`
      : trace.budgetMessage(this.name);
    return providerError('ERR_ANSWER_TIMEOUT', message, {
      provider: this.name,
      retryable: false,
      cancelled,
    });
  }

  #normalize(error: unknown, trace: CallTrace): LexhopError {
    const provider = this.name;
    if (error instanceof LexhopError) return error;
    if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
      return providerError(
        'ERR_ANSWER_CIRCUIT_OPEN',
        `${provider} failed repeatedly; calls are paused until a trial call succeeds`,
        { provider, retryable: false },
      );
    }
    if (error instanceof BulkheadRejectedError) {
      return providerError('ERR_ANSWER_BUSY', `${provider}: too many calls in progress`, {
        provider,
        retryable: false,
      });
    }
    if (error instanceof TaskCancelledError) return this.#stoppedError(trace);
    return providerError(
      'ERR_ANSWER_PROVIDER',
      `${provider} call failed unexpectedly`,
      { provider, retryable: false },
      error,
    );
  }
}

/** Settles with `call`, or rejects when `signal` aborts first. */
function raceDeadline<T>(
  call: Promise<T>,
  signal: AbortSignal,
  onAbort: () => Error,
): Promise<T> {
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    call.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
