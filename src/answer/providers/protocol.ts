/** What the resilience layer needs from a wire protocol: one attempt, no retries. */
import type { CompletionRequest, CompletionResult } from '../types.js';
import type { CallTrace } from './trace.js';

/** Settings every protocol client shares. */
export interface ProtocolSettings {
  /** Root of the API, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  /** Sent in the protocol's header; never logged or put in an error message. */
  apiKey?: string;
  /** Model name; for Azure the deployment stands in for it. */
  model: string;
  /** Wait for the response headers and the first data (a whole JSON reply). */
  timeoutMs: number;
  /** Longest silence between stream chunks. */
  idleTimeoutMs: number;
  /** Default `max_tokens`. */
  maxTokens: number;
}

/** One protocol, one attempt per call; failures are classified `LexhopError`s. */
export interface ProtocolClient {
  readonly name: string;
  readonly model: string;
  /** One attempt; it records what it waits for in `trace`, for timeout messages. */
  attempt(
    request: CompletionRequest,
    signal: AbortSignal,
    trace: CallTrace,
  ): Promise<CompletionResult>;
}
