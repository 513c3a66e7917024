/**
 * The answer stage: retrieve, hop, then answer with numbered citations, by a
 * language model when one is configured and by quotation otherwise.
 */
import { analyzerFor } from '../analyze/index.js';
import type { LexhopApi } from '../api.js';
import { LexhopError, isLexhopError } from '../errors.js';
import { budgetSignal } from './budget.js';
import { extractiveAnswer, extractiveLabel } from './extractive.js';
import { gatherSources } from './gather.js';
import { writeAnswer } from './generate.js';
import { toCitation, type Source } from './sources.js';
import type {
  AnswerEvent,
  AnswerFlags,
  AnswerOptions,
  AnswerRequest,
  AnswerResponse,
  DegradedReason,
} from './types.js';

export type * from './types.js';
export {
  createProvider,
  llmConfigFromEnv,
  providerFromEnv,
  type LlmConfig,
  type ProviderKind,
} from './providers/config.js';
export type { ResilienceOptions } from './providers/resilient.js';
export { SYSTEM_RULES } from './prompt.js';

const MAX_QUESTION = 2000;
const MAX_LIMIT = 20;

/**
 * Share of the time budget the hops may use when a model writes the answer:
 * lookups take milliseconds, but a slow decomposition call must not leave the
 * model no time to answer.
 */
const HOP_SHARE_WITH_MODEL = 0.5;

function bad(field: string, message: string): LexhopError {
  return new LexhopError('ERR_ANSWER_BAD_REQUEST', message, { field });
}

/** Checks a request and fills in defaults. */
function normalizeRequest(request: AnswerRequest): AnswerRequest & { limit: number } {
  if (typeof request.question !== 'string' || request.question.trim() === '') {
    throw bad('question', 'question must be a non-empty string');
  }
  if (request.question.length > MAX_QUESTION) {
    throw bad('question', `question is longer than ${MAX_QUESTION} characters`);
  }
  const limit = request.limit ?? 5;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw bad('limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  return { ...request, question: request.question.trim(), limit };
}

function checkBudget(
  value: number | undefined,
  field: string,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw bad(field, `${field} must be a whole number from 0 to ${max}`);
  }
  return value;
}

const DEGRADED_REASONS: Record<string, DegradedReason> = {
  ERR_ANSWER_TIMEOUT: 'timeout',
  ERR_ANSWER_CIRCUIT_OPEN: 'circuit-open',
  ERR_ANSWER_RATE_LIMITED: 'rate-limited',
  ERR_ANSWER_MALFORMED: 'malformed',
  ERR_ANSWER_BUSY: 'busy',
};

function degradedReason(error: unknown): DegradedReason {
  if (!isLexhopError(error)) return 'provider-error';
  return DEGRADED_REASONS[error.code] ?? 'provider-error';
}

/**
 * Answers a question from the statutes. Every claim cites a numbered source;
 * `hops` shows how each source was found. With `options.provider` a language
 * model writes the answer (streamed through `onEvent`), and if it fails or
 * the time budget runs out first, the answer degrades to the extractive one
 * with `flags.degraded` set. Without a provider (the default) the answer is
 * extractive.
 *
 * Defaults: `limit` 5, `budget.hops` 6, `budget.ms` 3000 (10000 with a provider)
 * for the whole answer: retrieval, hops, and the model's reply with its retries.
 * Throws `ERR_ANSWER_BAD_REQUEST` naming the field for a bad request.
 */
export async function answerQuestion(
  api: LexhopApi,
  request: AnswerRequest,
  options: AnswerOptions = {},
): Promise<AnswerResponse> {
  const started = Date.now();
  const normalized = normalizeRequest(request);
  const hops = checkBudget(options.budget?.hops, 'budget.hops', 20, 6);
  // A model call for decomposition needs more than lookups do.
  const defaultMs = options.provider === undefined ? 3000 : 10_000;
  const ms = checkBudget(options.budget?.ms, 'budget.ms', 60_000, defaultMs);
  const deadline = started + ms;
  const emit = (event: AnswerEvent): void => options.onEvent?.(event);
  const analyzer = analyzerFor('da');
  const provider = options.provider;

  const gathered = await gatherSources({
    api,
    request: normalized,
    analyzer,
    hops,
    ms: provider === undefined ? ms : Math.floor(ms * HOP_SHARE_WITH_MODEL),
    emit,
    ...(provider === undefined ? {} : { provider }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const sources = gathered.sources.all();
  emit({ type: 'sources', sources: sources.map(toCitation) });

  const flags: AnswerFlags = { inventedCitations: [], unsupported: false };
  if (gathered.exhausted !== undefined) flags.budgetExhausted = gathered.exhausted;
  let mode: AnswerResponse['mode'] = 'extractive';
  let answer: string | undefined;
  let cited: number[] = [];

  if (provider !== undefined && sources.length > 0) {
    // The model gets what the hops left of the budget, every attempt and the stream included.
    const budget = budgetSignal(deadline, options.signal);
    try {
      const onDelta = (text: string): void => emit({ type: 'delta', text });
      const written = await writeAnswer(provider, normalized.question, sources, {
        ...(options.onEvent === undefined ? {} : { onDelta }),
        signal: budget.signal,
      });
      mode = 'llm';
      answer = written.answer;
      cited = written.cited;
      flags.inventedCitations = written.invented;
      flags.unsupported = written.unsupported;
      if (written.unsupportedReason !== undefined) {
        flags.unsupportedReason = written.unsupportedReason;
      }
    } catch (error) {
      const reason = degradedReason(error);
      const message = error instanceof Error ? error.message : 'provider failed';
      flags.degraded = { reason, message };
      emit({ type: 'degraded', reason, message });
    } finally {
      budget.dispose();
    }
  }

  if (answer === undefined) {
    const label = extractiveLabel(flags.degraded?.reason);
    const extractive = extractiveAnswer(gathered, analyzer, label);
    answer = extractive.answer;
    cited = extractive.cited;
    flags.unsupported = extractive.unsupported;
    if (extractive.unsupportedReason !== undefined) {
      flags.unsupportedReason = extractive.unsupportedReason;
    }
    emit({ type: 'delta', text: answer });
  }

  const byNumber = new Map(sources.map((s): [number, Source] => [s.n, s]));
  const citations = cited.flatMap((n) => {
    const source = byNumber.get(n);
    return source === undefined ? [] : [toCitation(source)];
  });
  emit({ type: 'citations', answer, citations, flags });

  const response: AnswerResponse = {
    mode,
    question: normalized.question,
    answer,
    citations,
    sources: sources.map(toCitation),
    hops: gathered.hops,
    flags,
    tookMs: Date.now() - started,
  };
  if (mode === 'llm' && provider !== undefined) {
    response.model = `${provider.name}/${provider.model}`;
  }
  emit({ type: 'done', response });
  return response;
}
