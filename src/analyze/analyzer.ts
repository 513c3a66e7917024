import type { Language } from '../types.js';

/** A term with its `[start, end)` span in the analyzed text. */
export interface PositionedTerm {
  term: string;
  start: number;
  end: number;
}

/**
 * An analyzer turns text into index terms: Unicode normalization, case folding,
 * stop words and stemming, with legal tokens (`§ 263`, `stk. 2`, `nr. 3`,
 * `LBK nr. 1160`) kept as single terms. The same analyzer serves documents and
 * queries, so they meet on the same terms.
 */
export interface Analyzer {
  readonly language: Language;
  /** Index terms of `text`, in order, duplicates kept. */
  terms(text: string): string[];
  /** Terms with their spans in `text` (for highlighting). */
  positionedTerms(text: string): PositionedTerm[];
}
