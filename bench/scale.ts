/**
 * `npm run bench:scale`: builds indexes at 100K, 300K and all chunks of the
 * Danish statutes and measures each: ingest time, peak memory and disk; in-
 * process latency over the fixed query mix for lexhop and the SQLite FTS5
 * peer; the HTTP server (two workers) under load from this process; and
 * that every chunk ingested is searchable and random provisions are found
 * by citation. Writes reports/scale-<timestamp>.json and .md.
 *
 *   npm run bench:scale                          the full run (long)
 *   npm run bench:scale -- --sizes 20000         a quick run
 *   npm run bench:scale -- --help                every option
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadQueryMix } from './queries/mix.js';
import { renderMarkdown } from './scale/markdown.js';
import { measureSize } from './scale/measure-size.js';
import { parseScaleOptions, sizeLabel, type ScaleOptions } from './scale/options.js';
import { growthOf, type ScaleReport } from './scale/results.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function log(line: string): void {
  console.error(line);
}

/** Builds dist/ (the server runs from it); true when the server can start. */
function build(options: ScaleOptions, notes: string[]): boolean {
  const main = path.join(root, 'dist', 'serve', 'cli', 'main.js');
  if (options.build) {
    log('npm run build…');
    const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) {
      const problem = `npm run build exited ${result.status}; ${existsSync(main) ? 'using the dist/ there is' : 'no dist/'}`;
      notes.push(problem);
      log(`  ${problem}`);
    }
  }
  return existsSync(main);
}

function machine(): ScaleReport['machine'] {
  return {
    cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryBytes: os.totalmem(),
    node: process.version, platform: `${os.platform()} ${os.release()}`,
  };
}

function writeReport(report: ScaleReport, stamp: string, folder: string): { json: string; md: string } {
  mkdirSync(folder, { recursive: true });
  const json = path.join(folder, `scale-${stamp}.json`);
  const md = path.join(folder, `scale-${stamp}.md`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(md, renderMarkdown(report));
  return { json, md };
}

/** Runs the benchmark; returns the exit code (1 when a check failed). */
export async function run(argv: string[]): Promise<number> {
  let options: ScaleOptions;
  try {
    options = parseScaleOptions(argv, root);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const mix = loadQueryMix(options.mix);
  const startedAt = new Date().toISOString();
  const stamp = startedAt.replace(/[:.]/gu, '-');
  const notes = [
    `load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} ` +
      '(the machine is shared; numbers carry that noise)',
    'in-process latency: one query at a time after a warm-up pass over the mix; limit 10',
    `HTTP uncached load: every request body is unique (${options.unique === 'tenant'
      ? 'each pass over the mix names its own tenant; limit 10 as in process'
      : 'limit 10…19, then tenants'}); "cache hits under uncached load" is what the server ` +
      'reported in x-cache',
    'paced = open-loop, evenly spaced arrivals, latency from the due time; autocannon-rate = ' +
      'autocannon overallRate (per-second bursts from C connections, raw latencies); ' +
      'closed-loop = autocannon at increasing connections',
    'the load generator shares the two cores with the server',
    'prefix sizes follow the corpus file order (chronological), so acts the mix cites may be absent',
  ];
  const httpReady = options.http.length > 0 && build(options, notes);
  if (options.http.length > 0 && !httpReady) notes.push('HTTP skipped: dist/ is missing');

  const temporary = options.work === undefined;
  const work = options.work ?? mkdtempSync(path.join(os.tmpdir(), 'lexhop-scale-'));
  mkdirSync(work, { recursive: true });
  const report: ScaleReport = {
    startedAt, machine: machine(), corpus: path.relative(root, options.corpus),
    mix: { file: path.relative(root, options.mix ?? path.join(root, 'bench/queries/dk-mix.json')),
      queries: mix.queries.length, seed: mix.seed },
    options: { ...options }, sizes: [], notes,
  };

  let files = { json: '', md: '' };
  try {
    for (const size of options.sizes) {
      const label = sizeLabel(size);
      log(`size ${label}:`);
      const result = await measureSize(
        { root, options, queries: mix.queries, httpReady, log },
        label, path.join(work, label), size === 'full' ? undefined : size,
      );
      report.sizes.push(result);
      report.growth = growthOf(report.sizes);
      // Written after every size, so a long run leaves its results behind if a later size fails.
      files = writeReport(report, stamp, options.reports);
    }
  } finally {
    if (temporary && !options.keep) rmSync(work, { recursive: true, force: true });
  }

  console.log(renderMarkdown(report));
  log(`reports: ${path.relative(root, files.json)}, ${path.relative(root, files.md)}`);
  return report.sizes.every((s) => s.verify.ok) ? 0 : 1;
}
