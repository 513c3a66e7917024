import { actAfter, actBefore, type ActMention } from './citation-acts.js';
import { readSubsections, sectionAt, type SectionParts } from './citation-parts.js';
import type { CitationRef } from './citation-types.js';
import { INVISIBLE_CLASS } from './normalize.js';

/*
 * Provision references in queries and in provision text.
 *
 * Decisions:
 * - `§§ 10-12`: numeric ranges of up to MAX_EXPANDED sections are expanded,
 *   one ref per section; the inner ones carry `expanded: true` and the span
 *   of the whole range. Longer ranges, and ranges with letter suffixes
 *   (`§§ 4 a-4 d`), give their two endpoints only.
 * - A bare `stk. 2` points into the provision it stands in, whose section the
 *   text does not say. It is returned only when the caller passes that
 *   section (`options.section`), marked `sameSection: true`; otherwise it is
 *   skipped, so `section` is never empty. `Stk. 2.` headings are not refs.
 * - `lovens § 5`, `§ 5 i denne lov`, `§ 5 i loven` point into the same act:
 *   no `act`, but the words are inside the span.
 * - A provision's own label (`§ 5.` at the very start of its text) is not a
 *   reference and is skipped, except in queries.
 * - An act named after the last of several chained refs (`§ 6, § 9 og § 10 i
 *   lov om …`) applies to all of them.
 */

/** Options for `parseCitations`. */
export interface ParseCitationOptions {
  /**
   * Section of the provision the text belongs to (e.g. `737`). When given,
   * bare `stk. N` references are returned as refs into it. Default: none.
   */
  section?: string;
  /** Parse as a query: the leading `§ N.` is a reference, not a label. Default false. */
  query?: boolean;
}

/** Numeric `§§` ranges up to this many sections are expanded. */
export const MAX_EXPANDED = 20;

/** Refs that share one written reference, with the span of all of it. */
interface Group {
  refs: CitationRef[];
  start: number;
  end: number;
  /** An act (or the same act) was named next to this group, so it inherits none. */
  named: boolean;
  /** The act was named before the `§` (`straffelovens § 263`). */
  namedBefore: boolean;
  /** The act came from a neighbouring reference of the same chain. */
  inherited?: boolean;
  /** In a query, where the rest starts when the act name ran on past its title. */
  restFrom?: number;
}

const WS = `[\\s${INVISIBLE_CLASS}]`;

const LIST_SEPARATOR = new RegExp(
  `${WS}*(,${WS}*(?:og|eller)?|og|eller|samt|-|–|til)${WS}*(?=\\d)`,
  'iuy',
);
const CHAIN_GAP = new RegExp(`^${WS}*(?:,|og|eller|samt|,${WS}*og|,${WS}*eller)${WS}*$`, 'iu');
const LABEL = new RegExp(`^${WS}*§${WS}*\\d+(?:${WS}?[a-zæøå])?\\.`, 'iu');
const BARE_STK = new RegExp(`(?<![\\p{L}\\p{N}])(stk)\\.${WS}*(\\d+)(?![\\p{L}\\p{N}])`, 'giu');

/**
 * Provision references in `text`, in order of position, with exact spans.
 * Handles `§ 263`, `§263`, `§ 12 a`, `§§ 25 a og 25 b`, `§§ 10-12`,
 * `stk.`/`nr.`/`pkt.` parts, act names before (`straffelovens § 263`,
 * `rpl § 737`) and after (`§ 6, stk. 3, i lov om …`), and same-act forms.
 *
 * Example: `jf. retsplejelovens § 737, stk. 2` →
 * `[{ act: 'retsplejelovens', section: '737', subsection: 2, start: 4, end: 33 }]`.
 */
export function parseCitations(text: string, options: ParseCitationOptions = {}): CitationRef[] {
  return parseGroups(text, options).flatMap((group) => group.refs);
}

/**
 * Citations in a search query, and the query with them removed, so that a
 * lookup by citation can be combined with a text search on the rest.
 *
 * Example: `straffelovens § 263 om indbrud` →
 * `{ refs: [{ act: 'straffelovens', section: '263', … }], rest: 'om indbrud' }`.
 */
