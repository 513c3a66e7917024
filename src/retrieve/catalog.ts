/**
 * The documents of a data folder in memory, without their text: what a
 * filter needs to accept or reject a chunk while the engine scores it
 * (version, type, date, act, tenant), and the chunk → document map.
 */
import type { Language } from '../types.js';
import type { DocumentRow, Store } from '../index/store.js';

export class Catalog {
  private byId: (DocumentRow | undefined)[] = [];
  private byKey = new Map<string, DocumentRow>();
  private families = new Map<string, DocumentRow[]>();
  private chunkDocument = new Uint32Array(1024);
  private loadedGeneration = -1;
  private analyzed: Language[] = ['da'];

  /** Loads documents and the chunk map. */
  constructor(private readonly store: Store) {
    this.reloadDocuments();
    const { ids, documentIds } = store.chunkDocuments();
    for (let i = 0; i < ids.length; i += 1) {
      this.mapChunk(ids[i] as number, documentIds[i] as number);
    }
  }

  /** Reloads document rows when another write changed them (or always, with `force`). */
  refresh(force = false): void {
    if (force || this.store.generation() !== this.loadedGeneration) this.reloadDocuments();
  }

  private reloadDocuments(): void {
    this.loadedGeneration = this.store.generation();
    const byId: (DocumentRow | undefined)[] = [];
    const byKey = new Map<string, DocumentRow>();
    const families = new Map<string, DocumentRow[]>();
    for (const document of this.store.documents()) {
      byId[document.id] = document;
      byKey.set(`${document.tenant}\u0000${document.key}`, document);
      const familyKey = `${document.tenant}\u0000${document.family}`;
      const versions = families.get(familyKey) ?? [];
      versions.push(document);
      families.set(familyKey, versions);
    }
    for (const versions of families.values()) {
      versions.sort((a, b) => (b.issuedDate ?? '').localeCompare(a.issuedDate ?? '') ||
        b.key.localeCompare(a.key));
    }
    this.byId = byId;
    this.byKey = byKey;
    this.families = families;
    const english = byId.some((d) => d?.language === 'en');
    const other = byId.some((d) => d !== undefined && d.language !== 'en');
    this.analyzed = english && other ? ['da', 'en'] : english ? ['en'] : ['da'];
  }

  /**
   * The analyzers the chunks were indexed with (`en` for English documents,
   * `da` for the rest), so a query is analyzed only in those: a term of the
   * other language's stemmer could only match by accident, and would cost a
   * posting-list scan.
   */
  analyzers(): readonly Language[] {
    return this.analyzed;
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
    return this.families.get(`${tenant}\u0000${family}`) ?? [];
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
