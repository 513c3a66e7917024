/**
 * In-process search latency over the query mix, one query at a time: a
 * warm-up pass (caches, JIT), then the measured pass.
 */
import type { LexhopApi } from '../../src/api.js';
import type { SearchRequest } from '../../src/retrieve/types.js';
import { QUERY_KINDS, type BenchQuery, type QueryKind } from '../queries/mix.js';
import { summarize, type LatencySummary } from './percentiles.js';

export interface SequentialResult {
  overall: LatencySummary;
  /**
   * CPU time per query (this process, user + system). On a shared machine it
   * moves less than wall time, since waiting for a core does not count.
   */
  cpu: LatencySummary;
  byKind: Partial<Record<QueryKind, LatencySummary>>;
  /** Queries that found nothing (a mix drawn from acts missing from a prefix finds less). */
  empty: number;
  /** Share of citation queries whose first hit was matched by citation. */
  citationResolved: number;
  slowest: { id: string; query: string; ms: number }[];
  /** Milliseconds per query id, for engine-to-engine ratios. */
  perQuery: Record<string, number>;
}

/** Runs the mix (or its start) once to warm up, unless `warmup` is false, then once measured. */
export async function measureSequential(
  lexhop: LexhopApi,
  queries: readonly BenchQuery[],
  options: {
    warmup?: boolean;
    /** Queries of the warm-up pass. Default: all. */
    warmupQueries?: number;
    limit?: number;
    request?: Omit<SearchRequest, 'query'>;
  } = {},
): Promise<SequentialResult> {
  const limit = options.limit ?? 10;
  const extra = options.request ?? {};
  if (options.warmup !== false) {
    for (const query of queries.slice(0, options.warmupQueries ?? queries.length)) {
      await lexhop.search({ ...extra, query: query.query, limit });
    }
  }

  const perQuery: Record<string, number> = {};
  const cpuMs: number[] = [];
  const byKindMs = new Map<QueryKind, number[]>();
  let empty = 0;
  let citations = 0;
  let resolved = 0;
  for (const query of queries) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const response = await lexhop.search({ ...extra, query: query.query, limit });
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    cpuMs.push((cpu.user + cpu.system) / 1000);
    perQuery[query.id] = ms;
    const list = byKindMs.get(query.kind) ?? [];
    list.push(ms);
    byKindMs.set(query.kind, list);
    if (response.hits.length === 0) empty += 1;
    if (query.kind === 'citation') {
      citations += 1;
      if (response.hits[0]?.matchedBy === 'citation') resolved += 1;
    }
  }

  const byKind: Partial<Record<QueryKind, LatencySummary>> = {};
  for (const kind of QUERY_KINDS) {
    const list = byKindMs.get(kind);
    if (list !== undefined) byKind[kind] = summarize(list);
  }
  const slowest = queries
    .map((q) => ({ id: q.id, query: q.query, ms: perQuery[q.id] as number }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10);
  return {
    overall: summarize(Object.values(perQuery)), cpu: summarize(cpuMs), byKind, empty,
    citationResolved: citations === 0 ? 0 : resolved / citations, slowest, perQuery,
  };
}
