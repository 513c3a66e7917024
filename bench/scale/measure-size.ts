/**
 * One corpus size, end to end: build (ingest, FTS5 peer) in child processes,
 * check nothing was lost, time searches in process, then load the server.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLexhop } from '../../src/lexhop.js';
import type { BenchQuery } from '../queries/mix.js';
import { RepeatedBodies, UniqueBodies } from './bodies.js';
import { checkCitations } from './citations.js';
import { diskUse } from './disk.js';
import { measureSequential } from './latency.js';
import {
  cachedRun, concurrencySweep, rateSweep, settle, warmUp, type LoadStep,
} from './load.js';
import type { ScaleOptions } from './options.js';
import { pacedSweep } from './paced.js';
import { percentile, summarize } from './percentiles.js';
import { runNodeChild } from './processes.js';
import type { EngineName, HttpResult, IngestResult, SizeResult } from './results.js';
import { startServer } from './server.js';

const MARKER = 'bench-scale.json';

export interface SizeContext {
  root: string;
  options: ScaleOptions;
  queries: readonly BenchQuery[];
  /** Whether the server can run (dist/ built). */
  httpReady: boolean;
  log: (line: string) => void;
}

interface Marker {
  ingest?: IngestResult;
  fts5Build?: { ms: number; peakRssBytes?: number };
}

function readMarker(dataDir: string): Marker | undefined {
  const file = path.join(dataDir, MARKER);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Marker) : undefined;
}

/** A fresh data folder; only folders this benchmark made are ever removed. */
function prepareFolder(dataDir: string, reuse: boolean): Marker | undefined {
  const marker = readMarker(dataDir);
  if (reuse && marker?.ingest !== undefined) return marker;
  if (existsSync(dataDir)) {
    if (marker === undefined) throw new Error(`${dataDir} exists and was not made by bench:scale`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, MARKER), '{}\n');
  return undefined;
}

async function ingestStep(context: SizeContext, dataDir: string, maxChunks?: number): Promise<IngestResult> {
  const script = path.join(context.root, 'bench', 'scale', 'build-child.ts');
  const args = ['--mode', 'ingest', '--data', dataDir, '--corpus', context.options.corpus];
  if (maxChunks !== undefined) args.push('--max-chunks', String(maxChunks));
  const child = await runNodeChild(script, args);
  const result = child.result as {
    ingestMs: number; closeMs: number;
    summary: { documents: number; chunks: number; skipped: number };
  } | undefined;
  if (child.code !== 0 || result === undefined) throw new Error(`ingest failed (exit ${child.code})`);
  return {
    documents: result.summary.documents, chunks: result.summary.chunks,
    skipped: result.summary.skipped, ingestMs: result.ingestMs, closeMs: result.closeMs,
    wallMs: child.wallMs,
    ...(child.peakRssBytes === undefined ? {} : { peakRssBytes: child.peakRssBytes }),
  };
}

async function fts5Step(context: SizeContext, dataDir: string): Promise<{ ms: number; peakRssBytes?: number }> {
  const script = path.join(context.root, 'bench', 'scale', 'build-child.ts');
  const child = await runNodeChild(script, ['--mode', 'fts5', '--data', dataDir]);
  const result = child.result as { totalMs: number } | undefined;
  if (child.code !== 0 || result === undefined) throw new Error(`FTS5 build failed (exit ${child.code})`);
  return {
    ms: result.totalMs,
    ...(child.peakRssBytes === undefined ? {} : { peakRssBytes: child.peakRssBytes }),
  };
}

function diskParts(files: Record<string, number>): SizeResult['diskParts'] {
  const sum = (test: (name: string) => boolean): number =>
    Object.entries(files).filter(([name]) => test(name)).reduce((total, [, bytes]) => total + bytes, 0);
  return {
    store: sum((name) => name.startsWith('lexhop.db')),
    bm25: sum((name) => name.includes('bm25')),
    fts5: sum((name) => name.includes('fts5')),
  };
}