export function parseQueryCitation(query: string): { refs: CitationRef[]; rest: string } {
  const groups = parseGroups(query, { query: true });

  let rest = '';
  let at = 0;
  for (const group of groups) {
    rest += `${query.slice(at, group.start)} `;
    at = group.restFrom ?? group.end;
  }
  rest += query.slice(at);

  return { refs: groups.flatMap((group) => group.refs), rest: tidyRest(rest) };
}

/** Collapse space and drop the connective words a removed citation leaves behind. */
function tidyRest(rest: string): string {
  return rest
    .replace(new RegExp(`${WS}+`, 'gu'), ' ')
    .replace(/\s+([,.;:])/gu, '$1')
    .replace(/^(?:[\s,.;:]|(?:jf|i|og|eller)\.?(?:\s|$))+/iu, '')
    .replace(/(?:[\s,;:]|\s(?:jf\.?|i|og|eller))+$/iu, '')
    .trim();
}

function parseGroups(text: string, options: ParseCitationOptions): Group[] {
  const groups: Group[] = [];

  // A provision's own label, `§ 5 a.`, opens its text.
  const label = options.query ? null : LABEL.exec(text);
  const labelAt = label ? label[0].indexOf('§') : -1;

  for (let at = text.indexOf('§'); at !== -1; at = text.indexOf('§', at + 1)) {
    if (groups.length > 0 && at < (groups[groups.length - 1]?.end ?? 0)) continue;
    if (at === labelAt) continue;

    const group = sectionGroup(text, at, options.query ?? false);
    if (!group) continue;
    groups.push(group);
    at = Math.max(at, group.end - 1);
  }

  inheritActs(text, groups);

  if (options.section !== undefined) {
    const bare = bareSubsections(text, options.section, groups);
    if (bare.length > 0) {
      groups.push(...bare);
      groups.sort((a, b) => a.start - b.start);
    }
  }
  return groups;
}

/**
 * Parse the reference that starts with the `§` or `§§` at `at`. In a query a
 * `lov om` title after it runs on to the next `§` (see `actAfter`).
 */
function sectionGroup(text: string, at: number, query: boolean): Group | undefined {
  const list = text.charCodeAt(at + 1) === 0xa7;
  const first = sectionAt(text, at + (list ? 2 : 1));
  if (!first) return undefined;

  const refs: CitationRef[] = [];
  let previous = first;
  pushParts(refs, first, at);

  while (list) {
    LIST_SEPARATOR.lastIndex = previous.end;
    const separator = LIST_SEPARATOR.exec(text);
    if (!separator?.[1]) break;

    const next = sectionAt(text, LIST_SEPARATOR.lastIndex);
    if (!next) break;

    const isRange = /^(?:-|–|til)$/iu.test(separator[1]);
    if (isRange) pushRange(refs, previous, next, at);
    else pushParts(refs, next, next.start);
    previous = next;
  }

  let start = at;
  let end = previous.end;
  let act: ActMention | undefined = actBefore(text, at, { query });
  const namedBefore = act !== undefined;
  if (act) {
    start = act.start;
  } else {
    act = actAfter(text, end, { query });
    if (act) end = act.end;
  }
  start = invertedSubsection(text, start, refs[0]);

  const firstRef = refs[0];
  const last = refs[refs.length - 1];
  if (firstRef) firstRef.start = start;
  if (last) last.end = Math.max(last.end, end);
  if (act?.act !== undefined) for (const ref of refs) ref.act = act.act;

  const group: Group = { refs, start, end, named: act !== undefined, namedBefore };
  if (act?.titleEnd !== undefined) group.restFrom = act.titleEnd;
  return group;
}

const INVERTED = new RegExp(
  `(?<![\\p{L}\\p{N}])stk\\.${WS}*(\\d+)(?:${WS}*,${WS}*nr\\.${WS}*(\\d+))?${WS}*,?${WS}+i${WS}+$`,
  'iu',
);

/**
 * `stk. 6 i § 11`: the subsection written before its section. Returns the
 * reference's new start and sets the subsection on `first` when it has none.
 */
