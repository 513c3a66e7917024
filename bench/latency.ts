/**
 * `npm run bench -- latency --data <folder>`: in-process sequential latency
 * of the query mix on an existing data folder, for profiling:
 *
 *   node --cpu-prof --import tsx bench/run.ts latency --data /tmp/x --engine lexhop
 *
 * Options: --engine lexhop|fts5 (default lexhop), --mix <file>, --kind <kind>
 * (only that kind), --passes N (measured passes, default 1), --focus off.
 */
import { openLexhop } from '../src/lexhop.js';
import { loadQueryMix, type QueryKind } from './queries/mix.js';
import { measureSequential } from './scale/latency.js';

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at === -1 ? undefined : argv[at + 1];
}

/** Prints p50/p95/p99 overall and per kind, and the slowest queries. */
export async function run(argv: string[]): Promise<number> {
  const dataDir = option(argv, '--data');
  if (dataDir === undefined) {
    console.error('usage: npm run bench -- latency --data <folder> [--engine lexhop|fts5] [--kind k]');
    return 2;
  }
  const engine = option(argv, '--engine') === 'fts5' ? 'fts5' : 'lexhop';
  const kind = option(argv, '--kind') as QueryKind | undefined;
  const passes = Number(option(argv, '--passes') ?? 1);
  const mix = loadQueryMix(option(argv, '--mix'));
  const queries = mix.queries.filter((q) => kind === undefined || q.kind === kind);

  const opening = performance.now();
  const lexhop = await openLexhop({ dataDir, engine, readOnly: true });
  console.log(`${engine}: opened in ${((performance.now() - opening) / 1000).toFixed(1)} s, ` +
    `${lexhop.stats().searchableChunks} chunks`);
  try {
    for (let pass = 0; pass < passes; pass += 1) {
      const focus = option(argv, '--focus') === 'off' ? { focus: 'off' as const } : {};
      const result = await measureSequential(lexhop, queries, { warmup: pass === 0, request: focus });
      const line = (name: string, s: { p50: number; p95: number; p99: number; mean: number }): string =>
        `  ${name.padEnd(9)} mean ${s.mean.toFixed(2)}  p50 ${s.p50.toFixed(2)}  ` +
        `p95 ${s.p95.toFixed(2)}  p99 ${s.p99.toFixed(2)} ms`;
      console.log(line('all', result.overall));
      for (const [name, summary] of Object.entries(result.byKind)) {
        if (summary !== undefined) console.log(line(name, summary));
      }
      console.log('  slowest:');
      for (const slow of result.slowest.slice(0, 8)) {
        console.log(`    ${slow.ms.toFixed(1).padStart(7)} ms  ${slow.id}  ${slow.query.slice(0, 70)}`);
      }
    }
  } finally {
    await lexhop.close();
  }
  return 0;
}