/** Every k-th query, so a slow peer is timed on a smaller mix of the same kinds. */
function peerSubset(queries: readonly BenchQuery[], size: number): readonly BenchQuery[] {
  if (size <= 0 || size >= queries.length) return queries;
  const step = queries.length / size;
  return Array.from({ length: size }, (_, i) => queries[Math.floor(i * step)] as BenchQuery);
}

async function inProcess(context: SizeContext, dataDir: string, result: SizeResult): Promise<void> {
  const perQuery: Partial<Record<EngineName, Record<string, number>>> = {};
  const peerQueries = peerSubset(context.queries, context.options.peerQueries);
  for (const engine of context.options.engines) {
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const opening = performance.now();
    const lexhop = await openLexhop({ dataDir, engine, readOnly: true });
    const openMs = performance.now() - opening;
    const statsStarted = performance.now();
    const stats = lexhop.stats();
    result.open[engine] = {
      ms: openMs, rssDeltaBytes: process.memoryUsage().rss - rssBefore,
      statsMs: performance.now() - statsStarted,
    };
    try {
      result.verify.searchable[engine] = stats.searchableChunks;
      result.verify.stored = stats.chunks;
      const queries = engine === 'lexhop' ? context.queries : peerQueries;
      context.log(`  ${engine}: open ${(openMs / 1000).toFixed(1)} s, ` +
        `${stats.searchableChunks} searchable of ${stats.chunks}; timing ${queries.length} queries…`);
      const sequential = await measureSequential(lexhop, queries, {
        ...(engine === 'lexhop' ? {} : { warmupQueries: 30 }),
      });
      perQuery[engine] = sequential.perQuery;
      result.sequential[engine] = {
        overall: sequential.overall, cpu: sequential.cpu, byKind: sequential.byKind,
        empty: sequential.empty,
        citationResolved: sequential.citationResolved, slowest: sequential.slowest,
      };
      const o = sequential.overall;
      context.log(`  ${engine}: p50 ${o.p50.toFixed(2)} p95 ${o.p95.toFixed(2)} ` +
        `p99 ${o.p99.toFixed(2)} ms (CPU mean ${sequential.cpu.mean.toFixed(2)} ms), ` +
        `${sequential.empty} empty`);
      if (engine === 'lexhop' && context.options.citations > 0) {
        result.citations = await checkCitations(lexhop, { sample: context.options.citations });
        const c = result.citations;
        context.log(`  citations: ${c.byName}/${c.sampled} first by name ` +
          `(${c.byNameAsCitation} as citation), ${c.byKey} by section, ${c.either} either`);
      }
    } finally {
      await lexhop.close();
    }
  }

  // Ratios on the queries both engines ran.
  const lexhopMs = perQuery.lexhop;
  const ftsMs = perQuery.fts5;
  if (lexhopMs !== undefined && ftsMs !== undefined) {
    const ids = Object.keys(ftsMs).filter((id) => lexhopMs[id] !== undefined);
    const ours = summarize(ids.map((id) => lexhopMs[id] as number));
    const peer = summarize(ids.map((id) => ftsMs[id] as number));
    const ratios = ids.map((id) => (ftsMs[id] as number) / (lexhopMs[id] as number)).sort((a, b) => a - b);
    result.ratio = {
      queries: ids.length, p50: peer.p50 / ours.p50, p95: peer.p95 / ours.p95, p99: peer.p99 / ours.p99,
      medianPerQuery: percentile(ratios, 50),
    };
  }
}

