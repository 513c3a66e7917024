/**
 * The system of record: documents, chunks and versions in SQLite. Every engine
 * is derived from it and can be rebuilt from it at any time, through the
 * change log (`changes`), which numbers every chunk put and delete. A second
 * log (`document_changes`) names the documents each generation touched, so a
 * serving process updates its catalog from those rows alone. Tables and row
 * types: store-rows.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { actNames } from '../analyze/acts.js';
import { LexhopError } from '../errors.js';
import { type FamilyDatabase, linkFamily, recordActText } from './families.js';
import type { Chunk, SourceDocument } from '../types.js';
import {
  CHUNK_COLUMNS,
  DDL,
  DOCUMENT_COLUMNS,
  SCHEMA_VERSION,
  sectionKey,
  toChunkRow,
  toDocumentRow,
  type ChangeRow,
  type ChunkRow,
  type DocumentRow,
  type RawChunk,
  type RawDocument,
} from './store-rows.js';

export { sectionKey, type ChangeRow, type ChunkRow, type DocumentRow };

/**
 * Generations the document change log keeps. A process further behind than
 * this reloads every document, which is what it did before the log existed.
 */
const KEPT_GENERATIONS = 10_000;

/** A document and its chunks, ready to be stored together. */
/** A chunk's place in its document, without its text. */
export interface ChunkPlace {
  id: number;
  documentId: number;
  ordinal: number;
}

export interface DocumentWrite {
  document: SourceDocument;
  chunks: Chunk[];
}

/** What a write batch did. */
export interface WriteResult {
  written: number;
  unchanged: number;
  chunks: number;
}

/** Options for `Store.open`. */
export interface StoreOptions {
  /** Open without writing; fails if the store does not exist. Default false. */
  readOnly?: boolean;
}

function hashDocument(write: DocumentWrite): string {
  const { document, chunks } = write;
  const hash = createHash('sha256');
  const fields = [
    document.title, document.shortTitle, document.docType, document.language,
    document.issuedDate, document.url, document.family, document.text,
  ];
  hash.update(JSON.stringify(fields));
  hash.update(JSON.stringify(chunks.map((c) => [c.start, c.end, c.citation, c.heading])));
  return hash.digest('hex');
}

/** The SQLite system of record of one data folder. */
export class Store {
  readonly file: string;
  private readonly db: Database.Database;
  /** The store's statements, as family linking (families.ts) reads and writes them. */
  private readonly families: FamilyDatabase = { statement: (sql) => this.statement(sql) };

  private constructor(file: string, db: Database.Database) {
    this.file = file;
    this.db = db;
  }

