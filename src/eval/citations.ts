/**
 * The citation suite: for a sample of provisions in a data folder, queries
 * in the forms Danish lawyers write them, each of which must return that
 * provision first. It measures the citation parser, act-name resolution and
 * the citation path of search together, through the public API only.
 */
import { mulberry32 } from './prng.js';
import type { ChunkRecord, LexhopApi } from '../api.js';
import type { SearchRequest } from '../retrieve/types.js';

/** The forms a citation is written in. */
export type CitationForm =
  | 'stk-i-title'
  | 'short-section'
  | 'short-section-stk'
  | 'genitive-section'
  | 'section-with-act-filter'
  | 'label';

/** One query of the suite and the provision it must find. */
export interface CitationCase {
  form: CitationForm;
  request: SearchRequest;
  expected: { documentKey: string; section: string; subsection?: number; citation: string };
}

/** A case whose first hit was not the provision. */
export interface CitationMiss {
  form: CitationForm;
  query: string;
  act?: string;
  expected: CitationCase['expected'];
  got?: { documentKey: string; citation: string; section?: string; subsection?: number };
}

export interface CitationSuiteResult {
  provisions: number;
  cases: number;
  passed: number;
  byForm: Record<string, { cases: number; passed: number }>;
  misses: CitationMiss[];
}

export interface CitationSuiteOptions {
  /** Provisions to sample. Default 300. */
  sample?: number;
  /** Seed of the sample, so runs compare. Default 1. */
  seed?: number;
}

/** A section a lawyer cites on its own: `12`, `12a`, `15C`; not a range label such as `6-9`. */
const CITABLE_SECTION = /^\d+[a-zæøå]?$/iu;

/** `12a` → `12 a`, `15C` → `15 C`, as provisions are written. */
export function writtenSection(section: string): string {
  return section.replace(/^(\d+)([a-zæøå])$/iu, '$1 $2');
}

/**
 * The act as named after `i` in a reference: the title without the
 * consolidation wrapper and without a bracketed popular name, lower-cased
 * first letter. `Bekendtgørelse af lov om rettens pleje` → `lov om rettens pleje`.
 */
export function actPhrase(title: string): string {
  const phrase = title
    .replace(/^\s*bekendtgørelse\s+af\s+/iu, '')
    .replace(/\s*\([^()]*\)\s*$/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
  return phrase.charAt(0).toLowerCase() + phrase.slice(1);
}

/** `Straffeloven` → `Straffelovens`; a name ending in `s` takes none. */
function genitive(name: string): string {
  return /s$/iu.test(name) ? name : `${name}s`;
}

/** The cases for one provision chunk. */
export function casesFor(chunk: ChunkRecord): CitationCase[] {
  const section = chunk.section;
  if (section === undefined || !CITABLE_SECTION.test(section)) return [];
  const written = writtenSection(section);
  const document = chunk.document;
  const stk = chunk.subsection !== undefined && chunk.subsection > 1 ? chunk.subsection : undefined;
  const whole = { documentKey: document.key, section, citation: chunk.citation };
  const exact = { ...whole, subsection: stk };
  const cases: CitationCase[] = [];

  const phrase = actPhrase(document.title);
  if (phrase !== '') {
    const cited = stk === undefined ? `§ ${written}` : `§ ${written}, stk. ${stk}`;
    const query = `${cited} i ${phrase}`;
    cases.push({ form: 'stk-i-title', request: { query }, expected: exact });
  }
  const short = document.shortTitle;
  if (short !== undefined && short !== '') {
    cases.push({
      form: 'short-section', request: { query: `${short} § ${written}` }, expected: whole,
    });
    if (stk !== undefined) {
      cases.push({
        form: 'short-section-stk', request: { query: `${short} § ${written}, stk. ${stk}` },
        expected: exact,
      });
    }
    cases.push({
      form: 'genitive-section',
      request: { query: `${genitive(short.toLowerCase())} § ${written}` }, expected: whole,
    });
  }
  // The label lexhop shows (`Lov om varsling m.v. i forbindelse med … § 5, stk. 1`),
  // as a reader copies it back into a search.
  cases.push({
    form: 'label', request: { query: chunk.citation },
    expected: { ...whole, subsection: chunk.subsection },
  });
  cases.push({
    form: 'section-with-act-filter',
    request: { query: `§ ${written}`, filters: { act: document.key } }, expected: whole,
  });
  return cases;
}

function passes(expected: CitationCase['expected'], hit: ChunkRecord | undefined): boolean {
  if (hit === undefined) return false;
  if (hit.documentKey !== expected.documentKey || hit.section !== expected.section) return false;
  return expected.subsection === undefined || hit.subsection === expected.subsection;
}

/** Provision chunks of current documents, sampled with `seed`, one per provision. */
async function sampleProvisions(
  lexhop: LexhopApi,
  sample: number,
  seed: number,
): Promise<ChunkRecord[]> {
  const random = mulberry32(seed);
  const total = lexhop.stats().chunks;
  const chosen: ChunkRecord[] = [];
  const provisions = new Set<string>();
  // Chunk ids are dense from 1; misses (deleted ids, files without sections) are drawn again.
  for (let tries = 0; chosen.length < sample && tries < sample * 50; tries += 1) {
    const chunk = lexhop.getChunk(1 + Math.floor(random() * total));
    if (chunk?.section === undefined || !CITABLE_SECTION.test(chunk.section)) continue;
    if (!chunk.document.current) continue;
    const provision = `${chunk.documentKey}\u0000${chunk.section}`;
    if (provisions.has(provision)) continue;
    provisions.add(provision);
    chosen.push(chunk);
  }
  return chosen;
}

/** Runs the suite on a data folder that holds Danish statutes. */
export async function runCitationSuite(
  lexhop: LexhopApi,
  options: CitationSuiteOptions = {},
): Promise<CitationSuiteResult> {
  const provisions = await sampleProvisions(lexhop, options.sample ?? 300, options.seed ?? 1);
  const result: CitationSuiteResult = {
    provisions: provisions.length, cases: 0, passed: 0, byForm: {}, misses: [],
  };

  for (const chunk of provisions) {
    for (const testCase of casesFor(chunk)) {
      const response = await lexhop.search({ ...testCase.request, limit: 1 });
      const hit = response.hits[0];
      const first = hit === undefined ? undefined : lexhop.getChunk(hit.chunkId);
      const form = (result.byForm[testCase.form] ??= { cases: 0, passed: 0 });
      result.cases += 1;
      form.cases += 1;
      if (passes(testCase.expected, first)) {
        result.passed += 1;
        form.passed += 1;
        continue;
      }
      result.misses.push({
        form: testCase.form, query: testCase.request.query, act: testCase.request.filters?.act,
        expected: testCase.expected,
        got: first === undefined ? undefined : {
          documentKey: first.documentKey, citation: first.citation,
          section: first.section, subsection: first.subsection,
        },
      });
    }
  }
  return result;
}

/** One line per miss: query, what was expected, what came first. */
export function formatMisses(misses: readonly CitationMiss[]): string[] {
  return misses.map((miss) => {
    const filter = miss.act === undefined ? '' : ` [act=${miss.act}]`;
    const got = miss.got === undefined
      ? 'no hit'
      : `${miss.got.citation} (${miss.got.documentKey})`;
    return `${miss.form}: "${miss.query}"${filter} → expected ${miss.expected.citation} ` +
      `(${miss.expected.documentKey}), got ${got}`;
  });
}
