/**
 * Runs a benchmark subset through the public facade: ingest its documents
 * into a fresh data folder per engine, search every query, turn hits into
 * file spans and score them. Nothing here knows which benchmark it runs;
 * every run of a subset sees the same chunks, so rows differ by engine and
 * request options only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type EngineName, openLexhop } from '../lexhop.js';
import type { SearchHit, SearchRequest } from '../retrieve/types.js';
import type { BenchmarkSubset } from './legalbench.js';
import { type OffsetMap, offsetMap } from './offsets.js';
import { type FileSpan, scoreSubset, type SubsetScore } from './scoring.js';

/** One row of the table: an engine and the request options it searches with. */
export interface EvalRun {
  label: string;
  engine: EngineName;
  /** Merged into every search request; `query` and `limit` are set by the harness. */
  request: Omit<SearchRequest, 'query' | 'limit'>;
  /**
   * Reorders each response's hits before scoring, for measuring a reranker
   * (an embedding model, say) on top of the search API. Default: none.
   */
  rerank?: (query: string, hits: SearchHit[]) => Promise<SearchHit[]>;
}

/** What one run measured. */
export interface RunResult {
  label: string;
  engine: EngineName;
  /** The engine's own name, e.g. `sqlite-fts5`. */
  engineName: string;
  request: EvalRun['request'];
  score: SubsetScore;
  search: { meanMs: number; p95Ms: number };
  /** Self-checks: hits whose document is not a benchmark file, or whose text is not there. */
  checks: { hits: number; unmappedHits: number; textMismatches: number };
}

/** The evaluation of one subset. */
export interface SubsetReport {
  subset: string;
  documents: number;
  chunks: number;
  /** Corpus files the ingest skipped, with why. */
  skipped: { file: string; code: string; message: string }[];
  queries: number;
  ks: number[];
  /** Ingest time per engine, in ms. */
  ingestMs: Record<string, number>;
  runs: RunResult[];
}

export interface EvaluateOptions {
  ks: number[];
  runs: EvalRun[];
  /** Parent of the temporary data folders. Default: the OS temp folder. */
  tempDir?: string;
  /** Called after each query, for progress output. */
  onProgress?: (progress: { run: string; done: number; total: number }) => void;
}

/** A corpus file as JavaScript reads it. */
interface CorpusText {
  text: string;
  offsets: OffsetMap;
  /** 1 when the file opens with a byte order mark, which loaders drop from document text. */
  shift: number;
}

/** Corpus files, read once each. */
class CorpusFiles {
  private readonly texts = new Map<string, CorpusText>();
  private readonly keys = new Map<string, string | undefined>();

  constructor(private readonly subset: BenchmarkSubset) {}

  get(file: string): CorpusText {
    let entry = this.texts.get(file);
    if (entry === undefined) {
      const text = readFileSync(path.join(this.subset.corpusRoot, file), 'utf8');
      entry = { text, offsets: offsetMap(text), shift: text.charCodeAt(0) === 0xfeff ? 1 : 0 };
      this.texts.set(file, entry);
    }
    return entry;
  }

  /**
   * The benchmark file a document key stands for. File loaders key a
   * document by its path below the ingested folder (`file:<path>`), so the
   * key's path is a suffix of exactly one corpus path.
   */
  fileOf(key: string): string | undefined {
    if (this.keys.has(key)) return this.keys.get(key);
    const relative = key.replace(/^[a-z]+:/u, '').split(path.sep).join('/');
    const matches = this.subset.files.filter((f) => f === relative || f.endsWith(`/${relative}`));
    const file = matches.length === 1 ? matches[0] : undefined;
    this.keys.set(key, file);
    return file;
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

/** Chunk offsets of a hit: the hit's own span unless it was narrowed inside its chunk. */
function chunkSpan(hit: SearchHit): { start: number; end: number } {
  return { start: hit.chunkStart ?? hit.start, end: hit.chunkEnd ?? hit.end };
}

/** Evaluates every run on one subset; each engine gets a fresh data folder. */
export async function evaluateSubset(
  subset: BenchmarkSubset,
  options: EvaluateOptions,
): Promise<SubsetReport> {
  const limit = Math.max(...options.ks);
  const corpus = new CorpusFiles(subset);
  const report: SubsetReport = {
    subset: subset.name, documents: 0, chunks: 0, skipped: [], queries: subset.queries.length,
    ks: [...options.ks], ingestMs: {}, runs: [],
  };
  const engines = [...new Set(options.runs.map((r) => r.engine))];

  for (const engine of engines) {
    const dataDir = mkdtempSync(path.join(options.tempDir ?? tmpdir(), `lexhop-eval-${engine}-`));
    const lexhop = await openLexhop({ dataDir, engine });
    try {
      const summary = await lexhop.ingest([subset.corpusDir]);
      report.ingestMs[engine] = Math.round(summary.ms);
      report.documents = summary.documents;
      report.chunks = summary.chunks;
      report.skipped = summary.skipped.map(({ file, code, message }) => ({ file, code, message }));

      for (const run of options.runs.filter((r) => r.engine === engine)) {
        const checks = { hits: 0, unmappedHits: 0, textMismatches: 0 };
        const times: number[] = [];
        const scored = [];
        for (const [i, query] of subset.queries.entries()) {
          const started = performance.now();
          const response = await lexhop.search({ ...run.request, query: query.query, limit });
          const hits = run.rerank === undefined
            ? response.hits
            : await run.rerank(query.query, response.hits);
          times.push(performance.now() - started);
          const ranked = hits.map((hit) => toFileSpan(hit, corpus, checks));
          scored.push({ truth: query.truth, ranked });
          options.onProgress?.({ run: run.label, done: i + 1, total: subset.queries.length });
        }
        report.runs.push({
          label: run.label, engine, engineName: lexhop.engineName, request: run.request,
          score: scoreSubset(scored, options.ks),
          search: {
            meanMs: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
            p95Ms: percentile(times, 0.95),
          },
          checks,
        });
      }
    } finally {
      await lexhop.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return report;
}

/** A hit as a span of a benchmark file, in code points; checks that its text is there. */
function toFileSpan(
  hit: SearchHit,
  corpus: CorpusFiles,
  checks: RunResult['checks'],
): FileSpan {
  checks.hits += 1;
  const file = corpus.fileOf(hit.documentKey);
  if (file === undefined) {
    checks.unmappedHits += 1;
    return { file: hit.documentKey, start: hit.start, end: hit.end };
  }
  const { text, offsets, shift } = corpus.get(file);
  const chunk = chunkSpan(hit);
  if (text.slice(shift + chunk.start, shift + chunk.end) !== hit.text) checks.textMismatches += 1;
  return {
    file, start: offsets.toCodePoint(shift + hit.start), end: offsets.toCodePoint(shift + hit.end),
  };
}