function invertedSubsection(text: string, start: number, first: CitationRef | undefined): number {
  if (!first || first.subsection !== undefined) return start;

  const windowStart = Math.max(0, start - 40);
  const match = INVERTED.exec(text.slice(windowStart, start));
  if (!match?.[1]) return start;

  first.subsection = Number(match[1]);
  if (match[2]) first.item = Number(match[2]);
  return windowStart + match.index;
}

/** One ref per subsection and item of `parts`, spanning from `start`. */
function pushParts(refs: CitationRef[], parts: SectionParts, start: number): void {
  if (parts.subsections.length === 0) {
    refs.push({ section: parts.section, start, end: parts.end });
    return;
  }

  // Refs of one section share its span: `§ 9, stk. 2 og 3` is one reference to read.
  for (const part of parts.subsections) {
    const items = part.items.length > 0 ? part.items : [undefined];
    for (const item of items) {
      const ref: CitationRef = { section: parts.section, start, end: parts.end };
      if (part.subsection !== undefined) ref.subsection = part.subsection;
      if (item !== undefined) ref.item = item;
      if (part.sentence !== undefined) ref.sentence = part.sentence;
      refs.push(ref);
    }
  }
}

/** `§§ 10-12`: the sections between `from` (already pushed) and `to`. */
function pushRange(refs: CitationRef[], from: SectionParts, to: SectionParts, at: number): void {
  const span = to.number - from.number;
  const expand = !from.hasSuffix && !to.hasSuffix && span > 1 && span <= MAX_EXPANDED;
  if (expand) {
    for (let section = from.number + 1; section < to.number; section++) {
      refs.push({ section: String(section), start: at, end: to.end, expanded: true });
    }
  }
  pushParts(refs, to, to.start);
}

/**
 * `§ 6, § 9 og § 10 i lov om …`: an act named after the last of a chain
 * applies to all of it; `straffelovens § 263 og § 264`: one named before the
 * first applies to the rest.
 */
function inheritActs(text: string, groups: Group[]): void {
  for (let index = 1; index < groups.length; index++) {
    const group = groups[index];
    const previous = groups[index - 1];
    const act = previous?.refs[0]?.act;
    if (!group || !previous || group.named || act === undefined) continue;
    if (!previous.namedBefore && !previous.inherited) continue;
    if (!CHAIN_GAP.test(text.slice(previous.end, group.start))) continue;

    for (const ref of group.refs) ref.act = act;
    group.inherited = true;
  }

  for (let index = groups.length - 1; index > 0; index--) {
    const group = groups[index];
    const previous = groups[index - 1];
    const act = group?.refs[0]?.act;
    if (!group || !previous || previous.named || act === undefined) continue;
    if (!CHAIN_GAP.test(text.slice(previous.end, group.start))) continue;

    for (const ref of previous.refs) ref.act = act;
  }
}

/** Bare `stk. 2` references into the provision's own section. */
function bareSubsections(text: string, section: string, groups: Group[]): Group[] {
  const bare: Group[] = [];
  let groupIndex = 0;

  BARE_STK.lastIndex = 0;
  for (let match = BARE_STK.exec(text); match; match = BARE_STK.exec(text)) {
    const start = match.index;
    while (groupIndex < groups.length && (groups[groupIndex]?.end ?? 0) <= start) groupIndex++;
    const covering = groups[groupIndex];
    if (covering && covering.start <= start) continue;

    // `Stk. 2.` is the heading of a subsection, not a reference to one.
    const end = BARE_STK.lastIndex;
    if (match[1] === 'Stk' && text.charAt(end) === '.') continue;

    const parts: SectionParts = {
      section,
      number: 0,
      hasSuffix: false,
      subsections: [],
      start,
      numberEnd: start,
      end: start,
    };
    readSubsections(text, parts);
    const refs: CitationRef[] = [];
    pushParts(refs, parts, start);
    for (const ref of refs) ref.sameSection = true;
    bare.push({ refs, start, end: parts.end, named: false, namedBefore: false });
    BARE_STK.lastIndex = Math.max(end, parts.end);
  }
  return bare;
}
