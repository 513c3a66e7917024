/**
 * The documents of a data folder in memory, without their text: what a
 * filter needs to accept or reject a chunk while the engine scores it
 * (version, type, date, act, tenant), and the chunk → document map.
 */
import type { Language } from '../types.js';
import type { DocumentRow, Store } from '../index/store.js';

/** A document that a refresh added, changed or removed; `before` and `after` as the catalog held them. */
export interface CatalogChange {
  before?: DocumentRow;
  after?: DocumentRow;
}

const BOTH: readonly Language[] = ['da', 'en'];
const ENGLISH: readonly Language[] = ['en'];
const DANISH: readonly Language[] = ['da'];

/** The key of a tenant's family of versions, as the catalog and search group them. */
export function familyKey(tenant: string, family: string): string {
  return `${tenant}\u0000${family}`;
}

/** Past this many changed documents, a refresh reads every document instead. */
const INCREMENTAL_LIMIT = 5_000;

/** Changes kept for `changesSince`; a reader further behind rebuilds. */
const JOURNAL_LIMIT = 20_000;

export class Catalog {
  private byId: (DocumentRow | undefined)[] = [];
  private byKey = new Map<string, DocumentRow>();
  private families = new Map<string, DocumentRow[]>();
  private chunkDocument = new Uint32Array(1024);
  private loadedGeneration = -1;
  private english = 0;
  private other = 0;
  private revisionValue = 0;
  private journal: CatalogChange[] = [];
  /** The revision just before `journal[0]`. */
  private journalFrom = 0;

  /** Loads documents and the chunk map. */
  constructor(private readonly store: Store) {
    this.reloadDocuments();
    const { ids, documentIds } = store.chunkDocuments();
    for (let i = 0; i < ids.length; i += 1) {
      this.mapChunk(ids[i] as number, documentIds[i] as number);
    }
  }

  /**
   * Catches up with writes of this or another process. Reads only the
   * documents the store's change log names, so a write of one document
   * costs one small read, not a reload of every document (170 ms at 26,000
   * acts); `force` reloads every document.
   */
  refresh(force = false): void {
    const generation = this.store.generation();
    if (!force && generation === this.loadedGeneration) return;

    const changed = force || this.loadedGeneration < 0
      ? undefined
      : this.store.documentChangesSince(this.loadedGeneration);
    if (changed === undefined || changed.length > INCREMENTAL_LIMIT) this.reloadDocuments();
    else this.applyChanges(changed, generation);
  }

  /**
   * Grows with every change the catalog takes in; with `changesSince`, lets
   * an index built from the documents (focus's name index) follow them.
   */
  get revision(): number {
    return this.revisionValue;
  }

  /**
   * The changes after `revision`, oldest first, or undefined when they are
   * no longer kept (or the catalog reloaded everything since): rebuild then.
   */
  changesSince(revision: number): readonly CatalogChange[] | undefined {
    if (revision < this.journalFrom || revision > this.revisionValue) return undefined;
    return this.journal.slice(revision - this.journalFrom);
  }

  private reloadDocuments(): void {
    this.loadedGeneration = this.store.generation();
    this.byId = [];
    this.byKey = new Map();
    this.families = new Map();
    this.english = 0;
    this.other = 0;
    for (const document of this.store.documents()) {
      this.byId[document.id] = document;
      this.link(document);
    }
    for (const versions of this.families.values()) sortVersions(versions);

    // Whoever follows the journal must start over.
    this.revisionValue += 1;
    this.journal = [];
    this.journalFrom = this.revisionValue;
  }

  /**
   * Re-reads the documents with these ids: stored ones replace what the
   * catalog held, missing ones are dropped. Reading a row twice does no
   * harm, so a write that lands between the generation and the log read is
   * simply read again next time.
   */
  private applyChanges(ids: readonly number[], generation: number): void {
    const rows = new Map(this.store.documentsById(ids).map((row) => [row.id, row]));
    const touched = new Set<string>();
    for (const id of ids) {
      const before = this.byId[id];
      const after = rows.get(id);
      if (before === undefined && after === undefined) continue;
      if (before !== undefined) touched.add(this.unlink(before));
      if (after !== undefined) touched.add(this.link(after));
      this.byId[id] = after;
      this.record({ before, after });
    }
    for (const family of touched) {
      const versions = this.families.get(family);
      if (versions !== undefined) sortVersions(versions);
    }
    this.loadedGeneration = generation;
  }

