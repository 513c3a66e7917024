/**
 * `lexhop eval legalbench-rag`: relevance of the search pipeline on a
 * benchmark folder in the LegalBench-RAG layout, lexhop beside its peer.
 * Every subset is ingested into fresh temporary data folders, so `--data`
 * is never touched.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { formatMisses, runCitationSuite } from '../../../eval/citations.js';
import { listSubsets, loadSubset } from '../../../eval/legalbench.js';
import { checkWarnings, type EvalReport, subsetTable } from '../../../eval/report.js';
import { evaluateSubset } from '../../../eval/run.js';
import { evalRuns } from '../../../eval/runs.js';
import type { EngineName } from '../../../lexhop.js';
import {
  action,
  type CommandContext,
  type CommonOptions,
  usageError,
  withCommonOptions,
} from '../context.js';
import { listOption } from '../parse.js';

interface EvalCliOptions extends CommonOptions {
  subset?: string[];
  k: number[];
  benchmarks: string;
  /** One engine; absent compares both. */
  engine?: EngineName;
  ablations?: boolean;
  reports: string;
}

const DEFAULT_KS = [1, 2, 4, 8, 16, 32, 64];

function parseKs(value: string): number[] {
  const ks = value.split(',').map((part) => part.trim());
  if (!ks.every((k) => /^[0-9]+$/u.test(k) && Number(k) >= 1 && Number(k) <= 200)) {
    throw usageError('--k', `must be whole numbers from 1 to 200, comma separated, not "${value}"`);
  }
  return [...new Set(ks.map(Number))].sort((a, b) => a - b);
}

function parseEngine(value: string): EngineName | undefined {
  if (value === 'both') return undefined;
  if (value === 'lexhop' || value === 'fts5') return value;
  throw usageError('--engine', `must be both, lexhop or fts5, not "${value}"`);
}

async function runLegalbench(context: CommandContext<EvalCliOptions>): Promise<number> {
  const { options } = context;
  const folder = path.resolve(options.benchmarks);
  const subsets = options.subset ?? listSubsets(folder);
  if (subsets.length === 0) {
    throw usageError('--subset', options.subset === undefined
      ? `finds no subset in ${folder}` : 'names no subset');
  }
  const engines: EngineName[] = options.engine === undefined
    ? ['lexhop', 'fts5']
    : [options.engine];
  const runs = evalRuns(engines, { ablations: options.ablations });
  const createdAt = new Date().toISOString();
  const stamp = createdAt.replace(/[:.]/gu, '-');
  const report: EvalReport = { benchmark: 'legalbench-rag', folder, createdAt, subsets: [] };
  const stderr = context.io.stderr;
  const progress = stderr.isTTY === true;

  for (const name of subsets) {
    const subset = loadSubset(folder, name);
    const result = await evaluateSubset(subset, {
      ks: options.k, runs,
      onProgress: progress
        ? ({ run, done, total }) => stderr.write(`\r${name} ${run}: ${done}/${total}\u001b[K`)
        : undefined,
    });
    if (progress) stderr.write('\r\u001b[K');
    report.subsets.push(result);

    mkdirSync(options.reports, { recursive: true });
    const file = path.join(options.reports, `eval-${name}-${stamp}.json`);
    writeFileSync(file, `${JSON.stringify({ ...report, subsets: [result] }, null, 2)}\n`);
    if (options.json !== true) {
      context.out(`${subsetTable(result)}\n`);
      for (const warning of checkWarnings(result)) context.err(`warning: ${warning}`);
      context.out(`report: ${path.relative(process.cwd(), file)}\n`);
    }
  }

  if (options.json === true) context.print(report, () => '');
  return 0;
}

interface CitationCliOptions extends CommonOptions {
  sample: number;
  seed: number;
}

function parseWhole(field: string, max: number): (value: string) => number {
  return (value) => {
    if (!/^[0-9]+$/u.test(value) || Number(value) < 1 || Number(value) > max) {
      throw usageError(field, `must be a whole number from 1 to ${max}, not "${value}"`);
    }
    return Number(value);
  };
}

/**
 * `lexhop eval citations`: the Danish citation suite on the data folder
 * (eval/citations.ts). Exit code 1 when any case misses, so it can gate a run.
 */
async function runCitations(context: CommandContext<CitationCliOptions>): Promise<number> {
  const { options } = context;
  const lexhop = await context.open({ readOnly: true });
  const result = await runCitationSuite(lexhop, { sample: options.sample, seed: options.seed });
  if (result.provisions === 0) {
    throw usageError('--data', 'the data folder holds no provisions with a § to cite');
  }
  context.print(result, () => {
    const forms = Object.entries(result.byForm)
      .map(([form, f]) => `  ${form}: ${f.passed}/${f.cases}`);
    const misses = formatMisses(result.misses).map((line) => `  miss ${line}`);
    return [
      `${result.passed}/${result.cases} citation queries found their provision first ` +
        `(${result.provisions} provisions, seed ${options.seed})`,
      ...forms, ...misses,
    ].join('\n');
  });
  return result.misses.length === 0 ? 0 : 1;
}

/** Registers `eval` and its benchmark subcommands. */
export function register(program: Command): void {
  const evaluate = program.command('eval').description('measure retrieval quality on a benchmark');
  evaluate
    .command('legalbench-rag')
    .description('precision@k and recall@k in characters; LegalBench-RAG folder layout')
    .option('--subset <names>', 'subsets, repeatable or comma list (default: all)', listOption)
    .option('--k <list>', 'cut-offs, comma list', parseKs, DEFAULT_KS)
    .option('--benchmarks <folder>', 'benchmark folder', '../shared/benchmarks/legalbench-rag')
    .option('--engine <name>', 'both (default), lexhop or fts5', parseEngine)
    .option('--ablations', 'add rows that switch on one retrieval idea at a time')
    .option('--reports <folder>', 'where JSON reports are written', 'reports')
    .option('--json', 'print the JSON report on standard output instead of tables')
    .action(action<[], EvalCliOptions>(runLegalbench));
  withCommonOptions(
    evaluate
      .command('citations')
      .description('Danish citation lookup: sampled provisions must come first in every form'),
  )
    .option('--sample <n>', 'provisions to sample', parseWhole('--sample', 100_000), 300)
    .option('--seed <n>', 'seed of the sample', parseWhole('--seed', 2 ** 31), 1)
    .action(action<[], CitationCliOptions>(runCitations));
}
