/**
 * The library facade: one data folder, its system of record, its engine and
 * catalog, and the verbs the CLI, the server and the evaluator use.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type {
  ChunkRecord,
  DeleteOptions,
  DeleteSummary,
  DocumentInput,
  IngestOptions,
  LexhopApi,
  LexhopStats,
  RefreshOptions,
} from './api.js';
import type { CitationRef } from './analyze/citation-types.js';
import { isBlank, wellFormed } from './analyze/normalize.js';
import { isLexhopError, LexhopError } from './errors.js';
import { chunkDocument } from './ingest/chunk/index.js';
import { runIngest } from './ingest/run.js';
import type { SearchEngine } from './index/engine.js';
import { Bm25Engine } from './index/engines/bm25/engine.js';
import { Fts5Engine } from './index/engines/fts5/engine.js';
import { catchUp } from './index/indexer.js';
import { type ChunkRow, type DocumentRow, type DocumentWrite, Store } from './index/store.js';
import { type Logger, silentLogger } from './log.js';
import { Catalog } from './retrieve/catalog.js';
import { isCalendarDate, resolveActFamilies, search } from './retrieve/search.js';
import type { IngestSummary, SearchRequest, SearchResponse } from './retrieve/types.js';
import type { Language, SourceDocument } from './types.js';

/** Engines a data folder can be searched with. */
export type EngineName = 'lexhop' | 'fts5';

export interface OpenOptions {
  /** Data folder. Default: `LEXHOP_DATA`, else `./.lexhop`. */
  dataDir?: string;
  /** Default `lexhop`, the embedded BM25F engine; `fts5` is the SQLite FTS5 peer. */
  engine?: EngineName;
  /** Open for searching only (server workers). Default false. */
  readOnly?: boolean;
  logger?: Logger;
}

/** The data folder lexhop uses when none is given. */
export function defaultDataDir(): string {
  return path.resolve(process.env.LEXHOP_DATA ?? '.lexhop');
}

function openEngine(name: EngineName, dataDir: string, readOnly: boolean, logger: Logger): SearchEngine {
  const folder = path.join(dataDir, 'index');
  if (!readOnly) mkdirSync(folder, { recursive: true });
  if (name === 'fts5') return new Fts5Engine({ file: path.join(folder, 'fts5.db') });
  const snapshotFile = path.join(folder, 'bm25.snapshot');
  try {
    return new Bm25Engine({ snapshotFile });
  } catch (error) {
    if (!isLexhopError(error, 'ERR_INDEX_CORRUPT')) throw error;
    logger.warn({ code: error.code, file: snapshotFile }, 'index snapshot dropped; rebuilding');
    if (readOnly) return new Bm25Engine();
    rmSync(snapshotFile, { force: true });
    return new Bm25Engine({ snapshotFile });
  }
}

const ENGLISH = new Set(['the', 'and', 'of', 'to', 'is', 'in', 'that', 'shall', 'for', 'or']);
const DANISH = new Set(['og', 'det', 'er', 'til', 'af', 'at', 'en', 'som', 'for', 'med', 'skal']);

function detectLanguage(text: string): Language {
  let english = 0;
  let danish = 0;
  for (const word of text.slice(0, 20_000).toLowerCase().split(/[^\p{L}]+/u)) {
    if (ENGLISH.has(word)) english += 1;
    if (DANISH.has(word)) danish += 1;
  }
  return english > danish ? 'en' : 'da';
}

export class Lexhop implements LexhopApi {
  readonly dataDir: string;
  private readonly store: Store;
  private engine: SearchEngine;
  private readonly catalog: Catalog;
  private readonly readOnly: boolean;
  private readonly logger: Logger;
  private persistedSeq: number;

  private constructor(options: Required<Omit<OpenOptions, 'logger'>> & { logger: Logger }) {
    this.dataDir = options.dataDir;
    this.readOnly = options.readOnly;
    this.logger = options.logger;
    this.store = Store.open(this.dataDir, { readOnly: this.readOnly });
    this.engine = openEngine(options.engine, this.dataDir, this.readOnly, this.logger);
    if (this.engine.appliedSeq > this.store.lastSeq()) {
      // The snapshot is newer than the store it claims to mirror: the store was replaced.
      this.logger.warn({ engine: this.engine.name }, 'index ahead of store; rebuilding');
      this.engine.close();
      if (options.engine === 'lexhop') {
        rmSync(path.join(this.dataDir, 'index', 'bm25.snapshot'), { force: true });
        this.engine = new Bm25Engine({ snapshotFile: path.join(this.dataDir, 'index', 'bm25.snapshot') });
      } else {
        rmSync(path.join(this.dataDir, 'index', 'fts5.db'), { force: true });
        this.engine = openEngine('fts5', this.dataDir, this.readOnly, this.logger);
      }
    }
    this.persistedSeq = this.engine.appliedSeq;
    this.catalog = new Catalog(this.store);
    this.catchUp();
  }

