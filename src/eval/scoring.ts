/**
 * Character-span scoring of retrieval, as LegalBench-RAG defines it
 * (Pipitone & Alami, 2024): a query's ground truth and a system's top-k
 * results are both sets of `(file, [start, end))` spans, and precision and
 * recall count characters, not documents or chunks.
 */

/** A `[start, end)` character span of one file. */
export interface FileSpan {
  file: string;
  start: number;
  end: number;
}

/** Precision and recall of one query at each k, in the order of `ks`. */
export interface QueryScore {
  precision: number[];
  recall: number[];
}

/** Scores of a whole subset: per-k means over the scored queries. */
export interface SubsetScore {
  ks: number[];
  precision: number[];
  recall: number[];
  /** Queries averaged. */
  queries: number;
  /** Queries left out because their ground truth holds no characters. */
  skipped: number;
}

type Interval = [number, number];

/** Sorts and merges overlapping or touching intervals; drops empty ones. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Interval[] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The union of spans per file, each file's intervals merged. */
function unionByFile(spans: readonly FileSpan[]): Map<string, Interval[]> {
  const byFile = new Map<string, Interval[]>();
  for (const span of spans) {
    const list = byFile.get(span.file) ?? [];
    list.push([span.start, span.end]);
    byFile.set(span.file, list);
  }
  for (const [file, list] of byFile) byFile.set(file, mergeIntervals(list));
  return byFile;
}

function length(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, [s, e]) => sum + (e - s), 0);
}

/** Characters two merged interval lists share. */
function overlap(a: readonly Interval[], b: readonly Interval[]): number {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [aStart, aEnd] = a[i] as Interval;
    const [bStart, bEnd] = b[j] as Interval;
    shared += Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
    if (aEnd < bEnd) i += 1;
    else j += 1;
  }
  return shared;
}

/** Characters of the ground truth, counted once however often spans repeat. */
export function truthLength(truth: readonly FileSpan[]): number {
  let total = 0;
  for (const intervals of unionByFile(truth).values()) total += length(intervals);
  return total;
}

/**
 * Precision and recall of one query's ranked results at each k.
 *
 * The top k results are merged per file first, so characters that several
 * results return are counted once in both the numerator and the precision
 * denominator (the README's rule). The ground truth is merged the same way.
 * No results give precision 0 and recall 0, as in the paper's code, since an
 * empty answer retrieves nothing relevant. A ground truth without characters
 * makes recall undefined: callers skip such queries (see `scoreSubset`).
 */
export function scoreQuery(
  truth: readonly FileSpan[],
  ranked: readonly FileSpan[],
  ks: readonly number[],
): QueryScore {
  const truthByFile = unionByFile(truth);
  const truthTotal = [...truthByFile.values()].reduce((sum, list) => sum + length(list), 0);
  const precision: number[] = [];
  const recall: number[] = [];

  for (const k of ks) {
    const retrieved = unionByFile(ranked.slice(0, k));
    let returned = 0;
    let relevant = 0;
    for (const [file, intervals] of retrieved) {
      returned += length(intervals);
      const wanted = truthByFile.get(file);
      if (wanted !== undefined) relevant += overlap(intervals, wanted);
    }
    precision.push(returned === 0 ? 0 : relevant / returned);
    recall.push(truthTotal === 0 ? 0 : relevant / truthTotal);
  }
  return { precision, recall };
}

/** One query's ground truth and ranked results, for `scoreSubset`. */
export interface ScoredQuery {
  truth: readonly FileSpan[];
  ranked: readonly FileSpan[];
}

/** Mean precision and recall at each k over the queries that have ground truth. */
export function scoreSubset(queries: readonly ScoredQuery[], ks: readonly number[]): SubsetScore {
  const precision = ks.map(() => 0);
  const recall = ks.map(() => 0);
  let scored = 0;
  let skipped = 0;

  for (const query of queries) {
    if (truthLength(query.truth) === 0) {
      skipped += 1;
      continue;
    }
    const score = scoreQuery(query.truth, query.ranked, ks);
    score.precision.forEach((p, i) => (precision[i] = (precision[i] as number) + p));
    score.recall.forEach((r, i) => (recall[i] = (recall[i] as number) + r));
    scored += 1;
  }

  const mean = (sum: number): number => (scored === 0 ? 0 : sum / scored);
  return {
    ks: [...ks], precision: precision.map(mean), recall: recall.map(mean),
    queries: scored, skipped,
  };
}
