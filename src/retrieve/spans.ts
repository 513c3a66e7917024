/**
 * Tight spans: the part of a chunk that answers a query. A chunk is cut at
 * the boundaries its text gives (line breaks, sentence and clause ends);
 * each piece scores the query terms it holds, weighted by how rare each term
 * is among the chunks returned; the best piece is widened over neighbours
 * that score nearly as well. A chunk with no matching piece stays whole.
 */
import type { Analyzer } from '../analyze/analyzer.js';
import type { SearchHit } from './types.js';

/** A `[start, end)` span relative to the start of a chunk's text. */
export interface LocalSpan {
  start: number;
  end: number;
}

/** Options of `tightSpan`. */
export interface TightSpanOptions {
  /** Neighbours scoring at least this fraction of the best piece join it. Default 0.4. */
  keep?: number;
}

// After a line break, or after `.`, `;`, `:`, `!`, `?` followed by space: a piece ends.
const BOUNDARY = /\n+|(?<=[.;:!?])\s+(?=\S)/gu;

/** Pieces of `text` between boundaries, each `[start, end)` with its trailing space. */
export function pieces(text: string): LocalSpan[] {
  const found: LocalSpan[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const end = (match.index as number) + match[0].length;
    if (text.slice(start, match.index).trim() !== '') found.push({ start, end });
    else if (found.length > 0) (found[found.length - 1] as LocalSpan).end = end;
    start = end;
  }
  if (text.slice(start).trim() !== '') found.push({ start, end: text.length });
  else if (found.length > 0) (found[found.length - 1] as LocalSpan).end = text.length;
  return found;
}

/** Weights of query terms: IDF among the given chunk texts; terms all of them hold count least. */
export function termWeights(
  terms: ReadonlySet<string>,
  texts: readonly string[],
  analyzer: (text: string) => Analyzer,
): Map<string, number> {
  const df = new Map<string, number>();
  for (const text of texts) {
    for (const term of new Set(analyzer(text).terms(text))) {
      if (terms.has(term)) df.set(term, (df.get(term) ?? 0) + 1);
    }
  }
  const weights = new Map<string, number>();
  for (const term of terms) {
    const n = df.get(term) ?? 0;
    weights.set(term, Math.log(1 + (texts.length - n + 0.5) / (n + 0.5)));
  }
  return weights;
}

/**
 * The span of `text` that best matches terms with `weights`: the best piece
 * and the neighbours around it that score at least `keep` of it. The whole
 * text when no piece matches, or when the text is one piece.
 */
export function tightSpan(
  text: string,
  weights: ReadonlyMap<string, number>,
  analyzer: Analyzer,
  options: TightSpanOptions = {},
): LocalSpan {
  const keep = options.keep ?? 0.4;
  const parts = pieces(text);
  const whole = { start: 0, end: text.length };
  if (parts.length <= 1) return whole;

  const scores = parts.map((part) => {
    let score = 0;
    for (const term of new Set(analyzer.terms(text.slice(part.start, part.end)))) {
      score += weights.get(term) ?? 0;
    }
    return score;
  });
  let best = 0;
  scores.forEach((score, i) => {
    if (score > (scores[best] as number)) best = i;
  });
  const top = scores[best] as number;
  if (top <= 0) return whole;

  let first = best;
  let last = best;
  while (first > 0 && (scores[first - 1] as number) >= keep * top) first -= 1;
  while (last + 1 < parts.length && (scores[last + 1] as number) >= keep * top) last += 1;
  const start = (parts[first] as LocalSpan).start;
  let end = (parts[last] as LocalSpan).end;
  // Trailing space belongs to no answer.
  while (end > start && /\s/u.test(text[end - 1] as string)) end -= 1;
  return { start, end };
}

/**
 * Narrows every text hit to its tight span in place: `start`/`end` move
 * inside the chunk, `chunkStart`/`chunkEnd` keep the chunk's own span. Terms
 * are weighted by `termWeights` over the hits' chunks. A provision found by
 * its citation stays whole: the citation named all of it.
 */
export function tightenHits(
  hits: SearchHit[],
  terms: ReadonlySet<string>,
  analyzerOf: (hit: SearchHit) => Analyzer,
  options: TightSpanOptions = {},
): void {
  const analyzers = new Map(hits.map((hit) => [hit.text, analyzerOf(hit)]));
  const analyzer = (text: string): Analyzer => analyzers.get(text) as Analyzer;
  const weights = termWeights(terms, hits.map((hit) => hit.text), analyzer);
  for (const hit of hits) {
    if (hit.matchedBy === 'citation') continue;
    const span = tightSpan(hit.text, weights, analyzer(hit.text), options);
    if (span.start === 0 && span.end === hit.text.length) continue;
    hit.chunkStart = hit.start;
    hit.chunkEnd = hit.end;
    hit.end = hit.start + span.end;
    hit.start += span.start;
  }
}
