/**
 * Nothing gets lost: a seeded sample of provisions, each looked up by a
 * citation query, must come back first. Each is asked twice: by the name a
 * lawyer writes (`Straffeloven § 263, stk. 2`, `§ 3 i lov om …`), and by
 * section within its own document (`§ 263, stk. 2` with the act filter set
 * to the document key), which needs no act name to resolve.
 */
import type { ChunkRecord, LexhopApi } from '../../src/api.js';
import { isAmendingAct } from '../../src/analyze/acts.js';
import type { SearchHit } from '../../src/retrieve/types.js';
import { mulberry32 } from '../../src/eval/prng.js';

export interface CitationMiss {
  citation: string;
  query: string;
  /** Citation of the first hit, or `none`. */
  got: string;
}

export interface CitationCheck {
  sampled: number;
  /** Found first by name. */
  byName: number;
  /** Found first by name, and matched as a citation (not only by its words). */
  byNameAsCitation: number;
  /** Found first by section within the document key. */
  byKey: number;
  /** Found first either way. */
  either: number;
  /** Draws passed over: chunks of versions that are not current, or without a section. */
  passedOver: number;
  /** Found-first-by-name share per document type, and for amending acts. */
  byNameShare: Record<string, { sampled: number; found: number }>;
  misses: CitationMiss[];
  keyMisses: CitationMiss[];
}

/** `Bekendtgørelse af lov om rettens pleje` → `lov om rettens pleje`. */
function actName(chunk: ChunkRecord): string {
  if (chunk.document.shortTitle !== undefined) return chunk.document.shortTitle;
  const title = chunk.document.title.replace(/_/gu, ' ').replace(/^bekendtgørelse\s*af\s*/iu, '');
  return title.charAt(0).toLowerCase() + title.slice(1);
}

/** `263` → `263`, `4a` → `4 a`. */
function written(section: string): string {
  return section.replace(/(\d)([a-zæøå])/iu, '$1 $2');
}

function isFirst(hits: readonly SearchHit[], chunk: ChunkRecord, bySubsection: boolean): boolean {
  const first = hits[0];
  if (first === undefined) return false;
  if (first.documentKey !== chunk.documentKey || first.section !== chunk.section) return false;
  return !bySubsection || first.subsection === chunk.subsection;
}

/**
 * Samples `sample` chunks (default 1,000) of current documents uniformly by
 * id with a fixed seed and looks each up by citation. Ids are drawn from
 * 1 to the chunk count, which in a freshly built folder is every id.
 */
export async function checkCitations(
  lexhop: LexhopApi,
  options: { sample?: number; seed?: number } = {},
): Promise<CitationCheck> {
  const sample = options.sample ?? 1000;
  const random = mulberry32(options.seed ?? 263);
  const total = lexhop.stats().chunks;
  const check: CitationCheck = {
    sampled: 0, byName: 0, byNameAsCitation: 0, byKey: 0, either: 0, passedOver: 0,
    byNameShare: {}, misses: [], keyMisses: [],
  };
  if (total === 0) return check;

  for (let draw = 0; check.sampled < sample && draw < sample * 50; draw += 1) {
    const chunk = lexhop.getChunk(1 + Math.floor(random() * total));
    if (chunk === undefined || chunk.section === undefined || !chunk.document.current) {
      check.passedOver += 1;
      continue;
    }
    check.sampled += 1;

    const bySubsection = (chunk.subsection ?? 1) > 1;
    const stk = bySubsection ? `, stk. ${chunk.subsection}` : '';
    const section = `§ ${written(chunk.section)}${stk}`;
    const named = chunk.document.shortTitle !== undefined
      ? `${actName(chunk)} ${section}`
      : `${section} i ${actName(chunk)}`;
    const byName = await lexhop.search({ query: named, limit: 50 });
    const byKey = await lexhop.search({
      query: section, limit: 50, filters: { act: chunk.documentKey },
    });
    const foundByName = isFirst(byName.hits, chunk, bySubsection);
    const foundByKey = isFirst(byKey.hits, chunk, bySubsection);
    if (foundByName) check.byName += 1;
    if (foundByName && byName.hits[0]?.matchedBy === 'citation') check.byNameAsCitation += 1;
    if (foundByKey) check.byKey += 1;
    if (foundByName || foundByKey) check.either += 1;

    const category = isAmendingAct(chunk.document.title) ? 'amending' : chunk.document.docType;
    const share = check.byNameShare[category] ?? { sampled: 0, found: 0 };
    share.sampled += 1;
    if (foundByName) share.found += 1;
    check.byNameShare[category] = share;
    if (!foundByName && check.misses.length < 25) {
      check.misses.push({ citation: chunk.citation, query: named, got: byName.hits[0]?.citation ?? 'none' });
    }
    if (!foundByKey && check.keyMisses.length < 25) {
      check.keyMisses.push({
        citation: chunk.citation, query: `${section} (act ${chunk.documentKey})`,
        got: byKey.hits[0]?.citation ?? 'none',
      });
    }
  }
  return check;
}
