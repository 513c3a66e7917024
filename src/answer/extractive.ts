/**
 * The extractive answer, used when no language model is configured or the
 * model failed: the sentences of the best provisions that match the question
 * most, quoted with their `[n]`, each followed by the provisions it refers to
 * (the reference hops) and the definitions of the question's terms. It is
 * labelled as quotation, not as a written answer.
 */
import type { Analyzer } from '../analyze/analyzer.js';
import { removeInvisible } from '../analyze/normalize.js';
import type { Gathered } from './gather.js';
import { scoreSentences, type ScoredSentence } from './scoring.js';
import type { SentenceSpan } from './sentences.js';
import type { Source } from './sources.js';
import type { UnsupportedReason } from './types.js';

/** Share of the question's weight the best sentence must cover to count as an answer. */
const MIN_COVERAGE = 0.6;
const MAX_SENTENCES = 3;
const MAX_PER_SOURCE = 2;
/** References quoted under a sentence, by depth: two under a source, one under those. */
const REFERENCES_AT_DEPTH = [0, 2, 1];
/** Reference quotations in the whole answer. */
const MAX_REFERENCE_LINES = 6;
const QUOTE_CHARS = 500;

/** The message for a question the sources do not answer. */
export const NOT_ANSWERED = 'the sources found do not answer the question.';

export interface ExtractiveAnswer {
  answer: string;
  /** Source numbers the answer quotes, ascending. */
  cited: number[];
  unsupported: boolean;
  unsupportedReason?: UnsupportedReason;
}

/** `Extractive answer (…): ` with the reason there is no written answer. */
export function extractiveLabel(degradedReason?: string): string {
  const why = degradedReason === undefined
    ? 'no language model configured'
    : `language model unavailable: ${degradedReason}`;
  return `Extractive answer (${why}): `;
}

function quote(text: string, span: SentenceSpan): string {
  let quoted = removeInvisible(text.slice(span.start, span.end)).replace(/\s+/gu, ' ').trim();
  if (quoted.length > QUOTE_CHARS) {
    const cut = quoted.lastIndexOf(' ', QUOTE_CHARS);
    quoted = `${quoted.slice(0, cut > QUOTE_CHARS * 0.7 ? cut : QUOTE_CHARS)} …`;
  }
  return `«${quoted}»`;
}

interface Pick {
  source: Source;
  sentence: ScoredSentence;
  rank: number;
}

/**
 * The best sentences of the primary sources, in source and text order. A
 * sentence must share two of the question's terms (one, for a one-term
 * question): one shared word alone is how unrelated provisions match.
 */
function pickSentences(
  primary: readonly Source[],
  scores: ScoredSentence[][],
  termCount: number,
): Pick[] {
  const minMatched = Math.min(2, termCount);
  const candidates: Pick[] = [];
  primary.forEach((source, index) => {
    for (const sentence of scores[index] ?? []) {
      if (sentence.score <= 0 || sentence.matched.length < minMatched) continue;
      candidates.push({ source, sentence, rank: sentence.score * (1 + 0.5 * source.prior) });
    }
  });
  candidates.sort((a, b) => b.rank - a.rank);
  const bestCoverage = candidates[0]?.sentence.coverage ?? 0;

  const picked: Pick[] = [];
  const perSource = new Map<number, number>();
  for (const candidate of candidates) {
    if (picked.length >= MAX_SENTENCES) break;
    if (candidate.sentence.coverage < bestCoverage * 0.5) continue;
    const count = perSource.get(candidate.source.n) ?? 0;
    if (count >= MAX_PER_SOURCE) continue;
    perSource.set(candidate.source.n, count + 1);
    picked.push(candidate);
  }
  return picked.sort((a, b) =>
    a.source.n - b.source.n || a.sentence.span.start - b.sentence.span.start);
}

/**
 * The sentence to quote for a referenced provision: its best match, else its
 * opening, where a provision states its rule.
 */
function bestSentenceOf(scores: ScoredSentence[]): ScoredSentence | undefined {
  let best = scores[0];
  for (const sentence of scores) if (sentence.score > (best?.score ?? 0)) best = sentence;
  return best;
}

/** Builds the extractive answer from the gathered sources. */
export function extractiveAnswer(
  gathered: Gathered,
  analyzer: Analyzer,
  label: string,
): ExtractiveAnswer {
  const sources = gathered.sources.all();
  const scores = scoreSentences(sources.map((s) => s.text), gathered.terms, analyzer).texts;
  const scoresOf = (source: Source): ScoredSentence[] => scores[source.n - 1] ?? [];
  const primary = sources.filter((s) => s.via === 'search' || s.via === 'subquestion');

  let picked = pickSentences(primary, primary.map(scoresOf), gathered.terms.length);
  const bestCoverage = Math.max(0, ...picked.map((p) => p.sentence.coverage));
  const named = primary.filter((s) => s.matchedBy === 'citation');
  if (bestCoverage < MIN_COVERAGE) picked = [];
  if (picked.length === 0 && named.length > 0) {
    // The question named the provision: quote its opening even without shared words.
    picked = named.slice(0, MAX_SENTENCES).flatMap((source) => {
      const sentence = scoresOf(source)[0];
      return sentence === undefined ? [] : [{ source, sentence, rank: 0 }];
    });
  }
  if (picked.length === 0) {
    return {
      answer: label + NOT_ANSWERED,
      cited: [],
      unsupported: true,
      unsupportedReason: 'no-relevant-source',
    };
  }

  const cited = new Set<number>();
  const lines: string[] = [];
  const links = gathered.sources.links;
  const quoted = new Set(picked.map((p) => `${p.source.n}:${p.sentence.span.start}`));
  let referenceLines = 0;
  // Under a quoted sentence, the provisions its references point to, and theirs.
  const follow = (source: Source, span: SentenceSpan, depth: number): void => {
    const targets = links.filter((link) =>
      link.from === source.n && link.start >= span.start && link.start < span.end);
    for (const link of targets.slice(0, REFERENCES_AT_DEPTH[depth] ?? 0)) {
      if (referenceLines >= MAX_REFERENCE_LINES) return;
      const target = gathered.sources.byNumber(link.to);
      const best = target === undefined ? undefined : bestSentenceOf(scoresOf(target));
      if (target === undefined || best === undefined) continue;
      const key = `${target.n}:${best.span.start}`;
      if (quoted.has(key)) continue;
      quoted.add(key);
      const indent = '  '.repeat(depth);
      lines.push(`${indent}→ ${link.ref}: ${quote(target.text, best.span)} [${target.n}]`);
      cited.add(target.n);
      referenceLines++;
      follow(target, best.span, depth + 1);
    }
  };
  for (const { source, sentence } of picked) {
    lines.push(`${quote(source.text, sentence.span)} [${source.n}]`);
    cited.add(source.n);
    follow(source, sentence.span, 1);
  }
  for (const source of sources.filter((s) => s.via === 'definition')) {
    for (const { term, span } of source.definitions ?? []) {
      lines.push(`Definition of »${term}«: ${quote(source.text, span)} [${source.n}]`);
      cited.add(source.n);
    }
  }

  return {
    answer: `${label}the most relevant passages, quoted from the sources.\n\n${lines.join('\n')}`,
    cited: [...cited].sort((a, b) => a - b),
    unsupported: false,
  };
}
