/**
 * Splitting one long stretch of text into pieces of bounded size at the best
 * break available: a `nr.` item (`3) …`), else a sentence end, else a clause
 * end (`;`, `:`), else any whitespace. A stretch with no whitespace for longer
 * than the limit (a base64 blob, a long URL, Thai or Chinese text, a table
 * exported without separators) is cut at the limit itself, moved back to the
 * start of the grapheme cluster there, so an emoji, an astral character or a
 * letter with its combining marks stays whole. No piece is longer than the limit.
 * All candidate breaks are found in one linear scan and a cut looks back at most
 * the limit, so a 30 MB text costs no more per character than a short one.
 */
import { isSpace, trimmed } from './spans.js';

/** A `[start, end)` span; `items` is the `nr.` label (`3` or `3-5`) for statute pieces. */
export interface Piece {
  start: number;
  end: number;
  items?: string;
}

/** An item marker `3)` standing after whitespace (or at the start) and before whitespace. */
const ITEM = /(?<=^|\s)(\d{1,3})\)(?=\s)/g;
/** A sentence end: `.`, `!` or `?` before whitespace and a capital, digit, `§`, `»` or `(`. */
const SENTENCE_END = /[.!?](?=\s+[\p{Lu}\d§»(])/gu;
const CLAUSE_END = /[;:](?=\s)/g;
/** Words ending in a full stop that do not end a sentence (`jf. § 5`, `nr. 3`). */
const ABBREVIATIONS = new Set([
  'jf', 'jfr', 'nr', 'stk', 'pkt', 'kr', 'ca', 'bl.a', 'f.eks', 'm.v', 'mv', 'm.m', 'dvs',
  'evt', 'hhv', 'inkl', 'ekskl', 'pr', 'lit', 'art', 'kap', 'afsnit', 'e.g', 'i.e', 'no',
  'vs', 'etc', 'mr', 'mrs', 'dr', 'sec', 'st', 'litra', 'o.l', 'og', 'el', 'ang', 'vedr',
]);

interface Breaks {
  items: number[];
  itemNumbers: number[];
  sentences: number[];
  clauses: number[];
}

/** Grapheme clusters, to keep an emoji or a letter with its combining marks in one piece. */
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** How far a cut at the limit may move back to reach the start of its grapheme cluster. */
const MAX_CLUSTER_CHARS = 32;
/** Below this code point no character joins the one before it (combining marks start here). */
const FIRST_JOINING_CODE = 0x300;

/**
 * Split `[start, end)` of `text` into pieces of at most `maxChars` characters
 * (UTF-16 code units; a limit of 1 lets a surrogate pair through whole),
 * whitespace trimmed at their edges. With `items` (statutes), each piece that
 * starts inside a numbered item is labelled with its item numbers.
 */
export function splitLongPart(
  text: string,
  start: number,
  end: number,
  maxChars: number,
  items = true,
): Piece[] {
  const breaks = findBreaks(text, start, end, items);
  const pieces: Piece[] = [];
  // A limit below 1 could never move the cursor on.
  const size = Math.max(1, Math.floor(maxChars));
  let cursor = start;

  while (end - cursor > size) {
    const cut = chooseCut(text, cursor, size, breaks);
    pushPiece(pieces, text, cursor, cut);
    cursor = cut;
  }
  pushPiece(pieces, text, cursor, end);

  if (items && breaks.items.length > 0) {
    for (const piece of pieces) labelItems(piece, breaks);
  }
  return pieces;
}

function pushPiece(pieces: Piece[], text: string, from: number, to: number): void {
  const [start, end] = trimmed(text, from, to);
  if (end > start) pieces.push({ start, end });
}

/** Where the piece starting at `cursor` should end: after `cursor`, at most `maxChars` on. */
function chooseCut(text: string, cursor: number, maxChars: number, breaks: Breaks): number {
  const limit = cursor + maxChars;
  // Prefer pieces at least half full, then accept any break over cutting a word.
  for (const floor of [cursor + Math.floor(maxChars / 2), cursor + 1]) {
    const cut =
      lastBetween(breaks.items, floor, limit) ??
      lastBetween(breaks.sentences, floor, limit) ??
      lastBetween(breaks.clauses, floor, limit);
    if (cut !== undefined) return cut;
  }

  for (let i = limit; i > cursor; i -= 1) {
    if (isSpace(text.charCodeAt(i))) return i;
  }
  return clusterCut(text, cursor, limit);
}

/**
 * A cut at `limit` where the window holds no break: moved back to the start of
 * the grapheme cluster that runs across `limit` when that start is within
 * reach, else moved only off the middle of a surrogate pair.
 */
function clusterCut(text: string, cursor: number, limit: number): number {
  const before = text.charCodeAt(limit - 1);
  const after = text.charCodeAt(limit);
  if (before < FIRST_JOINING_CODE && after < FIRST_JOINING_CODE) return limit;

  const inPair = isHighSurrogate(before) && isLowSurrogate(after);
  const at = inPair && limit - 1 > cursor ? limit - 1 : limit;
  const flagCut = flagBoundary(text, cursor, at);
  if (flagCut !== undefined) return flagCut;

  // Two code units past `at` tell whether the character there joins the cluster before it.
  const from = Math.max(cursor, at - MAX_CLUSTER_CHARS);
  const window = text.slice(from, at + 2);
  const cluster = GRAPHEMES.segment(window).containing(at - from);
  // The window's own start always looks like a cluster start, so it does not count.
  const clusterStart = from + (cluster?.index ?? 0);
  if (clusterStart > from) return clusterStart;
  return inPair && at === limit ? limit + 1 : at;
}

/**
 * The flag boundary at or just before `at` inside a run of regional indicators.
 * They pair up from the start of their run, which may lie before the
 * segmenter's window; `cursor` is taken as a boundary, so the run is counted
 * from there at most.
 */
function flagBoundary(text: string, cursor: number, at: number): number | undefined {
  if (at - 2 < cursor || !isRegionalIndicator(text, at) || !isRegionalIndicator(text, at - 2)) {
    return undefined;
  }

  let runStart = at - 2;
  while (runStart - 2 >= cursor && isRegionalIndicator(text, runStart - 2)) runStart -= 2;
  if ((at - runStart) % 4 === 0) return at;
  return at - 2 > cursor ? at - 2 : undefined;
}

/** A regional indicator letter (half of a flag) starts at `index`. */
function isRegionalIndicator(text: string, index: number): boolean {
  const code = text.codePointAt(index) ?? 0;
  return code >= 0x1f1e6 && code <= 0x1f1ff;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The largest value in sorted `values` within `[low, high]`. */
function lastBetween(values: number[], low: number, high: number): number | undefined {
  const index = upperBound(values, high) - 1;
  const value = values[index];
  return value !== undefined && value >= low ? value : undefined;
}

/** Number of values `<= limit` in sorted `values`. */
function upperBound(values: number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] ?? 0) <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

function findBreaks(text: string, start: number, end: number, withItems: boolean): Breaks {
  const own = text.slice(start, end);
  const breaks: Breaks = { items: [], itemNumbers: [], sentences: [], clauses: [] };

  if (withItems) {
    // Items count up from 1; a `1)` inside a sentence (`bilag 1)`) rarely fits the sequence.
    let previous = 0;
    ITEM.lastIndex = 0;
    for (let match = ITEM.exec(own); match !== null; match = ITEM.exec(own)) {
      const number = Number(match[1]);
      if (number === previous + 1 || number === 1) {
        breaks.items.push(start + match.index);
        breaks.itemNumbers.push(number);
        previous = number;
      }
    }
  }

  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(own); match !== null; match = SENTENCE_END.exec(own)) {
    if (match[0] === '.' && ABBREVIATIONS.has(wordBefore(own, match.index))) continue;
    breaks.sentences.push(start + match.index + 1);
  }

  CLAUSE_END.lastIndex = 0;
  for (let match = CLAUSE_END.exec(own); match !== null; match = CLAUSE_END.exec(own)) {
    breaks.clauses.push(start + match.index + 1);
  }
  return breaks;
}

/** The lower-cased word that ends at `index` (the position of its full stop). */
function wordBefore(text: string, index: number): string {
  let from = index;
  while (from > 0 && !isSpace(text.charCodeAt(from - 1)) && index - from < 12) from -= 1;
  return text.slice(from, index).toLowerCase();
}

/** `3` when the piece lies within item 3, `3-5` when it runs from item 3 into item 5. */
function labelItems(piece: Piece, breaks: Breaks): void {
  const first = upperBound(breaks.items, piece.start) - 1;
  if (first < 0) return;
  const last = upperBound(breaks.items, piece.end - 1) - 1;
  const from = breaks.itemNumbers[first];
  const to = breaks.itemNumbers[last];
  if (from === undefined) return;
  piece.items = to !== undefined && to > from ? `${from}-${to}` : String(from);
}
