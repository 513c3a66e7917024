/**
 * Sentence relevance by overlap with the question's terms, through the same
 * Danish analyzer the index uses, so `adopteret` in a provision meets
 * `adoptere` in a question. Terms are weighted by how rare they are among the
 * sentences being compared: a term every source repeats says little.
 */
import type { Analyzer } from '../analyze/analyzer.js';
import { splitSentences, type SentenceSpan } from './sentences.js';

/**
 * Words that make a sentence a question but say nothing about its subject;
 * kept by the index analyzer (modals matter in provisions), dropped here.
 */
const QUESTION_WORDS = [
  'hvornår', 'hvordan', 'hvorfor', 'hvorledes', 'hvormed', 'hvorvidt', 'kan', 'skal',
  'må', 'bør', 'gælder', 'gælde', 'regler', 'regel', 'reglerne', 'ske', 'sker',
  'nogen', 'noget', 'nogle', 'lov', 'loven', 'ifølge', 'dansk', 'stor', 'stort', 'store',
  'mange', 'meget', 'længe', 'lang', 'langt', 'krav', 'stilles', 'betingelser',
  'what', 'when', 'how', 'which', 'does', 'the', 'law',
];

/** Distinct content terms of a question, in order. */
export function questionTerms(question: string, analyzer: Analyzer): string[] {
  const drop = new Set(analyzer.terms(QUESTION_WORDS.join(' ')));
  const terms: string[] = [];
  for (const term of analyzer.terms(question)) {
    if (!drop.has(term) && !terms.includes(term)) terms.push(term);
  }
  return terms;
}

export interface ScoredSentence {
  span: SentenceSpan;
  /** Question terms the sentence contains. */
  matched: string[];
  /** Sum of matched term weights, minus a little for length. */
  score: number;
  /** Share of the question's weight the sentence covers, 0–1. */
  coverage: number;
}

/** Sentences of several texts, scored against one question. */
export interface SentenceScores {
  /** Per text, its sentences in text order. */
  texts: ScoredSentence[][];
  /** Weight of each question term. */
  weights: Map<string, number>;
}

/** Splits and scores the sentences of `texts` against the question's `terms`. */
export function scoreSentences(
  texts: readonly string[],
  terms: readonly string[],
  analyzer: Analyzer,
): SentenceScores {
  const wanted = new Set(terms);
  const split = texts.map((text) =>
    splitSentences(text).map((span) => {
      const all = analyzer.terms(text.slice(span.start, span.end));
      return { span, length: all.length, present: new Set(all.filter((t) => wanted.has(t))) };
    }),
  );

  const sentenceCount = split.reduce((sum, sentences) => sum + sentences.length, 0);
  const weights = new Map<string, number>();
  for (const term of wanted) {
    let df = 0;
    for (const sentences of split) for (const s of sentences) if (s.present.has(term)) df++;
    weights.set(term, 1 + Math.log((sentenceCount + 1) / (df + 1)));
  }
  const total = [...weights.values()].reduce((sum, w) => sum + w, 0);

  const scored = split.map((sentences) =>
    sentences.map((s): ScoredSentence => {
      const matched = terms.filter((t) => s.present.has(t));
      const weight = matched.reduce((sum, t) => sum + (weights.get(t) ?? 0), 0);
      return {
        span: s.span,
        matched,
        score: weight === 0 ? 0 : weight - 0.002 * s.length,
        coverage: total === 0 ? 0 : weight / total,
      };
    }),
  );
  return { texts: scored, weights };
}

/** The sentence containing offset `at`, or undefined. */
export function sentenceAt(
  sentences: readonly ScoredSentence[],
  at: number,
): ScoredSentence | undefined {
  return sentences.find((s) => s.span.start <= at && at < s.span.end);
}