async function overHttp(context: SizeContext, dataDir: string, engine: EngineName): Promise<HttpResult> {
  const { options, log } = context;
  const server = await startServer({ root: context.root, dataDir, engine, workers: options.workers });
  log(`  http ${engine}: ${options.workers} workers ready in ${(server.readyMs / 1000).toFixed(1)} s`);
  const http: HttpResult = {
    engine, workers: options.workers, readyMs: server.readyMs,
    rssReadyBytes: server.rss().map((p) => p.rssBytes).sort((a, b) => a - b), rssBytes: [],
    paced: [], rate: [], concurrency: [], uncachedHitShare: 0,
  };
  try {
    const target = { port: server.port, bodies: new UniqueBodies(context.queries, options.unique) };
    const sweep = { durationS: options.stepSeconds, p99LimitMs: options.p99LimitMs, log };
    await warmUp(target);
    if (options.http.includes('paced')) http.paced = await pacedSweep(target, { ...sweep, rates: options.rates });
    if (options.http.includes('rate')) http.rate = await rateSweep(target, { ...sweep, rates: options.rates });
    // The peer gets the fixed-rate sweeps only: closed-loop and cache runs measure the server.
    if (engine === 'lexhop' && options.http.includes('concurrency')) {
      http.concurrency = await concurrencySweep(target, { ...sweep, connections: options.concurrency });
    }
    if (engine === 'lexhop' && options.http.includes('cached')) {
      await settle(server.port);
      const repeated = { port: server.port, bodies: new RepeatedBodies(context.queries.slice(0, 20)) };
      http.cached = await cachedRun(repeated, { connections: 64, durationS: options.stepSeconds, log });
    }
    const uncached: LoadStep[] = [...http.paced, ...http.rate, ...http.concurrency];
    const completed = uncached.reduce((n, s) => n + s.completed, 0);
    http.uncachedHitShare = uncached.reduce((n, s) => n + s.cacheHits, 0) / Math.max(completed, 1);
    http.rssBytes = server.rss().map((p) => p.rssBytes).sort((a, b) => a - b);
  } finally {
    await server.stop();
  }
  return http;
}

/** Builds and measures one size; `size` is a chunk count or the whole corpus. */
export async function measureSize(
  context: SizeContext,
  label: string,
  dataDir: string,
  maxChunks: number | undefined,
): Promise<SizeResult> {
  const { options, log } = context;
  const loadAverage = [os.loadavg()[0] as number];
  const reused = prepareFolder(dataDir, options.reuse);
  const marker: Marker = reused ?? {};
  if (reused?.ingest === undefined) {
    log(`  ingest${maxChunks === undefined ? '' : ` (at most ${maxChunks} chunks)`} in a child process…`);
    marker.ingest = await ingestStep(context, dataDir, maxChunks);
    writeFileSync(path.join(dataDir, MARKER), `${JSON.stringify(marker)}\n`);
  }
  const ingest = marker.ingest as IngestResult;
  log(`  ingested ${ingest.documents} documents, ${ingest.chunks} chunks in ` +
    `${((ingest.ingestMs + ingest.closeMs) / 1000).toFixed(1)} s, peak RSS ` +
    `${Math.round((ingest.peakRssBytes ?? 0) / 1048576)} MB`);
  if (options.engines.includes('fts5') && marker.fts5Build === undefined) {
    log('  building the FTS5 peer from the system of record in a child process…');
    marker.fts5Build = await fts5Step(context, dataDir);
    writeFileSync(path.join(dataDir, MARKER), `${JSON.stringify(marker)}\n`);
  }

  const disk = diskUse(dataDir);
  const result: SizeResult = {
    label, loadAverage, dataDir, ingest, disk, diskParts: diskParts(disk.files),
    ...(maxChunks === undefined ? {} : { maxChunks }),
    ...(marker.fts5Build === undefined ? {} : { fts5Build: marker.fts5Build }),
    verify: { ingested: ingest.chunks, stored: 0, searchable: {}, ok: false },
    open: {}, sequential: {}, http: {},
  };
  loadAverage.push(os.loadavg()[0] as number);
  await inProcess(context, dataDir, result);
  const searchable = Object.values(result.verify.searchable);
  result.verify.ok = result.verify.stored === ingest.chunks &&
    searchable.every((count) => count === ingest.chunks);

  if (context.httpReady && options.http.length > 0) {
    loadAverage.push(os.loadavg()[0] as number);
    for (const engine of options.engines) result.http[engine] = await overHttp(context, dataDir, engine);
  }
  return result;
}
