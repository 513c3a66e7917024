/**
 * Splitting one long stretch of text into pieces of bounded size at the best
 * break available: a `nr.` item (`3) …`), else a sentence end, else a clause
 * end (`;`, `:`), else any whitespace. A word is never cut: a stretch with no
 * whitespace for longer than the limit becomes one oversized piece.
 * All candidate breaks are found in one linear scan, so a 344K-character
 * provision costs no more per character than a short one.
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

/**
 * Split `[start, end)` of `text` into pieces of at most about `maxChars`
 * characters, whitespace trimmed at their edges. With `items` (statutes), each
 * piece that starts inside a numbered item is labelled with its item numbers.
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
  let cursor = start;

  while (end - cursor > maxChars) {
    const cut = chooseCut(text, cursor, end, maxChars, breaks);
    if (cut === undefined) break;
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

/** Where the piece starting at `cursor` should end; undefined when the rest is one word. */
function chooseCut(
  text: string,
  cursor: number,
  end: number,
  maxChars: number,
  breaks: Breaks,
): number | undefined {
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
  for (let i = limit + 1; i < end; i += 1) {
    if (isSpace(text.charCodeAt(i))) return i;
  }
  return undefined;
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
