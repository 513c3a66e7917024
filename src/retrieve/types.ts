/** Requests and responses of the public search API (library, CLI and HTTP). */
import type { CitationRef } from '../analyze/citation-types.js';

export interface SearchFilters {
  /** Keep these document types only, e.g. `['LBK', 'LOV']`. */
  docTypes?: string[];
  /** Issued on or after this ISO date. */
  dateFrom?: string;
  /** Issued on or before this ISO date. */
  dateTo?: string;
  /** Keep one act: its document key, family, title or short title (`straffeloven`). */
  act?: string;
  /** Keep these documents only, by key. */
  documentKeys?: string[];
}

export interface SearchRequest {
  query: string;
  /** Hits to return. Default 10, at most 200. */
  limit?: number;
  /** Hits to skip, for paging. Default 0. */
  offset?: number;
  filters?: SearchFilters;
  /**
   * Which versions of an act to search. `current` (default): the newest
   * consolidated version only; `all`: historical versions too.
   */
  versions?: 'current' | 'all';
  /** Search the version of each act that was in force on this ISO date. */
  asOf?: string;
  /** Most hits per document; 0 turns grouping off. Default 3. */
  perDocument?: number;
  /** Tenant whose private documents may be returned, besides public ones. */
  tenant?: string;
}

export interface HitDocument {
  key: string;
  family: string;
  title: string;
  shortTitle?: string;
  docType: string;
  issuedDate?: string;
  url?: string;
  current: boolean;
}

export interface SearchHit {
  chunkId: number;
  documentKey: string;
  citation: string;
  score: number;
  /** `[start, end)` in the document text. */
  start: number;
  end: number;
  /** Text around the best matches, with matched terms wrapped in `«` and `»`. */
  snippet: string;
  /** The whole chunk text. */
  text: string;
  section?: string;
  subsection?: number;
  heading?: string;
  /** `citation` when the hit is the provision a citation in the query names. */
  matchedBy: 'citation' | 'text';
  document: HitDocument;
}

export interface SearchResponse {
  query: string;
  /** Citations found in the query. */
  citations: CitationRef[];
  hits: SearchHit[];
  tookMs: number;
}

/** What one ingest run did. */
export interface IngestSummary {
  documents: number;
  chunks: number;
  /** Documents whose key and content were already stored. */
  unchanged: number;
  skipped: { file: string; line?: number; code: string; message: string }[];
  ms: number;
}
