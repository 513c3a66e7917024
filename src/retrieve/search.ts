/**
 * The search pipeline: validate, find the provisions a query cites, score the
 * rest with the engine under version, tenant and metadata filters, then drop
 * version duplicates, group by document and build snippets.
 */
import {
  actCitationName,
  actFamily,
  actNameCandidates,
  actTitlePrefixes,
} from '../analyze/acts.js';
import { parseQueryCitation } from '../analyze/citation.js';
import type { CitationRef } from '../analyze/citation-types.js';
import { analyzerFor } from '../analyze/index.js';
import { LexhopError } from '../errors.js';
import type { SearchEngine, WeightedTerm } from '../index/engine.js';
import type { ChunkRow, DocumentRow, Store } from '../index/store.js';
import type { Language } from '../types.js';
import { familyKey, type Catalog } from './catalog.js';
import { documentFocus, focusFirst, rankFocused } from './focus.js';
import { makeSnippet } from './snippet.js';
import { tightenHits } from './spans.js';
import type {
  HitDocument,
  QueryCitation,
  SearchHit,
  SearchRequest,
  SearchResponse,
} from './types.js';

/** What search reads from. */
export interface SearchContext {
  store: Store;
  engine: SearchEngine;
  catalog: Catalog;
}

interface Normalized {
  query: string;
  limit: number;
  offset: number;
  perDocument: number;
  request: SearchRequest;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

/**
 * Deepest page start. Each hit past the page costs engine work (the top
 * `offset + limit` must be found and grouped): at 10,000 one request took
 * over a second and held a serving process.
 */
export const MAX_OFFSET = 1000;

/** Most candidates the engine is asked for while widening its window. */
const MAX_WINDOW = 10_000;

/** True for a real `YYYY-MM-DD` date (not `2024-02-30`). */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function bad(field: string, message: string): LexhopError {
  const code = field.startsWith('filters') ? 'ERR_SEARCH_BAD_FILTER' : 'ERR_SEARCH_BAD_QUERY';
  return new LexhopError(code, `${field}: ${message}`, { field });
}

function integer(value: unknown, field: string, fallback: number, max: number, min = 0): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw bad(field, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function checkDate(value: unknown, field: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw bad(field, 'must be a date as YYYY-MM-DD');
  }
}

function normalize(request: SearchRequest): Normalized {
  if (typeof request.query !== 'string' || request.query.trim() === '') {
    throw bad('query', 'must be a non-empty string');
  }
  if (request.query.length > 2000) throw bad('query', 'must be at most 2000 characters');
  if (request.versions !== undefined && !['current', 'all'].includes(request.versions)) {
    throw bad('versions', "must be 'current' or 'all'");
  }
  if (request.focus !== undefined && !['auto', 'off'].includes(request.focus)) {
    throw bad('focus', "must be 'auto' or 'off'");
  }
  if (request.spans !== undefined && !['chunk', 'tight'].includes(request.spans)) {
    throw bad('spans', "must be 'chunk' or 'tight'");
  }
  checkDate(request.asOf, 'asOf');
  checkDate(request.filters?.dateFrom, 'filters.dateFrom');
  checkDate(request.filters?.dateTo, 'filters.dateTo');
  return {
    // NFKC: full-width `ｓｔｒａｆｆｅｌｏｖｅｎｓ § ２６３` is read as the citation it is.
    query: usualCitationForm(request.query.trim().normalize('NFKC')),
    limit: integer(request.limit, 'limit', 10, 200, 1),
    offset: integer(request.offset, 'offset', 0, MAX_OFFSET),
    perDocument: integer(request.perDocument, 'perDocument', 3, 200),
    request,
  };
}

/**
 * Families an act name or key stands for: `straffeloven`, `rpl`, `lov om
 * beskatning ved dødsfald`, `dk:2024:1160`. A name that matches no stored
 * name as a whole (a title that ran on into the query: `lov om leje,
 * varsel`) stands for the longest stored title it begins with. Every family
 * a name matches is given: one act stored under two titles (`lov om hegn`
 * and `lov om hegn (hegnsloven)`) has its versions in both, and the caller's
 * section and subsection tell which holds the provision.
 */
export function resolveActFamilies(context: SearchContext, name: string, tenant = ''): string[] {
  const named = (written: string): string[] => familiesNamedExactly(context, written);

  let families = named(name);
  if (families.length === 0) {
    // One lookup for all prefixes first: most names that miss match none of them either.
    const prefixes = actTitlePrefixes(name);
    const any = context.store.familiesNamed(prefixes.flatMap((p) => actNameCandidates(p)));
    for (const prefix of any.length === 0 ? [] : prefixes) {
      families = named(prefix);
      if (families.length > 0) break;
    }
  }

  const found = new Set(families);
  const byKey = context.catalog.documentByKey(name, tenant) ?? context.catalog.documentByKey(name);
  if (byKey !== undefined) found.add(byKey.family);
  return [...found];
}

/** Families an act name stands for as a whole, without trying shorter titles. */
function familiesNamedExactly(context: SearchContext, name: string): string[] {
  return context.store.familiesNamed([...actNameCandidates(name), actFamily(name)]);
}

// One to three words before a popular name at the start of a query.
const LEADING_WORDS = /^[\p{L}-]+(?:\s+[\p{L}-]+){0,2}$/u;

/**
 * The act a citation names. The words that open a query may complete a title
 * with the name after them (`International købelov § 4` is an act of its
 * own, not Købeloven), so that longer name is tried first, as a whole; when
 * no act has it (`hvad siger købeloven § 4`), the name as parsed.
 */
function citedFamilies(
  context: SearchContext,
  query: string,
  ref: CitationRef,
  name: string,
  tenant: string,
): string[] {
  const before = ref.act === undefined ? '' : query.slice(0, ref.start).trim();
  if (LEADING_WORDS.test(before)) {
    const longer = familiesNamedExactly(context, `${before} ${name}`);
    if (longer.length > 0) return longer;
  }
  return resolveActFamilies(context, name, tenant);
}

/**
 * A query with citations written out in words or without their dots put in
 * the form the parser reads: `straffeloven paragraf 263` → `straffeloven
 * § 263`, `§ 263 stk 2` → `§ 263 stk. 2`.
 */
export function usualCitationForm(query: string): string {
  return query
    .replace(/\bparagraf(?:fen|fer|ferne)?\s+(?=\d)/giu, '§ ')
    .replace(/\b(stk|nr|pkt)(?=\s+\d)/giu, '$1.');
}

/** Builds the per-document visibility test of a request, memoized per document. */
function documentFilter(context: SearchContext, request: SearchRequest): (d: DocumentRow) => boolean {
  const tenant = request.tenant ?? '';
  const filters = request.filters ?? {};
  const types = filters.docTypes?.map((t) => t.toUpperCase());
  const keys = filters.documentKeys === undefined ? undefined : new Set(filters.documentKeys);
  const acts = filters.act === undefined
    ? undefined
    : new Set(resolveActFamilies(context, filters.act, tenant));
  // An act filter that names nothing stored would answer with no hits and no reason.
  if (acts !== undefined && acts.size === 0) {
    throw bad('filters.act', `names no stored act or document key: "${filters.act}"`);
  }
  const asOf = request.asOf;
  const allVersions = request.versions === 'all';
  const inForce = new Map<string, number | undefined>();

  return (document) => {
    if (document.tenant !== '' && document.tenant !== tenant) return false;
    if (asOf !== undefined) {
      const family = familyKey(document.tenant, document.family);
      if (!inForce.has(family)) {
        inForce.set(family, context.catalog.versionOn(document.family, asOf, document.tenant)?.id);
      }
      if (inForce.get(family) !== document.id) return false;
    } else if (!allVersions && !document.current) {
      return false;
    }
    if (types !== undefined && !types.includes(document.docType.toUpperCase())) return false;
    if (filters.dateFrom !== undefined && (document.issuedDate ?? '') < filters.dateFrom) {
      return false;
    }
    if (filters.dateTo !== undefined && (document.issuedDate ?? '9999') > filters.dateTo) {
      return false;
    }
    if (acts !== undefined && !acts.has(document.family) && document.key !== filters.act) {
      return false;
    }
    return keys === undefined || keys.has(document.key);
  };
}

/**
 * Query terms: the query analyzed in each of `languages` (default Danish and
 * English), each term once.
 */
export function queryTerms(
  query: string,
  languages: readonly Language[] = ['da', 'en'],
): WeightedTerm[] {
  const seen = new Set<string>();
  const terms: WeightedTerm[] = [];
  for (const language of languages) {
    for (const term of analyzerFor(language).terms(query)) {
      if (seen.has(term)) continue;
      seen.add(term);
      terms.push({ term, weight: 1 });
    }
  }
  return terms;
}

/** The provisions a query's citations name, and what became of each citation. */
function citationChunks(
  context: SearchContext,
  query: string,
  refs: CitationRef[],
  request: SearchRequest,
  visible: (d: DocumentRow) => boolean,
): { chunks: ChunkRow[]; citations: QueryCitation[] } {
  const found: ChunkRow[] = [];
  const citations: QueryCitation[] = [];
  const tenant = request.tenant ?? '';
  for (const ref of refs) {
    const name = ref.act ?? request.filters?.act;
    if (name === undefined) {
      citations.push({ ...ref, outcome: 'no-act' });
      continue;
    }
    const versions = citedFamilies(context, query, ref, name, tenant)
      .flatMap((family) => [
        ...context.catalog.versions(family, tenant),
        ...(tenant === '' ? [] : context.catalog.versions(family)),
      ]);
    const documents = versions
      .filter(visible)
      .sort((a, b) => (newer(a, b) ? -1 : newer(b, a) ? 1 : 0));
    const rank = new Map(documents.map((d, i) => [d.id, i]));
    const chunks = context.store.chunksOfSection(documents.map((d) => d.id), ref.section)
      .sort((a, b) => (rank.get(a.documentId) ?? 0) - (rank.get(b.documentId) ?? 0));
    const wanted = ref.subsection === undefined
      ? chunks
      : chunks.filter((c) => c.subsection === ref.subsection);
    found.push(...(wanted.length > 0 ? wanted : chunks));
    const outcome = versions.length === 0 ? 'unknown-act'
      : documents.length === 0 ? 'out-of-scope'
        : chunks.length === 0 ? 'no-section'
          : wanted.length === 0 ? 'no-subsection' : 'found';
    const act = documents[0] ?? versions[0];
    citations.push({
      ...ref, outcome, ...(act === undefined ? {} : { actName: actCitationName(act) }),
    });
  }
  return { chunks: found, citations };
}

/**
 * A hit's document as the API shows it. The owner is named only for private
 * documents; the visibility filter has already kept out other tenants' ones,
 * so a caller only ever sees its own tenant here.
 */
function hitDocument(document: DocumentRow): HitDocument {
  return {
    key: document.key, family: document.family, title: document.title,
    shortTitle: document.shortTitle, docType: document.docType,
    issuedDate: document.issuedDate, url: document.url, current: document.current,
    ...(document.tenant === '' ? {} : { tenant: document.tenant }),
  };
}

/** What version de-duplication compares: the text with its white space folded. */
function foldedText(chunk: ChunkRow): string {
  return chunk.text.replace(/\s+/gu, ' ');
}

/** A chunk by id and document; the full row is read from the store only when needed. */
interface ChunkRef {
  id: number;
  documentId: number;
}

interface Row {
  chunk: ChunkRef;
  score: number;
  matchedBy: 'citation' | 'text';
}

/** True when `a` is a later version than `b`: current law first, then the newest issue. */
function newer(a: DocumentRow, b: DocumentRow): boolean {
  if (a.current !== b.current) return a.current;
  return (a.issuedDate ?? '') > (b.issuedDate ?? '');
}

/** Full rows of `refs`, reading from the store only those not read yet. */
function fullRows(context: SearchContext, refs: readonly ChunkRef[]): Map<number, ChunkRow> {
  const rows = new Map<number, ChunkRow>();
  const missing: number[] = [];
  for (const ref of refs) {
    if ('text' in ref) rows.set(ref.id, ref as ChunkRow);
    else missing.push(ref.id);
  }
  for (const row of context.store.chunks(missing)) rows.set(row.id, row);
  return rows;
}

/**
 * The page's rows, best first: versions repeat most of their text, so each
 * text appears once, in its newest version, at the rank of its best copy;
 * then at most `perDocument` text hits per document. Text is compared only
 * within a family (an act's versions), so only rows whose family appears
 * more than once are read from the store here.
 */
function selectRows(context: SearchContext, rows: Row[], perDocument: number, need: number): Row[] {
  const entries = rows.flatMap((row) => {
    const document = context.catalog.document(row.chunk.documentId);
    return document === undefined
      ? []
      : [{ row, document, family: familyKey(document.tenant, document.family), key: '' }];
  });
  const perFamily = new Map<string, number>();
  for (const entry of entries) perFamily.set(entry.family, (perFamily.get(entry.family) ?? 0) + 1);
  const shared = entries.filter((entry) => (perFamily.get(entry.family) as number) > 1);
  const texts = fullRows(context, shared.map((entry) => entry.row.chunk));
  for (const entry of entries) {
    const chunk = texts.get(entry.row.chunk.id);
    entry.key = chunk === undefined
      ? `${entry.family}\u0000#${entry.row.chunk.id}`
      : `${entry.family}\u0000${foldedText(chunk)}`;
  }

  const newest = new Map<string, { row: Row; document: DocumentRow }>();
  for (const entry of entries) {
    const known = newest.get(entry.key);
    if (known === undefined || newer(entry.document, known.document)) newest.set(entry.key, entry);
  }

  const seen = new Set<string>();
  const perDocumentCount = new Map<number, number>();
  const kept: Row[] = [];
  for (const { row, key } of entries) {
    if (seen.has(key)) continue;
    seen.add(key);
    const chosen = newest.get(key) as { row: Row; document: DocumentRow };
    const count = perDocumentCount.get(chosen.document.id) ?? 0;
    if (perDocument > 0 && count >= perDocument && row.matchedBy === 'text') continue;
    perDocumentCount.set(chosen.document.id, count + 1);
    // A row read for the version check is kept whole, so the page does not read it again.
    const chunk = texts.get(chosen.row.chunk.id) ?? chosen.row.chunk;
    kept.push({ chunk, score: row.score, matchedBy: row.matchedBy });
    if (kept.length >= need) break;
  }
  return kept;
}

/** Runs a search request. */
export function search(context: SearchContext, request: SearchRequest): SearchResponse {
  const started = performance.now();
  const { query, limit, offset, perDocument } = normalize(request);
  const visibleDocument = documentFilter(context, request);
  const memo = new Map<number, boolean>();
  const visibleChunk = (id: number): boolean => {
    const document = context.catalog.documentOfChunk(id);
    if (document === undefined) return false;
    let visible = memo.get(document.id);
    if (visible === undefined) {
      visible = visibleDocument(document);
      memo.set(document.id, visible);
    }
    return visible;
  };

  const { refs, rest } = parseQueryCitation(query);
  const { chunks: cited, citations } =
    citationChunks(context, query, refs, request, visibleDocument);
  // A resolved citation names its provision; its words (act name, `§ 15`,
  // `stk. 2`) sit in the title of most chunks and would scan the longest
  // posting lists only to rank that provision again.
  const terms = queryTerms(cited.length > 0 ? rest : query, context.catalog.analyzers());
  const need = offset + limit;
  const citedIds = new Set(cited.map((c) => c.id));

  const rankText = (
    rankTerms: WeightedTerm[],
    accept: (id: number) => boolean,
    window: number,
  ): { found: { chunk: ChunkRef; score: number }[]; full: boolean } => {
    if (rankTerms.length === 0) return { found: [], full: false };
    const hits = context.engine.search({ terms: rankTerms, limit: window, accept });
    const found = hits.flatMap((h) => {
      const document = context.catalog.documentOfChunk(h.id);
      return document === undefined || citedIds.has(h.id)
        ? []
        : [{ chunk: { id: h.id, documentId: document.id }, score: h.score }];
    });
    return { found, full: hits.length === window };
  };

  // Focus (focus.ts): the documents the query names rank first, on its question alone.
  const focus = request.focus === 'off'
    ? undefined
    : documentFocus(context, query, { document: visibleDocument, chunk: visibleChunk });
  const inFocus = (id: number): boolean =>
    visibleChunk(id) && (focus?.documentIds.has(context.catalog.documentOfChunk(id)?.id ?? 0) ?? false);

  // Grouping and de-duplication drop candidates, so widen the engine's window
  // until the page is full or the engine has no more to give. A document
  // that already fills its `perDocument` share cannot add to the page, so
  // the next window leaves it out: one act matching everywhere (a citation's
  // own act) no longer makes every window scan its chunks again.
  let window = need * (perDocument > 0 ? 2 : 1) + 10;
  let kept: Row[] = [];
  const full = new Set<number>();
  const acceptMain = (id: number): boolean => visibleChunk(id) &&
    (full.size === 0 || !full.has(context.catalog.documentOfChunk(id)?.id ?? 0));
  const pool = new Map<number, { chunk: ChunkRef; score: number }>();
  // Where the focused documents' chunks sit: read once, whatever the window.
  const places = focus === undefined ? [] : context.store.chunkPlaces([...focus.documentIds]);
  for (let attempt = 0; ; attempt += 1) {
    const main = rankText(terms, acceptMain, window);
    for (const found of main.found) pool.set(found.chunk.id, found);
    let ranked = [...pool.values()].sort((a, b) => b.score - a.score);
    let more = main.full;
    if (focus !== undefined) {
      const focused = rankText(focus.terms, inFocus, window);
      ranked = focusFirst(rankFocused(places, focused.found), ranked);
      more = more || focused.full;
    }
    const top = ranked[0]?.score ?? 0;
    const rows: Row[] = cited.map((chunk, i) => ({ chunk, score: top + 1 - i * 1e-3, matchedBy: 'citation' }));
    for (const row of ranked) rows.push({ ...row, matchedBy: 'text' });
    kept = selectRows(context, rows, perDocument, need);
    if (kept.length >= need || !more || attempt >= 3) break;
    if (perDocument > 0) {
      const counts = new Map<number, number>();
      for (const row of kept) counts.set(row.chunk.documentId, (counts.get(row.chunk.documentId) ?? 0) + 1);
      for (const [documentId, count] of counts) if (count >= perDocument) full.add(documentId);
    }
    if (window >= MAX_WINDOW) break;
    window = Math.min(window * 2, MAX_WINDOW);
  }

  const termSet = new Set(terms.map((t) => t.term));
  const page = kept.slice(offset, need);
  const pageRows = fullRows(context, page.map((row) => row.chunk));
  const hits: SearchHit[] = page.flatMap(({ chunk: ref, score, matchedBy }) => {
    const chunk = pageRows.get(ref.id);
    if (chunk === undefined) return [];
    const document = context.catalog.document(chunk.documentId) as DocumentRow;
    const analyzer = analyzerFor(document.language === 'en' ? 'en' : 'da');
    return [{
      chunkId: chunk.id, documentKey: document.key, citation: chunk.citation, score,
      start: chunk.start, end: chunk.end, snippet: makeSnippet(chunk.text, termSet, analyzer),
      text: chunk.text, section: chunk.section, subsection: chunk.subsection,
      heading: chunk.heading, matchedBy, document: hitDocument(document),
    }];
  });
  if (request.spans === 'tight') {
    const spanTerms = new Set((focus?.terms ?? terms).map((t) => t.term));
    tightenHits(hits, spanTerms, (hit) =>
      analyzerFor(context.catalog.documentOfChunk(hit.chunkId)?.language === 'en' ? 'en' : 'da'));
  }
  return { query, citations, hits, tookMs: performance.now() - started };
}
