/**
 * The search result cache. A key is the request in one canonical form, so
 * requests that differ only in spacing, filter order or spelled-out defaults
 * share an entry. Each entry remembers the index generation it was computed
 * at; any write moves the generation on, and older entries stop matching.
 */
import type { SearchFilters, SearchRequest } from '../../retrieve/types.js';
import { LruCache } from './lru.js';

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
  hits: number;
  misses: number;
}

/** A bounded cache of serialized search responses. */
export class SearchCache {
  readonly #entries: LruCache<string, CacheEntry>;
  #hits = 0;
  #misses = 0;

  /** `maxEntries` default 10,000; 0 turns caching off. */
  constructor(maxEntries = 10_000) {
    this.#entries = new LruCache(maxEntries);
  }

  get enabled(): boolean {
    return this.#entries.maxEntries > 0;
  }

  /** The cached response JSON for `key` at `generation`, counting a hit or a miss. */
  get(key: string, generation: number | string): string | undefined {
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.generation === generation) {
      this.#hits += 1;
      return entry.json;
    }

    this.#misses += 1;
    return undefined;
  }

  set(key: string, generation: number | string, json: string): void {
    this.#entries.set(key, { generation, json });
  }

  stats(): SearchCacheStats {
    return {
      entries: this.#entries.size,
      maxEntries: this.#entries.maxEntries,
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
