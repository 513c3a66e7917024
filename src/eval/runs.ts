/**
 * The rows an evaluation compares. Per engine: lexhop's search pipeline
 * (`<engine>`: the named document first, whole chunks), the same with tight
 * spans (`<engine> tight`), and plain BM25 over chunks (`<engine> plain`),
 * which for `fts5` is the peer baseline: SQLite FTS5 on the same chunks.
 */
import type { EngineName } from '../lexhop.js';
import type { EvalRun } from './run.js';

/** Options of `evalRuns`. */
export interface EvalRunOptions {
  /** Also a `tight` row per engine, and `plain tight` (tight spans without focus). Default true. */
  tight?: boolean;
  /** Adds `plain tight` rows, to show what tight spans gain without focus. Default false. */
  ablations?: boolean;
}

/** Every hit counts: no grouping per document. */
const ALL_HITS = { perDocument: 0 } as const;

/** The runs for `engines`, in table order. */
export function evalRuns(engines: EngineName[], options: EvalRunOptions = {}): EvalRun[] {
  const runs: EvalRun[] = [];
  for (const engine of engines) {
    runs.push({ label: engine, engine, request: { ...ALL_HITS, focus: 'auto', spans: 'chunk' } });
    if (options.tight ?? true) {
      runs.push({
        label: `${engine} tight`, engine, request: { ...ALL_HITS, focus: 'auto', spans: 'tight' },
      });
    }
    runs.push({
      label: `${engine} plain`, engine, request: { ...ALL_HITS, focus: 'off', spans: 'chunk' },
    });
    if (options.ablations === true) {
      runs.push({
        label: `${engine} plain tight`, engine,
        request: { ...ALL_HITS, focus: 'off', spans: 'tight' },
      });
    }
  }
  return runs;
}
