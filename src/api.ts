/** The library API, as the CLI, the HTTP server, the evaluator and the answerer use it. */
import type { CitationRef } from './analyze/citation-types.js';
import type { Chunk, Language } from './types.js';
import type {
  HitDocument,
  IngestSummary,
  SearchRequest,
  SearchResponse,
} from './retrieve/types.js';

/** A chunk as stored, with its id, owner and document. */
export interface ChunkRecord extends Chunk {
  id: number;
  /** Tenant that owns the chunk's document; absent for public documents. */
  tenant?: string;
  document: HitDocument;
}

/** A document sent over the API rather than read from a file. */
export interface DocumentInput {
  /** Stable key; re-sending the same key replaces the document. Default: a content hash. */
  key?: string;
  title: string;
  text: string;
  /** Default `text`. */
  docType?: string;
  /** Default: detected from the text. */
  language?: Language;
  issuedDate?: string;
  url?: string;
  /** Versions of one act share a family. Default: the key. */
  family?: string;
}

/** Progress of an ingest run, for progress bars. */
export interface IngestProgress {
  file: string;
  bytesRead: number;
  bytesTotal: number;
  documents: number;
  chunks: number;
}

export interface IngestOptions {
  /** Owner of the documents. Default: public. */
  tenant?: string;
  onProgress?: (progress: IngestProgress) => void;
  /**
   * Stop before the first document that would take the run past this many
   * chunks (e.g. to build a 100K-chunk prefix of a corpus). Default: no limit.
   */
  maxChunks?: number;
}

export interface DeleteOptions {
  /** Owner of the documents; a key names a document within one tenant. Default: public. */
  tenant?: string;
}

/** What a delete did, key by key, in the order the keys were given. */
export interface DeleteSummary {
  deleted: string[];
  /** Keys the tenant had no document under; the other keys are deleted regardless. */
  notFound: string[];
}

export interface LexhopStats {
  documents: number;
  currentDocuments: number;
  chunks: number;
  /** Chunks the engine can find right now; equals `chunks` once caught up. */
  searchableChunks: number;
  engine: string;
  dataDir: string;
}

export interface RefreshOptions {
  /** Apply at most this many changes now; the rest on the next call. Default: all. */
  maxChanges?: number;
}

export interface LexhopApi {
  ingest(paths: string[], options?: IngestOptions): Promise<IngestSummary>;
  addDocuments(documents: DocumentInput[], options?: IngestOptions): Promise<IngestSummary>;
  /**
   * Deletes documents by key, each on its own: an unknown key is listed in
   * `notFound` and does not undo the others. Searches made after it resolves
   * no longer find the deleted documents.
   */
  deleteDocuments(keys: string[], options?: DeleteOptions): Promise<DeleteSummary>;
  search(request: SearchRequest): Promise<SearchResponse>;
  /** The chunk with this id, or undefined. */
  getChunk(id: number): ChunkRecord | undefined;
  /**
   * Chunks of the provision a citation names. `act` absent means the act of
   * `contextDocumentKey`. Returns `[]` when it cannot be resolved.
   */
  lookupCitation(ref: CitationRef, contextDocumentKey?: string): ChunkRecord[];
  stats(): LexhopStats;
  /** Picks up changes another process wrote to the same data folder. */
  refresh(options?: RefreshOptions): void;
  close(): Promise<void>;
}
