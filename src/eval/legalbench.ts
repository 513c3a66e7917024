/**
 * Reads a benchmark folder in the LegalBench-RAG layout:
 * `corpus/<subset>/<file>` documents and `benchmarks/<subset>.json` queries,
 * each answered by `(file_path, [start, end))` spans in code points of the
 * file's text, `file_path` relative to `corpus/`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LexhopError } from '../errors.js';
import type { FileSpan } from './scoring.js';

/** One benchmark query and the spans that answer it. */
export interface BenchmarkQuery {
  query: string;
  /** Spans in code points; `file` is relative to `corpus/`, with `/` separators. */
  truth: FileSpan[];
}

/** A subset: its documents and its queries. */
export interface BenchmarkSubset {
  name: string;
  /** Absolute path of `corpus/`. */
  corpusRoot: string;
  /** Absolute path of `corpus/<subset>`, the folder to ingest. */
  corpusDir: string;
  /** Documents of the subset, relative to `corpus/` with `/` separators. */
  files: string[];
  queries: BenchmarkQuery[];
  /** Absolute path of `benchmarks/<subset>.json`. */
  benchmarkFile: string;
}

function bad(message: string, details: { file: string; field?: string }): LexhopError {
  return new LexhopError('ERR_EVAL_BAD_BENCHMARK', message, details);
}

/** Subset names of a benchmark folder: the `benchmarks/*.json` that have a corpus folder. */
export function listSubsets(folder: string): string[] {
  const benchmarks = path.join(folder, 'benchmarks');
  if (!existsSync(benchmarks)) {
    throw bad(`no benchmarks/ folder in ${folder}`, { file: benchmarks });
  }
  return readdirSync(benchmarks)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .filter((name) => existsSync(path.join(folder, 'corpus', name)))
    .sort();
}

/** Files under `dir`, recursively, relative to `root` with `/` separators. */
function filesUnder(dir: string, root: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full, root));
    else if (entry.isFile() && !entry.name.startsWith('.')) {
      found.push(path.relative(root, full).split(path.sep).join('/'));
    }
  }
  return found.sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Length of a file's text in code points, read once per file. */
function codePointLength(file: string, cache: Map<string, number>): number {
  let length = cache.get(file);
  if (length === undefined) {
    const text = readFileSync(file, 'utf8');
    // Code points: UTF-16 length less one for every surrogate pair.
    length = text.length - (text.match(/[\u{10000}-\u{10FFFF}]/gu)?.length ?? 0);
    cache.set(file, length);
  }
  return length;
}

function parseSnippet(
  value: unknown,
  field: string,
  context: { benchmarkFile: string; corpusRoot: string; lengths: Map<string, number> },
): FileSpan {
  const details = { file: context.benchmarkFile, field };
  if (!isRecord(value)) throw bad(`${field} must be an object`, details);
  const filePath = value.file_path;
  if (typeof filePath !== 'string' || filePath === '') {
    throw bad(`${field}.file_path must be a non-empty string`, {
      ...details, field: `${field}.file_path`,
    });
  }
  const span = value.span;
  const spanField = `${field}.span`;
  if (!Array.isArray(span) || span.length !== 2 || !span.every((n) => Number.isInteger(n))) {
    throw bad(`${spanField} must be [start, end] in whole characters`, {
      ...details, field: spanField,
    });
  }
  const [start, end] = span as [number, number];
  const file = path.join(context.corpusRoot, filePath);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw bad(`${field}.file_path names ${filePath}, which is not in corpus/`, {
      ...details, field: `${field}.file_path`,
    });
  }
  const length = codePointLength(file, context.lengths);
  if (start < 0 || end < start || end > length) {
    throw bad(`${spanField} [${start}, ${end}] lies outside ${filePath} (${length} characters)`, {
      ...details, field: spanField,
    });
  }
  return { file: filePath.split(path.sep).join('/'), start, end };
}

/** Reads and checks one subset of a benchmark folder. */
export function loadSubset(folder: string, name: string): BenchmarkSubset {
  const root = path.resolve(folder);
  const corpusRoot = path.join(root, 'corpus');
  const corpusDir = path.join(corpusRoot, name);
  const benchmarkFile = path.join(root, 'benchmarks', `${name}.json`);
  if (!existsSync(benchmarkFile)) {
    const known = existsSync(path.join(root, 'benchmarks')) ? listSubsets(root).join(', ') : '';
    throw bad(`no subset ${name} in ${root}${known === '' ? '' : ` (have: ${known})`}`, {
      file: benchmarkFile,
    });
  }
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
    throw bad(`no corpus folder for subset ${name}`, { file: corpusDir });
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(benchmarkFile, 'utf8'));
  } catch (error) {
    throw bad(`not valid JSON: ${(error as Error).message}`, { file: benchmarkFile });
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.tests)) {
    throw bad('must be an object with a "tests" array', { file: benchmarkFile, field: 'tests' });
  }
  if (parsed.tests.length === 0) {
    // A table of zeros would read as a measurement.
    throw bad('"tests" holds no queries', { file: benchmarkFile, field: 'tests' });
  }

  const context = { benchmarkFile, corpusRoot, lengths: new Map<string, number>() };
  const queries = parsed.tests.map((test: unknown, i: number): BenchmarkQuery => {
    const field = `tests[${i}]`;
    if (!isRecord(test)) throw bad(`${field} must be an object`, { file: benchmarkFile, field });
    if (typeof test.query !== 'string' || test.query.trim() === '') {
      throw bad(`${field}.query must be a non-empty string`, {
        file: benchmarkFile, field: `${field}.query`,
      });
    }
    if (!Array.isArray(test.snippets)) {
      throw bad(`${field}.snippets must be an array`, {
        file: benchmarkFile, field: `${field}.snippets`,
      });
    }
    const truth = test.snippets.map((s: unknown, j: number) =>
      parseSnippet(s, `${field}.snippets[${j}]`, context));
    return { query: test.query, truth };
  });

  const files = filesUnder(corpusDir, corpusRoot);
  if (files.length === 0) throw bad(`corpus folder of ${name} holds no files`, { file: corpusDir });
  return { name, corpusRoot, corpusDir, files, queries, benchmarkFile };
}
