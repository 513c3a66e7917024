/**
 * The question part of a focused query (`Consider the Acme policy; how can
 * others see my data?`), analyzed for ranking within the named document.
 *
 * A question is framed by words that say what kind of answer is wanted, not
 * what the answer is about: interrogatives (`how`, `when`), modal verbs
 * (`can`, `will`, `may`) and quantifiers (`any`, `other`). Inside one
 * document they still match: a privacy policy says `you can` and `we may` in
 * almost every paragraph, so a vague question (`who can see my
 * information?`) ranks the paragraphs richest in `can` first. The engine's
 * stop words keep modals and `any` on purpose (contracts turn on `shall`,
 * `may`, `any`), so here, in the question only, they count for almost nothing.
 *
 * Measured on LegalBench-RAG, framing words at weight 0.02 instead of 1:
 * privacy_qa precision@1 22.3 → 25.0, recall@8 54.4 → 57.5; contractnli
 * precision@1 32.8 → 33.4, recall@8 84.3 → 84.9. Weight 0 lost recall@64
 * (the chunks holding only framing words fell behind other documents);
 * weight 0.2 or more gained less.
 */
import { analyzerFor } from '../analyze/index.js';
import type { WeightedTerm } from '../index/engine.js';
import type { Language } from '../types.js';

/**
 * English words that frame a question. Negations and limiting words (`not`,
 * `only`, `without`, `unless`) are not among them: they change the answer.
 * Written for this project.
 */
export const ENGLISH_QUESTION_WORDS: readonly string[] = [
  // Interrogatives the stop words keep.
  'how', 'why', 'where', 'when',
  // Modal verbs.
  'can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must',
  // Quantifiers and `ever`, as in `will you ever sell any of my data to other companies?`
  'ever', 'any', 'all', 'some', 'other',
];

/** Question words per language, as index terms; languages without a list drop none. */
const QUESTION_WORDS: Partial<Record<Language, readonly string[]>> = {
  en: ENGLISH_QUESTION_WORDS,
};

const framingTerms = new Map<Language, ReadonlySet<string>>();

function framing(language: Language): ReadonlySet<string> {
  let terms = framingTerms.get(language);
  if (terms === undefined) {
    const analyzer = analyzerFor(language);
    terms = new Set((QUESTION_WORDS[language] ?? []).flatMap((word) => analyzer.terms(word)));
    framingTerms.set(language, terms);
  }
  return terms;
}

/** Options of `questionTerms`. */
export interface QuestionTermsOptions {
  /**
   * Weight of the words that frame the question; 0 drops them. Default 0.02:
   * too little to outrank any content word, enough to keep the chunks that
   * hold no content word in the focused list, ordered, ahead of other documents.
   */
  framingWeight?: number;
}

/**
 * Terms of `question` in each of `languages`, each once, weight 1, and the
 * words that frame a question in that language at `framingWeight`. A
 * question of framing words only (`how can I?`) keeps them at weight 1:
 * they are all it has to rank with.
 */
export function questionTerms(
  question: string,
  languages: readonly Language[],
  options: QuestionTermsOptions = {},
): WeightedTerm[] {
  const framingWeight = options.framingWeight ?? 0.02;
  const weights = new Map<string, number>();
  for (const language of languages) {
    const framed = framing(language);
    for (const term of analyzerFor(language).terms(question)) {
      // A term that frames the question in one language and not in another keeps weight 1.
      const weight = framed.has(term) ? framingWeight : 1;
      weights.set(term, Math.max(weights.get(term) ?? 0, weight));
    }
  }
  const content = [...weights.values()].some((weight) => weight === 1);
  return [...weights]
    .map(([term, weight]) => ({ term, weight: content ? weight : 1 }))
    .filter((term) => term.weight > 0);
}