  /** Opens (and creates, unless read-only) `lexhop.db` in `dataDir`. */
  static open(dataDir: string, options: StoreOptions = {}): Store {
    const file = path.join(dataDir, 'lexhop.db');
    if (!options.readOnly) mkdirSync(dataDir, { recursive: true });
    else if (!existsSync(file)) {
      throw new LexhopError(
        'ERR_STORE_MISSING', `no index in ${dataDir}; run lexhop ingest first`, { file },
      );
    }
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: options.readOnly ?? false, fileMustExist: options.readOnly ?? false });
    } catch (error) {
      throw new LexhopError('ERR_STORE_LOCKED', `cannot open ${file}`, { file }, error);
    }
    db.pragma('busy_timeout = 10000');
    if (!options.readOnly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.exec(DDL);
      const row = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as
        | { value: string }
        | undefined;
      if (row === undefined) {
        db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(String(SCHEMA_VERSION));
      } else if (Number(row.value) !== SCHEMA_VERSION) {
        throw new LexhopError('ERR_STORE_SCHEMA', undefined, { file, schema: row.value });
      }
      // A folder made before the log existed: changes are logged from its present generation on.
      db.prepare(
        `INSERT OR IGNORE INTO meta (key, value) SELECT 'document_changes_from',
         COALESCE((SELECT value FROM meta WHERE key = 'generation'), '0')`,
      ).run();
    }
    return new Store(file, db);
  }

  /**
   * Stores documents with their chunks in one transaction. A document whose
   * key is stored already is replaced (its old chunks deleted), unless its
   * content is the same, and the current version of each touched family is
   * recomputed.
   */
  write(batch: DocumentWrite[], tenant = ''): WriteResult {
    const result: WriteResult = { written: 0, unchanged: 0, chunks: 0 };
    const run = this.db.transaction(() => {
      const families = new Set<string>();
      const touched = new Set<number>();
      for (const write of batch) {
        const family = this.writeOne(write, tenant, touched);
        if (family === undefined) result.unchanged += 1;
        else {
          result.written += 1;
          result.chunks += write.chunks.length;
          families.add(family);
        }
      }
      for (const family of families) this.recomputeCurrent(tenant, family, touched);
      if (families.size > 0) this.bumpGeneration(touched);
    });
    // IMMEDIATE takes the write lock up front, so a second writer waits
    // (busy_timeout) instead of failing when its read snapshot turns stale.
    run.immediate();
    return result;
  }

  /** Stores one document; returns the family it joined, or undefined when it was unchanged. */
  private writeOne(write: DocumentWrite, tenant: string, touched: Set<number>): string | undefined {
    const { document } = write;
    const hash = hashDocument(write);
    const existing = this.statement(
      'SELECT id, content_hash FROM documents WHERE tenant = ? AND key = ?',
    ).get(tenant, document.key) as { id: number; content_hash: string } | undefined;
    if (existing?.content_hash === hash) return undefined;
    if (existing !== undefined) {
      this.deleteDocumentById(existing.id);
      touched.add(existing.id);
    }
    const names = actNames(document);
    const family = linkFamily(this.families, { document, chunks: write.chunks, names }, tenant);

    const inserted = this.statement(
      `INSERT INTO documents (key, tenant, family, title, short_title, doc_type, language,
        issued_date, status, url, source_file, source_line, content_hash, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      document.key, tenant, family, document.title, document.shortTitle ?? null,
      document.docType, document.language, document.issuedDate ?? null, document.status ?? null,
      document.url ?? null, document.source.file, document.source.line ?? null, hash,
      document.text,
    );
    const documentId = Number(inserted.lastInsertRowid);
    touched.add(documentId);
    recordActText(this.families, document, documentId, write.chunks);
    const insertChunk = this.statement(
      `INSERT INTO chunks (document_id, ordinal, start, "end", text, citation, chapter, section,
        section_key, subsection, heading) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const logPut = this.statement('INSERT INTO changes (chunk_id, op) VALUES (?, 1)');
    for (const chunk of write.chunks) {
      const row = insertChunk.run(
        documentId, chunk.ordinal, chunk.start, chunk.end, chunk.text, chunk.citation,
        chunk.chapter ?? null, chunk.section ?? null,
        chunk.section === undefined ? null : sectionKey(chunk.section), chunk.subsection ?? null,
        chunk.heading ?? null,
      );
      logPut.run(Number(row.lastInsertRowid));
    }

    const addName = this.statement('INSERT OR IGNORE INTO act_names (name, family) VALUES (?, ?)');
    for (const name of names) addName.run(name, family);
    return family;
  }

  /** Deletes a document and its chunks; returns false when the key is unknown. */
  deleteDocument(key: string, tenant = ''): boolean {
    const run = this.db.transaction((): boolean => {
      const row = this.statement(
        'SELECT id, family FROM documents WHERE tenant = ? AND key = ?',
      ).get(tenant, key) as { id: number; family: string } | undefined;
      if (row === undefined) return false;
      this.deleteDocumentById(row.id);
      const touched = new Set([row.id]);
      this.recomputeCurrent(tenant, row.family, touched);
      this.bumpGeneration(touched);
      return true;
    });
    return run.immediate();
  }

  private deleteDocumentById(documentId: number): void {
    const ids = this.statement('SELECT id FROM chunks WHERE document_id = ?')
      .pluck()
      .all(documentId) as number[];
    const logDelete = this.statement('INSERT INTO changes (chunk_id, op) VALUES (?, 0)');
    for (const id of ids) logDelete.run(id);
    this.statement('DELETE FROM chunks WHERE document_id = ?').run(documentId);
    this.statement('DELETE FROM documents WHERE id = ?').run(documentId);
  }

  private recomputeCurrent(tenant: string, family: string, touched: Set<number>): void {
    // The newest issue date wins; the status field is not reliable for this.
    const newest = this.statement(
      `SELECT id FROM documents WHERE tenant = ? AND family = ?
       ORDER BY issued_date IS NULL, issued_date DESC, key DESC LIMIT 1`,
    ).pluck().get(tenant, family) as number | undefined;
    this.statement(
      'UPDATE documents SET current = (id = ?) WHERE tenant = ? AND family = ?',
    ).run(newest ?? -1, tenant, family);
    const versions = this.statement('SELECT id FROM documents WHERE tenant = ? AND family = ?')
      .pluck()
      .all(tenant, family) as number[];
    for (const id of versions) touched.add(id);
  }

  /** Moves the generation on and logs the documents it touched. */
  private bumpGeneration(touched: ReadonlySet<number>): void {
    this.statement(
      `INSERT INTO meta (key, value) VALUES ('generation', '1')
       ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
    ).run();
    const generation = this.generation();
    const log = this.statement('INSERT INTO document_changes (generation, document_id) VALUES (?, ?)');
    for (const id of touched) log.run(generation, id);

    // Trimmed now and then, not on every write; readers past the floor reload everything.
    const floor = generation - KEPT_GENERATIONS;
    if (floor > 0 && generation % 256 === 0) {
      this.statement('DELETE FROM document_changes WHERE generation <= ?').run(floor);
      this.statement("UPDATE meta SET value = ? WHERE key = 'document_changes_from'")
        .run(String(floor));
    }
  }

  /**
   * Ids of the documents that writes after `generation` touched (some may be
   * deleted since), or undefined when the log does not reach back that far:
   * the caller must then read every document.
   */
  documentChangesSince(generation: number): number[] | undefined {
    const from = this.statement("SELECT value FROM meta WHERE key = 'document_changes_from'")
      .pluck()
      .get() as string | undefined;
    // A folder no writer has opened since the log was added has no log to read.
    if (from === undefined || generation < Number(from)) return undefined;
    return this.statement(
      'SELECT DISTINCT document_id FROM document_changes WHERE generation > ?',
    ).pluck().all(generation) as number[];
  }

  /** A number that grows with every write that changes documents. */
  generation(): number {
    const value = this.statement("SELECT value FROM meta WHERE key = 'generation'")
      .pluck()
      .get() as string | undefined;
    return value === undefined ? 0 : Number(value);
  }

  /** Highest change sequence number, 0 for an empty store. */
  lastSeq(): number {
    return (this.statement('SELECT COALESCE(MAX(seq), 0) FROM changes').pluck().get() as number);
  }

  /** Changes after `seq`, oldest first, at most `limit`. */
  changesAfter(seq: number, limit: number): ChangeRow[] {
    const rows = this.statement(
      'SELECT seq, chunk_id, op FROM changes WHERE seq > ? ORDER BY seq LIMIT ?',
    ).all(seq, limit) as { seq: number; chunk_id: number; op: number }[];
    return rows.map((r) => ({ seq: r.seq, chunkId: r.chunk_id, op: r.op === 1 ? 'put' : 'delete' }));
  }

  /** Chunks by id (missing ids are left out), in the order asked. */
  chunks(ids: readonly number[]): ChunkRow[] {
    if (ids.length === 0) return [];
    // One prepared statement for any number of ids: the ids travel as one
    // JSON array, so no statement is compiled per call.
    const rows = this.statement(
      `SELECT ${CHUNK_COLUMNS} FROM chunks WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as RawChunk[];
    const found = new Map<number, ChunkRow>();
    for (const raw of rows) found.set(raw.id, toChunkRow(raw));
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  /** Every chunk of a document, in order. */
  chunksOfDocument(documentId: number): ChunkRow[] {
    const rows = this.statement(
      `SELECT ${CHUNK_COLUMNS} FROM chunks WHERE document_id = ? ORDER BY ordinal`,
    ).all(documentId) as RawChunk[];
    return rows.map(toChunkRow);
  }

  /**
   * Where each chunk of `documentIds` sits (id, document, ordinal), in
   * document order, without reading chunk text: focus ranks a whole document.
   */
  chunkPlaces(documentIds: readonly number[]): ChunkPlace[] {
    if (documentIds.length === 0) return [];
    return this.statement(
      `SELECT id, document_id AS documentId, ordinal FROM chunks
       WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY document_id, ordinal`,
    ).all(JSON.stringify(documentIds)) as ChunkPlace[];
  }

  /** The file a stored document was read from, or undefined when the key is not stored. */
  sourceFile(key: string, tenant = ''): string | undefined {
    const row = this.statement('SELECT source_file FROM documents WHERE tenant = ? AND key = ?')
      .get(tenant, key) as { source_file: string | null } | undefined;
    return row === undefined ? undefined : (row.source_file ?? '');
  }

  /** The key a file was stored under (`file:` keys only), or undefined. */
  fileKeyOf(sourceFile: string, tenant = ''): string | undefined {
    return this.statement(
      `SELECT key FROM documents WHERE tenant = ? AND source_file = ? AND key LIKE 'file:%'
       LIMIT 1`,
    ).pluck().get(tenant, sourceFile) as string | undefined;
  }

  /** Chunks of a `§` in the given documents, in order. */
  chunksOfSection(documentIds: readonly number[], section: string): ChunkRow[] {
    if (documentIds.length === 0) return [];
    const rows = this.db.prepare(
      `SELECT ${CHUNK_COLUMNS} FROM chunks WHERE section_key = ?
       AND document_id IN (${documentIds.map(() => '?').join(',')})
       ORDER BY document_id, ordinal`,
    ).all(sectionKey(section), ...documentIds) as RawChunk[];
    return rows.map(toChunkRow);
  }

  /** Every document without its text. */
  documents(): DocumentRow[] {
    const rows = this.statement(`SELECT ${DOCUMENT_COLUMNS} FROM documents`).all() as RawDocument[];
    return rows.map(toDocumentRow);
  }

  /** Documents by id without their text; missing ids are left out. */
  documentsById(ids: readonly number[]): DocumentRow[] {
    if (ids.length === 0) return [];
    const rows = this.statement(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as RawDocument[];
    return rows.map(toDocumentRow);
  }

  /** The text of a document. */
  documentText(documentId: number): string | undefined {
    return this.statement('SELECT text FROM documents WHERE id = ?').pluck().get(documentId) as
      | string
      | undefined;
  }

  /** Families an act name (`lov om rettens pleje`, `retsplejeloven`) stands for. */
  familiesNamed(names: readonly string[]): string[] {
    if (names.length === 0) return [];
    return this.db.prepare(
      `SELECT DISTINCT family FROM act_names WHERE name IN (${names.map(() => '?').join(',')})`,
    ).pluck().all(...names) as string[];
  }

  /** Chunk id → document id, for every chunk. */
  chunkDocuments(): { ids: Uint32Array; documentIds: Uint32Array } {
    const count = this.statement('SELECT COUNT(*) FROM chunks').pluck().get() as number;
    const ids = new Uint32Array(count);
    const documentIds = new Uint32Array(count);
    let i = 0;
    const rows = this.statement('SELECT id, document_id FROM chunks').raw().iterate() as
      IterableIterator<[number, number]>;
    for (const [id, documentId] of rows) {
      if (i >= count) break;
      ids[i] = id;
      documentIds[i] = documentId;
      i += 1;
    }
    return { ids: ids.subarray(0, i), documentIds: documentIds.subarray(0, i) };
  }

  /** Number of chunks stored. */
  chunkCount(): number {
    return this.statement('SELECT COUNT(*) FROM chunks').pluck().get() as number;
  }

  private readonly statements = new Map<string, Database.Statement>();

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.db.close();
  }
}
