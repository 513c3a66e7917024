/**
 * `npm run bench -- mixed`: searches while documents are being written. The
 * server (two workers, one of them the writer) gets a read-only step and
 * then a step where a share of the requests are writes; the read-only step
 * is the peer, so the report gives how much writes cost searches as a ratio
 * measured in the same run. It also measures how soon a written document
 * is found, and checks that every acknowledged write was stored.
 *
 *   npm run bench -- mixed                        statutes of ../shared, ingested afresh
 *   npm run bench -- mixed --data /tmp/full       a copy of an existing data folder
 *   npm run bench -- mixed --write-share 0.5 --seconds 20
 *
 * Writes reports/mixed-<timestamp>.json.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMixedStep, type MixedStep } from './mixed/load.js';
import { loadQueryMix } from './queries/mix.js';
import { startServer } from './scale/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface MixedOptions {
  data?: string;
  corpus: string;
  seconds: number;
  connections: number;
  writeShare: number;
  workers: number;
  reports: string;
  build: boolean;
}

const USAGE = `usage: npm run bench -- mixed [options]
  --data <folder>        copy this data folder and serve the copy (default: ingest --corpus)
  --corpus <file>        default ../shared/corpus/dk-laws/current-acts.jsonl.gz
  --seconds 10           length of each step
  --connections 8        closed-loop clients
  --write-share 0.2      share of requests that are writes in the mixed step
  --workers 2            serving processes
  --reports reports      report folder
  --no-build             use dist/ as it is`;

function parse(argv: string[]): MixedOptions {
  const options: MixedOptions = {
    corpus: path.resolve(root, '../shared/corpus/dk-laws/current-acts.jsonl.gz'),
    seconds: 10, connections: 8, writeShare: 0.2, workers: 2,
    reports: path.resolve(root, 'reports'), build: true,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] as string;
    const value = (): string => {
      const next = argv[(i += 1)];
      if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return next;
    };
    const number = (min: number, max: number): number => {
      const parsed = Number(value());
      if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
        throw new Error(`${flag} must be a number from ${min} to ${max}`);
      }
      return parsed;
    };
    switch (flag) {
      case '--data': options.data = path.resolve(value()); break;
      case '--corpus': options.corpus = path.resolve(value()); break;
      case '--seconds': options.seconds = number(1, 600); break;
      case '--connections': options.connections = Math.round(number(1, 256)); break;
      case '--write-share': options.writeShare = number(0, 1); break;
      case '--workers': options.workers = Math.round(number(1, 16)); break;
      case '--reports': options.reports = path.resolve(value()); break;
      case '--no-build': options.build = false; break;
      default: throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return options;
}

function log(line: string): void {
  console.error(line);
}

function stats(port: number): Promise<{ documents: number; chunks: number; searchableChunks: number }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/v1/stats' }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (piece: string) => {
        text += piece;
      });
      response.on('end', () => resolve(JSON.parse(text)));
    }).on('error', reject);
  });
}

/** Builds the data folder to serve: a copy of `--data`, or a fresh ingest of `--corpus`. */
function prepare(options: MixedOptions, work: string): { dataDir: string; source: string } {
  const dataDir = path.join(work, 'data');
  if (options.data !== undefined) {
    log(`copying ${options.data}…`);
    cpSync(options.data, dataDir, { recursive: true });
    return { dataDir, source: options.data };
  }
  log(`ingesting ${path.relative(root, options.corpus)}…`);
  const ingest = spawnSync(process.execPath, [
    path.join(root, 'bin', 'lexhop.js'), 'ingest', options.corpus, '--data', dataDir,
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (ingest.status !== 0) throw new Error(`ingest exited ${ingest.status}`);
  return { dataDir, source: path.relative(root, options.corpus) };
}

function row(label: string, step: MixedStep): string {
  const f = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '–');
  return `| ${label} | ${f(step.searchRps)} | ${f(step.searches.p50)} / ${f(step.searches.p99)} | ` +
    `${f(step.writeRps)} | ${f(step.writes.p50)} / ${f(step.writes.p99)} | ` +
    `${f(step.visibleMs.p50)} / ${f(step.visibleMs.p99)} / ${f(step.visibleMs.max)} | ${step.errors} |`;
}

/** Runs the benchmark; returns the exit code (1 when a check failed). */
export async function run(argv: string[]): Promise<number> {
  let options: MixedOptions;
  try {
    options = parse(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (options.build) {
    log('npm run build…');
    const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) return 1;
  }
  if (!existsSync(path.join(root, 'dist', 'serve', 'cli', 'main.js'))) {
    console.error('dist/ is missing: run npm run build');
    return 1;
  }

  const startedAt = new Date().toISOString();
  const work = mkdtempSync(path.join(os.tmpdir(), 'lexhop-mixed-'));
  const queries = loadQueryMix().queries.map((q) => q.query);
  const runId = Date.now().toString(36);
  try {
    const { dataDir, source } = prepare(options, work);
    const server = await startServer({ root, dataDir, engine: 'lexhop', workers: options.workers });
    let readOnly: MixedStep;
    let mixed: MixedStep;
    let before: Awaited<ReturnType<typeof stats>>;
    let after: Awaited<ReturnType<typeof stats>>;
    try {
      log(`server ready in ${(server.readyMs / 1000).toFixed(1)} s; warming up…`);
      const base = { port: server.port, queries, connections: options.connections, runId };
      await runMixedStep({ ...base, writeShare: 0, durationS: 2 });
      before = await stats(server.port);
      log(`read-only step, ${options.seconds} s…`);
      readOnly = await runMixedStep({ ...base, writeShare: 0, durationS: options.seconds });
      log(`mixed step (${options.writeShare * 100} % writes), ${options.seconds} s…`);
      mixed = await runMixedStep({ ...base, writeShare: options.writeShare, durationS: options.seconds });
      after = await stats(server.port);
    } finally {
      await server.stop();
    }

    const stored = after.documents - before.documents;
    const checks = {
      everyAcknowledgedWriteStored: stored === mixed.acknowledged,
      everyStoredChunkSearchable: after.chunks === after.searchableChunks,
      everyProbedWriteFound: mixed.notVisible === 0,
      noErrors: readOnly.errors + mixed.errors === 0,
    };
    const report = {
      startedAt, source, options: { ...options, data: options.data ?? null },
      machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
      documents: before.documents, chunks: before.chunks,
      readOnly, mixed, stored,
      ratios: {
        searchP99: mixed.searches.p99 / readOnly.searches.p99,
        searchP50: mixed.searches.p50 / readOnly.searches.p50,
        searchRps: mixed.searchRps / readOnly.searchRps,
      },
      checks,
      notes: ['the load generator shares the cores with the server; the read-only step is the peer'],
    };
    mkdirSync(options.reports, { recursive: true });
    const file = path.join(options.reports, `mixed-${startedAt.replace(/[:.]/gu, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

    console.log(`\n${before.documents} documents, ${before.chunks} chunks (${source}); ` +
      `${options.connections} clients, ${options.workers} workers, ${options.seconds} s a step\n`);
    console.log('| step | searches/s | search p50 / p99 ms | writes/s | write p50 / p99 ms | ' +
      'searchable after write p50 / p99 / max ms | errors |');
    console.log('|---|---|---|---|---|---|---|');
    console.log(row('read-only', readOnly));
    console.log(row(`${options.writeShare * 100} % writes`, mixed));
    console.log(`\nsearch p99 with writes ÷ read-only: ${report.ratios.searchP99.toFixed(2)}×; ` +
      `searches/s: ${report.ratios.searchRps.toFixed(2)}×`);
    console.log(`writes acknowledged ${mixed.acknowledged}, stored ${stored}; checks: ${
      Object.entries(checks).map(([name, ok]) => `${name} ${ok ? 'yes' : 'NO'}`).join(', ')}`);
    log(`report: ${path.relative(root, file)}`);
    return Object.values(checks).every(Boolean) ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