  /** Opens a data folder, creating it unless read-only, and brings its index up to date. */
  static open(options: OpenOptions = {}): Lexhop {
    return new Lexhop({
      dataDir: path.resolve(options.dataDir ?? defaultDataDir()),
      engine: options.engine ?? 'lexhop',
      readOnly: options.readOnly ?? false,
      logger: options.logger ?? silentLogger,
    });
  }

  /** Name of the engine in use. */
  get engineName(): string {
    return this.engine.name;
  }

  /** Highest change of the system of record the engine reflects. */
  get appliedSeq(): number {
    return this.engine.appliedSeq;
  }

  /**
   * Changes of the system of record the engine has not applied yet: 0 when
   * every stored chunk is searchable. Two indexed reads, unlike `stats()`,
   * which counts the chunks.
   */
  pendingChanges(): number {
    return Math.max(0, this.store.lastSeq() - this.engine.appliedSeq);
  }

  private catchUp(maxChanges?: number): number {
    this.catalog.refresh();
    return catchUp(this.store, this.engine, {
      ...(maxChanges === undefined ? {} : { maxChanges }),
      contextOf: (chunk: ChunkRow) => {
        // Another process may have stored the document after our catalog was
        // loaded; a chunk must never be skipped for that, or it is lost to search.
        if (this.catalog.document(chunk.documentId) === undefined) this.catalog.refresh();
        // The log should have named it; reading every document is the last resort.
        if (this.catalog.document(chunk.documentId) === undefined) this.catalog.refresh(true);
        const document = this.catalog.document(chunk.documentId);
        return document === undefined
          ? undefined
          : { title: [document.title, document.shortTitle ?? ''].join('\n'), language: document.language };
      },
      onPut: (chunk) => this.catalog.mapChunk(chunk.id, chunk.documentId),
    });
  }

  private assertWritable(): void {
    if (this.readOnly) throw new LexhopError('ERR_STORE_READ_ONLY', undefined, { file: this.store.file });
  }

  async ingest(paths: string[], options: IngestOptions = {}): Promise<IngestSummary> {
    this.assertWritable();
    const summary = await runIngest(this.store, paths, { ...options, onBatch: () => this.catchUp() });
    this.persist();
    return summary;
  }

  async addDocuments(inputs: DocumentInput[], options: IngestOptions = {}): Promise<IngestSummary> {
    this.assertWritable();
    const started = performance.now();
    const summary: IngestSummary = { documents: 0, chunks: 0, unchanged: 0, skipped: [], ms: 0 };
    const writes: DocumentWrite[] = [];
    inputs.forEach((input, index) => {
      const problem = validateInput(input);
      if (problem !== undefined) {
        summary.skipped.push({
          file: 'request', field: `documents[${index}].${problem.field}`,
          code: 'ERR_INGEST_BAD_RECORD', message: problem.message,
        });
        return;
      }
      const document = toSourceDocument(input, index, options.tenant);
      const chunks = chunkDocument(document);
      if (chunks.length === 0) {
        summary.skipped.push({
          file: 'request', field: `documents[${index}].text`, code: 'ERR_INGEST_EMPTY',
          message: 'document has no text to index',
        });
        return;
      }
      writes.push({ document, chunks });
    });
    const result = this.store.write(writes, options.tenant ?? '');
    summary.documents = result.written;
    summary.unchanged = result.unchanged;
    summary.chunks = result.chunks;
    this.catchUp();
    summary.ms = performance.now() - started;
    return summary;
  }

  /** Deletes a document by key; returns false when there is none. */
  deleteDocument(key: string, tenant?: string): boolean {
    this.assertWritable();
    const deleted = this.store.deleteDocument(key, tenant ?? '');
    this.catchUp();
    return deleted;
  }

