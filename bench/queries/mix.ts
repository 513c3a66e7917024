/** The fixed query mix the benchmarks run: its shape, and reading it from disk. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a query stands for: how lawyers and citizens search the statute book. */
export type QueryKind = 'words' | 'phrase' | 'question' | 'citation';

export const QUERY_KINDS: readonly QueryKind[] = ['words', 'phrase', 'question', 'citation'];

export interface BenchQuery {
  /** Stable id, e.g. `w017`; reports name queries by it. */
  id: string;
  kind: QueryKind;
  query: string;
  /** The provision the query was taken from (corpus act id and section), when there is one. */
  from?: { act: string; section: string; subsection?: number };
}

export interface QueryMix {
  /** Seed of the generator; the same seed and corpus give the same mix. */
  seed: number;
  /** Corpus file the mix was drawn from, relative to the repository root. */
  corpus: string;
  counts: Record<QueryKind, number>;
  queries: BenchQuery[];
}

/** The committed Danish mix, next to this file. */
export const DEFAULT_MIX_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'dk-mix.json',
);

/** Reads a query mix written by `generate.ts`. Default: the committed Danish mix. */
export function loadQueryMix(file: string = DEFAULT_MIX_FILE): QueryMix {
  const mix = JSON.parse(readFileSync(file, 'utf8')) as QueryMix;
  if (!Array.isArray(mix.queries) || mix.queries.length === 0) {
    throw new Error(`${file}: no queries`);
  }
  return mix;
}
