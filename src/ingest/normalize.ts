/**
 * Cleaning of statute provision text before it becomes document text.
 *
 * The retsinformation export flattened tables into the running text, so some
 * provisions carry CSS declarations (`border-top: 0pt none #000000;`,
 * `padding-left: 0.249cm; ...`, `column-width: 35pt 57pt;`, `SchultzColumns: 594;`)
 * together with the cell widths, spans and alignment words written next to them
 * (`Align 3 border-top: ...`, `... #000000 131 21/10-91`). Those are removed;
 * table cell contents stay. Layout numbers that stand apart from any declaration
 * (`top 72 - top 72`) cannot be told from table data and are kept.
 *
 * Spelling is never touched: pre-1948 texts keep `aa` and capitalised nouns.
 */
import { wellFormed } from '../analyze/normalize.js';

/** Names of the CSS properties the export leaves behind, followed by their colon. */
const DECLARATION =
  String.raw`(?:(?:border|padding|margin)(?:-(?:top|right|bottom|left))?` +
  String.raw`|grid-[HV]|column-width|SchultzColumns)[ \t]*:`;
const DECLARATION_SEARCH = new RegExp(String.raw`\b` + DECLARATION, 'g');

/** One CSS value token; it must end at whitespace, `;` or the end of the text. */
const VALUE_TOKEN = new RegExp(
  String.raw`\s*(?:-?\d+(?:[.,]\d+)?(?:pt|px|cm|mm|em|in|%)?|#[0-9a-fA-F]{3,8}` +
    String.raw`|none|solid|dotted|dashed|double|hidden|auto)(?![^\s;])`,
  'y',
);
const UNITLESS_NUMBER = /^\s*-?\d+(?:[.,]\d+)?$/;
const SEMICOLON = /\s*;/y;
const INTEGER_TOKEN = /\s*\d+(?![^\s;])/y;

/** Words of the export's cell alignment attribute, seen right before declarations. */
const ALIGNMENT_WORDS = new Set([
  'Align', 'Center', 'Right', 'Left', 'Justify', 'left', 'right', 'center',
]);
const INTEGER = /^\d+$/;
const LENGTH = /^-?\d+(?:[.,]\d+)?(?:pt|px|cm|mm)$/;

/** Cell attributes before a declaration are at most a few tokens: widths, spans, alignment. */
const MAX_LEADING_TOKENS = 6;
/** Cell spans are small numbers; widths (and contents) are usually larger. */
const MAX_SPAN = 20;

/** Markup words the export leaves standing alone in the text. */
const STRAY_MARKUP =
  /(?:^|(?<=\s))(?:Align|AendringURN)(?=\s|$)|(?<=[.«»:;)] )(?:False|True)(?=\s|$)/g;
const STRAY_MARKUP_HINT = /Align|AendringURN|False|True/;

/** Zero-width characters and the soft hyphen: invisible, and they split words for search. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** Control characters (tabs and newlines included) become spaces, then runs collapse. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
const WHITESPACE_RUN = /\s+/g;
const NEEDS_SPACE_FIX = /\s\s|[^\S ]/;

/**
 * Clean one provision's text: table styling noise removed, zero-width
 * characters and soft hyphens removed, control characters and NBSP turned into
 * spaces, whitespace runs collapsed to one space and the edges trimmed, then NFC.
 * Runs in time linear in the length of `s`.
 */
export function normalizeProvisionText(s: string): string {
  let text = stripStyling(wellFormed(s));
  if (STRAY_MARKUP_HINT.test(text)) text = text.replace(STRAY_MARKUP, ' ');
  text = text.replace(INVISIBLE, '');
  text = text.replace(CONTROL, ' ');
  if (NEEDS_SPACE_FIX.test(text)) text = text.replace(WHITESPACE_RUN, ' ');
  return text.trim().normalize('NFC');
}

/** Remove every CSS declaration and the cell attributes glued to it. */
export function stripStyling(s: string): string {
  DECLARATION_SEARCH.lastIndex = 0;
  let match = DECLARATION_SEARCH.exec(s);
  if (match === null) return s;

  const kept: string[] = [];
  let cursor = 0;
  while (match !== null) {
    const widthsBefore = !match[0].startsWith('padding');
    const runStart = leadingAttributesStart(s, match.index, cursor, widthsBefore);
    const end = declarationEnd(s, match.index + match[0].length);
    kept.push(s.slice(cursor, runStart));
    cursor = end;
    DECLARATION_SEARCH.lastIndex = end;
    match = DECLARATION_SEARCH.exec(s);
  }
  kept.push(s.slice(cursor));
  return kept.join(' ');
}

/**
 * End of a declaration's values (and its `;`), given the position after its colon.
 * Without a `;`, unitless numbers after the values are the cell's span and width
 * (a span only when small); a decimal there is already the cell's content.
 */
function declarationEnd(s: string, from: number): number {
  let end = from;
  let lastWithUnit = from;
  VALUE_TOKEN.lastIndex = end;
  let token = VALUE_TOKEN.exec(s);
  while (token !== null) {
    end = VALUE_TOKEN.lastIndex;
    if (!UNITLESS_NUMBER.test(token[0])) lastWithUnit = end;
    token = VALUE_TOKEN.exec(s);
  }

  SEMICOLON.lastIndex = end;
  if (SEMICOLON.test(s)) return SEMICOLON.lastIndex;

  // A span (small) may come before the width; a second large number is content.
  end = lastWithUnit;
  INTEGER_TOKEN.lastIndex = end;
  const first = INTEGER_TOKEN.exec(s);
  if (first === null) return end;
  end = INTEGER_TOKEN.lastIndex;
  if (Number(first[0]) > MAX_SPAN) return end;
  INTEGER_TOKEN.lastIndex = end;
  return INTEGER_TOKEN.test(s) ? INTEGER_TOKEN.lastIndex : end;
}

/**
 * Start of the cell attributes written right before the declaration at `index`.
 * Border-style tables write a cell's span and width before its declarations;
 * padding-style tables write them after (see `declarationEnd`), so there a
 * number before the declarations is the previous cell's content.
 */
function leadingAttributesStart(
  s: string,
  index: number,
  floor: number,
  widthsBefore: boolean,
): number {
  let start = index;
  let integers = 0;
  for (let tokens = 0; tokens < MAX_LEADING_TOKENS; tokens += 1) {
    const tokenEndAt = skipSpacesBack(s, start, floor);
    if (tokenEndAt === floor) return floor;
    const tokenStart = tokenStartBefore(s, tokenEndAt, floor);
    const token = s.slice(tokenStart, tokenEndAt);
    if (!isCellAttribute(token)) return start;
    if (INTEGER.test(token)) {
      // The width sits next to the declaration; a number before it must be a small span.
      integers += 1;
      if (!widthsBefore || integers > 2) return start;
      if (integers === 2 && Number(token) > MAX_SPAN) return start;
    }
    start = tokenStart;
    // An alignment word opens the cell's attributes; what comes before is content.
    if (ALIGNMENT_WORDS.has(token)) return start;
  }
  return start;
}

function isCellAttribute(token: string): boolean {
  return INTEGER.test(token) || LENGTH.test(token) || ALIGNMENT_WORDS.has(token);
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0;
}

function skipSpacesBack(s: string, from: number, floor: number): number {
  let i = from;
  while (i > floor && isSpace(s.charCodeAt(i - 1))) i -= 1;
  return i;
}

function tokenStartBefore(s: string, from: number, floor: number): number {
  let i = from;
  while (i > floor && !isSpace(s.charCodeAt(i - 1))) i -= 1;
  return i;
}
