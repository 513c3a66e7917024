/**
 * The search result cache. A key is the request in one canonical form, so
 * requests that differ only in spacing, filter order or spelled-out defaults
 * share an entry. Each entry remembers the index generation it was computed
 * at; any write moves the generation on, and older entries stop matching.
 */
import type { SearchFilters, SearchRequest } from '../../retrieve/types.js';
import { LRUCache } from 'lru-cache';

/** Defaults of `SearchRequest`, as documented in retrieve/types.ts. */
const DEFAULT_LIMIT = 10;
const DEFAULT_PER_DOCUMENT = 3;

interface CacheEntry {
  generation: number | string;
  /** The response, serialized once. */
  json: string;
}

export interface SearchCacheStats {
  entries: number;
  maxEntries: number;
  /** Bytes of response JSON held (UTF-16 length * 2). */
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
}

/** Memory a cached entry holds: its key and JSON as UTF-16, plus a little bookkeeping. */
function entryBytes(entry: CacheEntry, key: string): number {
  return 2 * (entry.json.length + key.length) + 64;
}

/** A cache of serialized search responses, bounded by entries and by bytes. */
export class SearchCache {
  readonly #entries: LRUCache<string, CacheEntry> | undefined;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  #hits = 0;
  #misses = 0;

  /**
   * `maxEntries` default 10,000, 0 turns caching off; `maxMb` default 64:
   * responses differ in size a hundredfold (a page of 200 hits), so a count
   * alone does not bound the memory.
   */
  constructor(maxEntries = 10_000, maxMb = 64) {
    this.#maxEntries = Math.max(0, Math.floor(maxEntries));
    this.#maxBytes = Math.max(1, Math.floor(maxMb * 1024 * 1024));
    this.#entries = this.#maxEntries === 0
      ? undefined
      : new LRUCache<string, CacheEntry>({
        max: this.#maxEntries,
        maxSize: this.#maxBytes,
        sizeCalculation: entryBytes,
      });
  }

  get enabled(): boolean {
    return this.#entries !== undefined;
  }

  /** The cached response JSON for `key` at `generation`, counting a hit or a miss. */
  get(key: string, generation: number | string): string | undefined {
    const entry = this.#entries?.get(key);
    if (entry !== undefined && entry.generation === generation) {
      this.#hits += 1;
      return entry.json;
    }

    this.#misses += 1;
    return undefined;
  }

  /** Stores a response; one larger than the whole cache is not kept. */
  set(key: string, generation: number | string, json: string): void {
    const entry = { generation, json };
    if (this.#entries === undefined || entryBytes(entry, key) > this.#maxBytes) return;
    this.#entries.set(key, entry);
  }

  stats(): SearchCacheStats {
    return {
      entries: this.#entries?.size ?? 0,
      maxEntries: this.#maxEntries,
      bytes: this.#entries?.calculatedSize ?? 0,
      maxBytes: this.#maxEntries === 0 ? 0 : this.#maxBytes,
      hits: this.#hits,
      misses: this.#misses,
    };
  }
}

function sortedUnique(values: string[] | undefined): string[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  return [...new Set(values)].sort();
}

function normalizeFilters(filters: SearchFilters | undefined): SearchFilters | undefined {
  if (filters === undefined) return undefined;

  const normalized: SearchFilters = {};
  const docTypes = sortedUnique(filters.docTypes);
  const documentKeys = sortedUnique(filters.documentKeys);
  if (docTypes !== undefined) normalized.docTypes = docTypes;
  if (documentKeys !== undefined) normalized.documentKeys = documentKeys;
  if (filters.dateFrom !== undefined) normalized.dateFrom = filters.dateFrom;
  if (filters.dateTo !== undefined) normalized.dateTo = filters.dateTo;
  const act = filters.act?.trim();
  if (act !== undefined && act !== '') normalized.act = act;

  return Object.keys(normalized).length === 0 ? undefined : normalized;
}

/**
 * The request in canonical form: query in NFC with runs of white space
 * collapsed, list filters sorted and deduplicated, empty filters dropped.
 * Defaults are not filled in, so the facade stays the one that decides them.
 */
export function normalizeSearchRequest(request: SearchRequest): SearchRequest {
  const normalized: SearchRequest = {
    ...request,
    query: request.query.normalize('NFC').trim().replace(/\s+/gu, ' '),
  };

  const filters = normalizeFilters(request.filters);
  if (filters === undefined) delete normalized.filters;
  else normalized.filters = filters;

  return normalized;
}

/** Cache key of a normalized request; spelled-out defaults map to the same key. */
export function searchCacheKey(request: SearchRequest): string {
  const filters = request.filters ?? {};
  return JSON.stringify([
    request.query,
    request.limit ?? DEFAULT_LIMIT,
    request.offset ?? 0,
    request.versions ?? 'current',
    request.perDocument ?? DEFAULT_PER_DOCUMENT,
    request.asOf ?? null,
    request.tenant ?? null,
    request.focus ?? 'auto',
    request.spans ?? 'chunk',
    filters.docTypes ?? null,
    filters.documentKeys ?? null,
    filters.dateFrom ?? null,
    filters.dateTo ?? null,
    filters.act ?? null,
  ]);
}
