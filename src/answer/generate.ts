/**
 * The written answer: the prompt goes to the provider, the reply streams
 * through the citation filter, and the final text is checked: invented
 * `[n]` removed, a refusal or an answer that cites nothing replaced by the
 * plain statement that the sources do not answer the question.
 */
import { CitationStreamFilter, cleanCitations, declined } from './citations.js';
import { buildPrompt } from './prompt.js';
import type { Source } from './sources.js';
import type { AnswerProvider, UnsupportedReason } from './types.js';

/** What an answer that the sources do not support says instead. */
export const NOT_ANSWERED_SENTENCE = 'The sources found do not answer the question.';

export interface WrittenAnswer {
  answer: string;
  cited: number[];
  invented: number[];
  unsupported: boolean;
  unsupportedReason?: UnsupportedReason;
}

/**
 * Asks the provider to answer from the sources. Throws the provider's
 * `LexhopError` when it fails; the caller degrades to the extractive answer.
 */
export async function writeAnswer(
  provider: AnswerProvider,
  question: string,
  sources: readonly Source[],
  options: { onDelta?: (text: string) => void; signal?: AbortSignal } = {},
): Promise<WrittenAnswer> {
  const prompt = buildPrompt(question, sources);
  const filter = new CitationStreamFilter(prompt.count);
  const onDelta = options.onDelta;
  const result = await provider.complete({
    ...prompt.request,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(onDelta === undefined ? {} : {
      onDelta: (piece: string) => {
        const shown = filter.push(piece);
        if (shown !== '') onDelta(shown);
      },
    }),
  });
  const rest = filter.flush();
  if (rest !== '' && onDelta !== undefined) onDelta(rest);

  const cleaned = cleanCitations(result.text, prompt.count);
  const text = cleaned.text.trim();
  const base = { cited: cleaned.cited, invented: cleaned.invented };
  if (declined(text)) {
    return {
      answer: NOT_ANSWERED_SENTENCE,
      ...base,
      cited: [],
      unsupported: true,
      unsupportedReason: 'model-declined',
    };
  }
  if (cleaned.cited.length === 0) {
    return {
      answer: NOT_ANSWERED_SENTENCE,
      ...base,
      unsupported: true,
      unsupportedReason: 'no-valid-citation',
    };
  }
  return { answer: text, ...base, unsupported: false };
}
