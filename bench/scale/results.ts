/** What the scale benchmark measures per corpus size, and what it derives from them. */
import type { CitationCheck } from './citations.js';
import type { DiskUse } from './disk.js';
import type { SequentialResult } from './latency.js';
import type { LoadStep } from './load.js';

export type EngineName = 'lexhop' | 'fts5';

export interface IngestResult {
  documents: number;
  chunks: number;
  skipped: number;
  /** Loading, chunking, storing and indexing. */
  ingestMs: number;
  /** Writing the engine snapshot on close. */
  closeMs: number;
  wallMs: number;
  peakRssBytes?: number;
}

export interface HttpResult {
  engine: EngineName;
  workers: number;
  readyMs: number;
  /** Resident memory of each server process once ready, before any load. */
  rssReadyBytes: number[];
  /** Resident memory of each server process after the load (result caches filled). */
  rssBytes: number[];
  paced: LoadStep[];
  rate: LoadStep[];
  concurrency: LoadStep[];
  cached?: LoadStep;
  /** Share of uncached-load responses the server still answered from its cache. */
  uncachedHitShare: number;
}

export interface SizeResult {
  label: string;
  /** 1-minute load average when the size started, before in-process timing, and before HTTP. */
  loadAverage: number[];
  maxChunks?: number;
  dataDir: string;
  ingest: IngestResult;
  fts5Build?: { ms: number; peakRssBytes?: number };
  verify: { ingested: number; stored: number; searchable: Partial<Record<EngineName, number>>; ok: boolean };
  disk: DiskUse;
  /** Bytes of the system of record, the lexhop snapshot and the FTS5 index. */
  diskParts: { store: number; bm25: number; fts5: number };
  /** Opening read-only (snapshot load or catch-up), and one `stats()` call. */
  open: Partial<Record<EngineName, { ms: number; rssDeltaBytes: number; statsMs: number }>>;
  sequential: Partial<Record<EngineName, Omit<SequentialResult, 'perQuery'>>>;
  /** fts5 ÷ lexhop per percentile on the queries both ran, and the median per-query ratio. */
  ratio?: { queries: number; p50: number; p95: number; p99: number; medianPerQuery: number };
  citations?: CitationCheck;
  http: Partial<Record<EngineName, HttpResult>>;
}

export interface ScaleReport {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryBytes: number; node: string; platform: string };
  corpus: string;
  mix: { file: string; queries: number; seed: number };
  options: Record<string, unknown>;
  sizes: SizeResult[];
  growth?: Growth;
  notes: string[];
}

/** `y = a · chunks^b` fitted on the sizes, and y at 10M chunks. */
export interface GrowthFit {
  exponent: number;
  at10M: number;
}

export type Growth = Record<string, GrowthFit>;

/** Least-squares fit of log y on log x; needs two points with distinct x. */
export function fitPower(points: { x: number; y: number }[], at: number): GrowthFit | undefined {
  const usable = points.filter((p) => p.x > 0 && p.y > 0 && Number.isFinite(p.y));
  if (usable.length < 2) return undefined;
  const xs = usable.map((p) => Math.log(p.x));
  const ys = usable.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * ((ys[i] as number) - my);
    sxx += (x - mx) ** 2;
  });
  if (sxx === 0) return undefined;
  const exponent = sxy / sxx;
  const intercept = my - exponent * mx;
  return { exponent, at10M: Math.exp(intercept + exponent * Math.log(at)) };
}

/** Best rate whose step held p99 within `limitMs` without failures, or 0. */
export function maxRateWithin(steps: readonly LoadStep[], limitMs: number): number {
  let best = 0;
  for (const step of steps) {
    const failed = step.errors + step.timeouts + step.non2xx > 0.01 * Math.max(step.completed, 1);
    if (step.latencyMs.p99 <= limitMs && !failed) best = Math.max(best, step.achievedRps);
  }
  return best;
}

/** The step at a target rate, if the sweep reached it. */
export function stepAt(steps: readonly LoadStep[], rps: number): LoadStep | undefined {
  return steps.find((s) => s.targetRps === rps);
}

/** Growth of latency, memory and disk with the corpus, from every measured size. */
export function growthOf(sizes: readonly SizeResult[]): Growth {
  const growth: Growth = {};
  const add = (name: string, y: (s: SizeResult) => number | undefined): void => {
    const points = sizes.flatMap((s) => {
      const value = y(s);
      return value === undefined ? [] : [{ x: s.ingest.chunks, y: value }];
    });
    const fit = fitPower(points, 10_000_000);
    if (fit !== undefined) growth[name] = fit;
  };
  for (const engine of ['lexhop', 'fts5'] as const) {
    add(`${engine} in-process p50 ms`, (s) => s.sequential[engine]?.overall.p50);
    add(`${engine} in-process p99 ms`, (s) => s.sequential[engine]?.overall.p99);
  }
  add('ingest ms', (s) => s.ingest.ingestMs + s.ingest.closeMs);
  add('ingest peak RSS bytes', (s) => s.ingest.peakRssBytes);
  add('serve RSS per worker (ready) bytes', (s) => {
    const rss = s.http.lexhop?.rssReadyBytes ?? [];
    return rss.length === 0 ? undefined : Math.max(...rss);
  });
  add('store bytes', (s) => s.diskParts.store);
  add('bm25 snapshot bytes', (s) => s.diskParts.bm25);
  add('fts5 bytes', (s) => s.diskParts.fts5 || undefined);
  add('lexhop open ms', (s) => s.open.lexhop?.ms);
  return growth;
}
