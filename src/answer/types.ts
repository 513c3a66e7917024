/**
 * Types of the answer stage: the request a user sends, the response a lawyer
 * can check (every claim tied to a numbered source), the events a streaming
 * client sees, and the interface every language-model provider implements.
 */
import type { SearchFilters } from '../retrieve/types.js';

/** A question to answer from the statutes. */
export interface AnswerRequest {
  /** The question, in plain language. At most 2000 characters. */
  question: string;
  /** Search hits to answer from, before hops add more. Default 5, at most 20. */
  limit?: number;
  filters?: SearchFilters;
  /** Tenant whose private documents may be used, besides public ones. */
  tenant?: string;
  /** Answer from the version of each act in force on this ISO date. */
  asOf?: string;
  /**
   * Split the question into sub-questions with the language model.
   * Default: when a model is configured and the question looks compound.
   */
  decompose?: boolean;
}

/** One numbered source: what `[n]` in the answer points to. */
export interface AnswerCitation {
  n: number;
  chunkId: number;
  /** The label a lawyer would write, e.g. `Adoptionsloven § 4 a`. */
  citation: string;
  documentKey: string;
  /** `[start, end)` of the chunk in its document's text. */
  start: number;
  end: number;
  /** Title of the document. */
  title: string;
  url?: string;
}

/** How a source was found. */
export type HopKind = 'search' | 'reference' | 'definition' | 'subquestion';

/** One retrieval step, shown so a reader can follow how sources were found. */
export interface AnswerHop {
  kind: HopKind;
  /** Chunk whose text led here (reference and definition hops). */
  from?: number;
  /**
   * What was followed: the reference as written (`jf. §§ 25 a og 25 b`), the
   * defined term, or the sub-question.
   */
  ref?: string;
  /** Chunks this hop found, in source order (a definition may reuse one found before). */
  chunkIds: number[];
  ms: number;
}

/** Why the language model's answer was replaced by the extractive one. */
export type DegradedReason =
  | 'timeout'
  | 'circuit-open'
  | 'rate-limited'
  | 'provider-error'
  | 'malformed'
  | 'busy';

/** Why an answer says the sources do not answer the question. */
export type UnsupportedReason = 'no-relevant-source' | 'model-declined' | 'no-valid-citation';

export interface AnswerFlags {
  /** `[n]` markers the model wrote that match no source; removed from the answer. */
  inventedCitations: number[];
  /** True when the answer says the sources do not answer the question. */
  unsupported: boolean;
  unsupportedReason?: UnsupportedReason;
  /** Set when a model is configured but failed and the answer is extractive. */
  degraded?: { reason: DegradedReason; message: string };
  /** Set when hops were left unfollowed because the hop or time budget ran out. */
  budgetExhausted?: 'hops' | 'time';
}

export interface AnswerResponse {
  /** `llm`: written by a language model; `extractive`: quoted sentences. */
  mode: 'llm' | 'extractive';
  question: string;
  answer: string;
  /** The sources the answer cites, by `n`. */
  citations: AnswerCitation[];
  /** Every numbered source the answer was built from, cited or not. */
  sources: AnswerCitation[];
  hops: AnswerHop[];
  flags: AnswerFlags;
  /** `provider/model` when a model wrote the answer. */
  model?: string;
  tookMs: number;
}

/** What a streaming caller receives, in order: hops, sources, deltas, citations, done. */
export type AnswerEvent =
  | { type: 'hop'; hop: AnswerHop }
  | { type: 'sources'; sources: AnswerCitation[] }
  | { type: 'delta'; text: string }
  /** The model failed: discard the deltas so far; the extractive answer follows. */
  | { type: 'degraded'; reason: DegradedReason; message: string }
  | { type: 'citations'; answer: string; citations: AnswerCitation[]; flags: AnswerFlags }
  | { type: 'done'; response: AnswerResponse };

/** Limits of the retrieval and hop stage. */
export interface AnswerBudget {
  /** Hops after the first search (references, definitions, sub-questions). Default 6. */
  hops?: number;
  /**
   * Milliseconds for the whole answer: retrieval, hops (decomposition by the
   * model included) and the model's reply with its retries and stream. With a
   * model, hops may use half; a model still busy at the end is cut off and
   * the answer is extractive. Default 3000; 10000 with a provider. At most 60000.
   */
  ms?: number;
}

export interface AnswerOptions {
  /** The language model; absent means an extractive answer. */
  provider?: AnswerProvider;
  /** Receives events as the answer is built; with a provider, deltas stream. */
  onEvent?: (event: AnswerEvent) => void;
  signal?: AbortSignal;
  budget?: AnswerBudget;
}

/** A chat message sent to a provider. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  system: string;
  messages: ChatMessage[];
  /** Default: the provider's configured maximum (1024). */
  maxTokens?: number;
  /** Default 0: the same sources give the same answer. */
  temperature?: number;
  /** When given, the reply streams and each piece of text is passed here. */
  onDelta?: (text: string) => void;
  /**
   * Ends the call. Aborted with a `TimeoutError` (as `AbortSignal.timeout`
   * does) it means the caller's time budget ran out: the call fails with
   * `ERR_ANSWER_TIMEOUT` saying what the provider had not done yet. Any other
   * reason means the caller went away.
   */
  signal?: AbortSignal;
}

export interface CompletionResult {
  text: string;
  /** As the provider reports it, e.g. `stop`, `end_turn`, `length`. */
  finishReason?: string;
  usage?: { inputTokens?: number; outputTokens?: number };
}

/** State of a provider's circuit breaker. */
export type CircuitStateName = 'closed' | 'open' | 'half-open' | 'isolated';

/** A language model behind one wire protocol. */
export interface AnswerProvider {
  /** `openai`, `azure`, `anthropic`, or a custom name. */
  readonly name: string;
  readonly model: string;
  /**
   * One completion. Fails with a `LexhopError` whose code says why:
   * `ERR_ANSWER_TIMEOUT`, `ERR_ANSWER_RATE_LIMITED`, `ERR_ANSWER_MALFORMED`,
   * `ERR_ANSWER_CIRCUIT_OPEN`, `ERR_ANSWER_BUSY` or `ERR_ANSWER_PROVIDER`.
   */
  complete(request: CompletionRequest): Promise<CompletionResult>;
  /** Circuit breaker state; absent for providers without one. */
  circuitState?(): CircuitStateName;
}