  /** Adds a document to the key and family maps; returns its family key. */
  private link(document: DocumentRow): string {
    this.byKey.set(`${document.tenant}\u0000${document.key}`, document);
    const family = familyKey(document.tenant, document.family);
    const versions = this.families.get(family);
    if (versions === undefined) this.families.set(family, [document]);
    else versions.push(document);
    if (document.language === 'en') this.english += 1;
    else this.other += 1;
    return family;
  }

  /** Takes a document out of the key and family maps; returns its family key. */
  private unlink(document: DocumentRow): string {
    const key = `${document.tenant}\u0000${document.key}`;
    if (this.byKey.get(key)?.id === document.id) this.byKey.delete(key);
    const family = familyKey(document.tenant, document.family);
    const versions = this.families.get(family)?.filter((d) => d.id !== document.id) ?? [];
    if (versions.length > 0) this.families.set(family, versions);
    else this.families.delete(family);
    if (document.language === 'en') this.english -= 1;
    else this.other -= 1;
    return family;
  }

  private record(change: CatalogChange): void {
    this.journal.push(change);
    this.revisionValue += 1;
    if (this.journal.length > JOURNAL_LIMIT) {
      const drop = this.journal.length - JOURNAL_LIMIT / 2;
      this.journal = this.journal.slice(drop);
      this.journalFrom += drop;
    }
  }

  /**
   * The analyzers the chunks were indexed with (`en` for English documents,
   * `da` for the rest), so a query is analyzed only in those: a term of the
   * other language's stemmer could only match by accident, and would cost a
   * posting-list scan.
   */
  analyzers(): readonly Language[] {
    if (this.english > 0 && this.other > 0) return BOTH;
    return this.english > 0 ? ENGLISH : DANISH;
  }

  mapChunk(chunkId: number, documentId: number): void {
    if (chunkId >= this.chunkDocument.length) {
      let size = this.chunkDocument.length;
      while (size <= chunkId) size *= 2;
      const grown = new Uint32Array(size);
      grown.set(this.chunkDocument);
      this.chunkDocument = grown;
    }
    this.chunkDocument[chunkId] = documentId;
  }

  /** The document of a chunk. */
  documentOfChunk(chunkId: number): DocumentRow | undefined {
    const documentId = chunkId < this.chunkDocument.length ? this.chunkDocument[chunkId] : 0;
    return documentId === undefined || documentId === 0 ? undefined : this.byId[documentId];
  }

  document(id: number): DocumentRow | undefined {
    return this.byId[id];
  }

  documentByKey(key: string, tenant = ''): DocumentRow | undefined {
    return this.byKey.get(`${tenant}\u0000${key}`);
  }

  /** Versions of a family, newest first. */
  versions(family: string, tenant = ''): DocumentRow[] {
    return this.families.get(familyKey(tenant, family)) ?? [];
  }

  /** The version of a family in force on `date`: the newest issued on or before it. */
  versionOn(family: string, date: string, tenant = ''): DocumentRow | undefined {
    return this.versions(family, tenant).find((d) => (d.issuedDate ?? '') <= date);
  }

  /** Every document. */
  all(): DocumentRow[] {
    return this.byId.filter((d): d is DocumentRow => d !== undefined);
  }

  count(): { documents: number; current: number } {
    let documents = 0;
    let current = 0;
    for (const document of this.byId) {
      if (document === undefined) continue;
      documents += 1;
      if (document.current) current += 1;
    }
    return { documents, current };
  }
}

/** Newest issue first; the key breaks ties, as the store's current flag does. */
function sortVersions(versions: DocumentRow[]): void {
  versions.sort((a, b) => (b.issuedDate ?? '').localeCompare(a.issuedDate ?? '') ||
    b.key.localeCompare(a.key));
}
