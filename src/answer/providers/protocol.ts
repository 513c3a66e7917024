/** What the resilience layer needs from a wire protocol: one attempt, no retries. */
import type { CompletionRequest, CompletionResult } from '../types.js';

/** Settings every protocol client shares. */
export interface ProtocolSettings {
  /** Root of the API, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  /** Sent in the protocol's header; never logged or put in an error message. */
  apiKey?: string;
  /** Model name; for Azure the deployment stands in for it. */
  model: string;
  /** Wait for the response to start. */
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
  attempt(request: CompletionRequest, signal: AbortSignal): Promise<CompletionResult>;
}
