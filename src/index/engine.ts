/**
 * The interface every search engine implements. An engine only holds terms and
 * scores: documents, chunk text and versions live in the system of record
 * (`index/store.ts`), from which any engine can be rebuilt at any time.
 */

/** Analyzed fields of one chunk, as the engine indexes them. */
export interface EngineDocument {
  /** The chunk's id in the system of record. */
  id: number;
  /** Terms of the act title, citation label and headings. */
  title: string[];
  /** Terms of the chunk text. */
  body: string[];
}

/** A query term with its weight (1 for an ordinary term). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface EngineQuery {
  terms: WeightedTerm[];
  /** How many hits to return at most. */
  limit: number;
  /** Keeps only chunks this returns true for (versions, filters, tenants). */
  accept?: (id: number) => boolean;
}

export interface EngineHit {
  id: number;
  score: number;
}

export interface EngineStats {
  chunks: number;
  terms: number;
}

export interface SearchEngine {
  /** Short name, e.g. `lexhop-bm25` or `sqlite-fts5`. */
  readonly name: string;
  /** Adds chunks, replacing any with the same id. */
  put(documents: EngineDocument[]): void;
  /** Removes chunks; unknown ids are ignored. */
  remove(ids: number[]): void;
  /** Ranked hits, best first. */
  search(query: EngineQuery): EngineHit[];
  stats(): EngineStats;
  /** Highest change sequence number of the system of record this engine reflects. */
  readonly appliedSeq: number;
  /** Records that the engine now reflects every change up to `seq`. */
  markApplied(seq: number): void;
  /** Writes what is needed to reopen quickly; a no-op for engines that write as they go. */
  persist(): void;
  close(): void;
}
