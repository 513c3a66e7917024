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
  /** Hits to skip, for paging. Default 0, at most 1,000 (`MAX_OFFSET`). */
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
  /**
   * Rank first within the document a query names. `auto` (default) does so
   * when the query opens with a naming part, before a `;` or as a first
   * sentence (`Consider the NDA between Acme and Beta; may the recipient …`),
   * and one document clearly stands out; `off` never does.
   */
  focus?: 'auto' | 'off';
  /**
   * What `start`/`end` of a hit cover. `chunk` (default): the whole chunk;
   * `tight`: the run of sentences or clauses in it that best matches the query.
   */
  spans?: 'chunk' | 'tight';
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
  /** Tenant that owns the document; absent for public documents. */
  tenant?: string;
}

export interface SearchHit {
  chunkId: number;
  documentKey: string;
  citation: string;
  score: number;
  /** `[start, end)` in the document text: the chunk, or with `spans: 'tight'` a part of it. */
  start: number;
  end: number;
  /** `[start, end)` of the whole chunk, when `start`/`end` cover only part of it. */
  chunkStart?: number;
  chunkEnd?: number;
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

/**
 * What became of a citation in the query: `found` (the provision, or the
 * whole section when no subsection was asked), `no-subsection` (the section
 * is there, without that `stk.`: the whole section is returned), `no-section`
 * (the act has no such `§`), `out-of-scope` (the act is stored, but no
 * version of it passes the request's versions, date, tenant or filters),
 * `unknown-act` (no act by that name) or `no-act` (a bare `§ 12` without an
 * act or an `act` filter).
 */
export type CitationOutcome =
  | 'found'
  | 'no-subsection'
  | 'no-section'
  | 'out-of-scope'
  | 'unknown-act'
  | 'no-act';

/** A citation of the query and what search made of it. */
export interface QueryCitation extends CitationRef {
  outcome: CitationOutcome;
  /** The act it resolved to, as lexhop names it (`Straffeloven`), when one did. */
  actName?: string;
}

export interface SearchResponse {
  query: string;
  /** Citations found in the query, each with its outcome. */
  citations: QueryCitation[];
  hits: SearchHit[];
  tookMs: number;
}

/** What one ingest run did. */
export interface IngestSummary {
  documents: number;
  chunks: number;
  /** Documents whose key and content were already stored. */
  unchanged: number;
  /** What was not ingested, and why; `field` names the request field for API input. */
  skipped: { file: string; line?: number; field?: string; code: string; message: string }[];
  ms: number;
}
