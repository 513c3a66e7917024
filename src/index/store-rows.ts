/**
 * The rows of the system of record: its tables (DDL), the row types the rest
 * of lexhop reads, and how raw SQLite rows become them. The Store (store.ts)
 * reads and writes them.
 */
import type { Chunk } from '../types.js';

export const SCHEMA_VERSION = 2;

/** A document row without its text. */
export interface DocumentRow {
  id: number;
  key: string;
  tenant: string;
  family: string;
  title: string;
  shortTitle?: string;
  docType: string;
  language: string;
  issuedDate?: string;
  url?: string;
  current: boolean;
}

/** A chunk row with the title fields its document lends it. */
/** A stored chunk: the chunk as chunked, keyed by its row and its document's row. */
export interface ChunkRow extends Omit<Chunk, 'documentKey'> {
  id: number;
  documentId: number;
}

/** One change: a chunk that became searchable (`put`) or stopped being so. */
export interface ChangeRow {
  seq: number;
  chunkId: number;
  op: 'put' | 'delete';
}



export interface RawDocument {
  id: number;
  key: string;
  tenant: string;
  family: string;
  title: string;
  short_title: string | null;
  doc_type: string;
  language: string;
  issued_date: string | null;
  url: string | null;
  current: number;
}

export interface RawChunk {
  id: number;
  document_id: number;
  ordinal: number;
  start: number;
  end: number;
  text: string;
  citation: string;
  chapter: string | null;
  section: string | null;
  subsection: number | null;
  heading: string | null;
}

export const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL,
  tenant TEXT NOT NULL DEFAULT '',
  family TEXT NOT NULL,
  title TEXT NOT NULL,
  short_title TEXT,
  doc_type TEXT NOT NULL,
  language TEXT NOT NULL,
  issued_date TEXT,
  status TEXT,
  url TEXT,
  source_file TEXT,
  source_line INTEGER,
  content_hash TEXT NOT NULL,
  text TEXT NOT NULL,
  current INTEGER NOT NULL DEFAULT 1,
  UNIQUE (tenant, key)
);
CREATE INDEX IF NOT EXISTS documents_family ON documents (tenant, family);
CREATE INDEX IF NOT EXISTS documents_source ON documents (tenant, source_file);
CREATE TABLE IF NOT EXISTS chunks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  citation TEXT NOT NULL,
  chapter TEXT,
  section TEXT,
  -- The section as citations match it: lower case, no spaces (12 A -> 12a).
  section_key TEXT,
  subsection INTEGER,
  heading TEXT
);
CREATE INDEX IF NOT EXISTS chunks_document ON chunks (document_id, ordinal);
CREATE INDEX IF NOT EXISTS chunks_section ON chunks (section_key, document_id);
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  chunk_id INTEGER NOT NULL,
  op INTEGER NOT NULL
);
-- Which documents each generation touched (stored, replaced, deleted, or their current flag
-- recomputed), so that a serving process updates its catalog from those rows alone.
CREATE TABLE IF NOT EXISTS document_changes (
  generation INTEGER NOT NULL,
  document_id INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS document_changes_generation ON document_changes (generation);
-- Fingerprints of acts' provision texts, to tie versions consolidated under other titles.
CREATE TABLE IF NOT EXISTS act_texts (
  print INTEGER NOT NULL,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS act_texts_print ON act_texts (print);
CREATE INDEX IF NOT EXISTS act_texts_document ON act_texts (document_id);
CREATE TABLE IF NOT EXISTS act_names (
  name TEXT NOT NULL,
  family TEXT NOT NULL,
  PRIMARY KEY (name, family)
) WITHOUT ROWID;
`;

/** How a section is compared: `12 A`, `12A` and `12a` are one section. */
export function sectionKey(section: string): string {
  return section.toLowerCase().replace(/\s+/gu, '');
}



export function toDocumentRow(raw: RawDocument): DocumentRow {
  return {
    id: raw.id,
    key: raw.key,
    tenant: raw.tenant,
    family: raw.family,
    title: raw.title,
    shortTitle: raw.short_title ?? undefined,
    docType: raw.doc_type,
    language: raw.language,
    issuedDate: raw.issued_date ?? undefined,
    url: raw.url ?? undefined,
    current: raw.current === 1,
  };
}

export function toChunkRow(raw: RawChunk): ChunkRow {
  return {
    id: raw.id,
    documentId: raw.document_id,
    ordinal: raw.ordinal,
    start: raw.start,
    end: raw.end,
    text: raw.text,
    citation: raw.citation,
    chapter: raw.chapter ?? undefined,
    section: raw.section ?? undefined,
    subsection: raw.subsection ?? undefined,
    heading: raw.heading ?? undefined,
  };
}

export const DOCUMENT_COLUMNS =
  'id, key, tenant, family, title, short_title, doc_type, language, issued_date, url, current';
export const CHUNK_COLUMNS =
  'id, document_id, ordinal, start, "end", text, citation, chapter, section, subsection, heading';