  async deleteDocuments(keys: string[], options: DeleteOptions = {}): Promise<DeleteSummary> {
    this.assertWritable();
    const summary: DeleteSummary = { deleted: [], notFound: [] };
    // One transaction per key, so a key that is not stored leaves the others deleted.
    for (const key of keys) {
      const deleted = this.store.deleteDocument(key, options.tenant ?? '');
      (deleted ? summary.deleted : summary.notFound).push(key);
    }

    this.catchUp();
    return summary;
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    return search({ store: this.store, engine: this.engine, catalog: this.catalog }, request);
  }

  getChunk(id: number): ChunkRecord | undefined {
    const [chunk] = this.store.chunks([id]);
    return chunk === undefined ? undefined : this.record(chunk);
  }

  lookupCitation(ref: CitationRef, contextDocumentKey?: string): ChunkRecord[] {
    const context = { store: this.store, engine: this.engine, catalog: this.catalog };
    let documents: DocumentRow[] = [];
    if (ref.act !== undefined) {
      documents = resolveActFamilies(context, ref.act)
        .map((family) => this.catalog.versions(family)[0])
        .filter((d): d is DocumentRow => d !== undefined);
    } else if (contextDocumentKey !== undefined) {
      const document = this.catalog.documentByKey(contextDocumentKey);
      documents = document === undefined ? [] : [document];
    }
    const chunks = this.store.chunksOfSection(documents.map((d) => d.id), ref.section);
    const wanted = ref.subsection === undefined
      ? chunks
      : chunks.filter((c) => c.subsection === ref.subsection);
    return (wanted.length > 0 ? wanted : chunks).map((c) => this.record(c));
  }

  private record(chunk: ChunkRow): ChunkRecord {
    const document = this.catalog.document(chunk.documentId);
    if (document === undefined) throw new LexhopError('ERR_INTERNAL', 'chunk without document');
    return {
      ...chunk,
      documentKey: document.key,
      tenant: document.tenant === '' ? undefined : document.tenant,
      document: {
        key: document.key, family: document.family, title: document.title,
        shortTitle: document.shortTitle, docType: document.docType,
        issuedDate: document.issuedDate, url: document.url, current: document.current,
        ...(document.tenant === '' ? {} : { tenant: document.tenant }),
      },
    };
  }

  stats(): LexhopStats {
    const { documents, current } = this.catalog.count();
    return {
      documents, currentDocuments: current, chunks: this.store.chunkCount(),
      searchableChunks: this.engine.stats().chunks, engine: this.engine.name,
      dataDir: this.dataDir,
    };
  }

  /**
   * Applies what other processes wrote; with `maxChanges`, at most that many
   * changes, so a server can apply a bulk ingest in slices and answer
   * requests between them. Cheap when nothing changed: one indexed read of
   * the change log and one of meta.
   */
  refresh(options: RefreshOptions = {}): void {
    this.catchUp(options.maxChanges);
  }

  /** Writes the engine snapshot if it changed since it was last written. */
  persist(): void {
    if (this.readOnly || this.engine.appliedSeq === this.persistedSeq) return;
    this.engine.persist();
    this.persistedSeq = this.engine.appliedSeq;
  }

  async close(): Promise<void> {
    this.persist();
    this.engine.close();
    this.store.close();
  }
}

function validateInput(input: DocumentInput): { field: string; message: string } | undefined {
  if (typeof input !== 'object' || input === null) return { field: '', message: 'must be an object' };
  if (typeof input.title !== 'string' || input.title.trim() === '') {
    return { field: 'title', message: 'must be a non-empty string' };
  }
  if (typeof input.text !== 'string' || isBlank(input.text)) {
    return { field: 'text', message: 'must hold visible text, not only white space' };
  }
  if (input.issuedDate !== undefined && !isCalendarDate(input.issuedDate)) {
    return { field: 'issuedDate', message: 'must be a date as YYYY-MM-DD' };
  }
  return undefined;
}

function toSourceDocument(input: DocumentInput, index: number, tenant?: string): SourceDocument {
  const key = input.key ??
    `api:${createHash('sha256').update(`${input.title}\u0000${input.text}`).digest('hex').slice(0, 16)}`;
  return {
    key, family: input.family ?? key, title: wellFormed(input.title.trim()),
    docType: input.docType ?? 'text', language: input.language ?? detectLanguage(input.text),
    issuedDate: input.issuedDate, url: input.url, source: { file: 'request', line: index },
    text: wellFormed(input.text), tenant,
  };
}

/** Opens a data folder (see `OpenOptions`). */
export async function openLexhop(options: OpenOptions = {}): Promise<Lexhop> {
  return Lexhop.open(options);
}
