/**
 * Analysis-time normalization, shared by the analyzers, the citation parser
 * and the act-name helpers.
 *
 * Decisions:
 * - The original text is never rewritten: spans must point into it. Terms are
 *   normalized one token at a time instead.
 * - NFKC is applied to tokens (not to whole documents): it folds ligatures,
 *   full-width forms and superscript digits, and since it only runs on letter
 *   and digit runs it cannot merge punctuation that the citation grammar reads.
 * - Zero-width characters and soft hyphens are removed; the corpus has them
 *   inside words (`Fa\u200Cmilieretshuset`).
 * - Case folding is `toLowerCase()`, which is locale-independent (unlike
 *   `toLocaleLowerCase`), so a Turkish locale cannot change the index.
 * - Pre-1948 spelling (`aa` for `å`) is NOT mapped. The rewrite is ambiguous
 *   (`Haag`, `Aabenraa` vs `Åbenrå`, `ekstraarbejde`, `kontraanmeldelse`) and
 *   old texts are a small, superseded share of the corpus; a wrong fold would
 *   merge unrelated words in every current act. Queries in modern spelling
 *   still reach old texts through their other, unchanged words.
 */

/** Zero-width space/joiners, word joiner, BOM and soft hyphen. */
export const INVISIBLE_CLASS = '\\u00AD\\u200B-\\u200D\\u2060\\uFEFF';

const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}]`, 'gu');
const INVISIBLE_TEST = new RegExp(`[${INVISIBLE_CLASS}]`, 'u');

// Characters outside printable ASCII and the Latin-1 letters may change under
// NFKC (tokens hold no spaces or control characters).
const NEEDS_NFKC = /[^!-~\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF]/u;

// A surrogate without its pair: JSON (`"\\ud800"`) can carry one, UTF-8 cannot.
// With the `u` flag a pair is read as one code point, so only lone ones match.
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;

/**
 * `text` with each lone surrogate replaced by U+FFFD, one character for one,
 * so offsets stay as they were. SQLite stores text as UTF-8, which has no
 * form for a lone surrogate: stored as is, it came back as three U+FFFD and
 * every chunk span after it pointed at the wrong characters.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** True when `text` holds nothing but white space and invisible characters. */
export function isBlank(text: string): boolean {
  return removeInvisible(text).trim() === '';
}

/** Remove zero-width characters and soft hyphens. */
export function removeInvisible(text: string): string {
  return INVISIBLE_TEST.test(text) ? text.replace(INVISIBLE, '') : text;
}

/**
 * Normalize one token (a run of letters and digits) into term form:
 * invisible characters removed, NFKC, lower case.
 * Example: `Fa\u200CMILIE` → `familie`, `ﬁrma` → `firma`.
 */
export function foldToken(token: string): string {
  let folded = removeInvisible(token);
  if (NEEDS_NFKC.test(folded)) folded = folded.normalize('NFKC');
  return folded.toLowerCase();
}

/**
 * Normalize a phrase (a title, an act name as written): invisible characters
 * removed, NFC, whitespace collapsed and trimmed, lower case.
 * Example: `Lov om\n rettens  pleje` → `lov om rettens pleje`.
 */
export function foldPhrase(text: string): string {
  return removeInvisible(text).normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/**
 * Leftover table styling in provision text: `border-top: 0pt none #000000;`,
 * `padding-left: 0.249cm;`, `grid-H: 1pt solid #000000;`,
 * `column-width: 27pt 36pt;`, `SchultzColumns: 594;`. These are the properties
 * found in the corpus (counted over all.jsonl.gz). The last declaration of a
 * run often lacks its `;`, so values are matched by shape, not up to `;`.
 */
const STYLE_NOISE = new RegExp(
  '\\b(?:border-(?:top|left|right|bottom)|padding-(?:top|left|right|bottom)|grid-[HV]' +
    '|column-width|SchultzColumns)\\s*:' +
    '(?:\\s*(?:-?\\d*\\.?\\d+(?:pt|px|cm|mm|em|%)|0|none|solid|dotted|dashed|double' +
    '|#[0-9a-f]{3,8}))*(?:\\s*\\d+(?=;))?\\s*;?',
  'giu',
);

const STYLE_HINTS = ['border-', 'padding-', 'grid-', 'column-width', 'SchultzColumns'];

/**
 * `[start, end)` spans of styling noise in `text`, in order, not overlapping.
 * Analyzers skip tokens inside them so that `border`, `solid` and `000000` do
 * not become terms of a statute; the text itself is left as it is.
 */
export function styleNoiseSpans(text: string): Array<[number, number]> {
  // Almost no provision has noise; a few substring searches avoid the regex.
  if (!STYLE_HINTS.some((hint) => text.includes(hint))) return [];

  const spans: Array<[number, number]> = [];
  STYLE_NOISE.lastIndex = 0;
  for (let match = STYLE_NOISE.exec(text); match; match = STYLE_NOISE.exec(text)) {
    spans.push([match.index, match.index + match[0].length]);
  }
  return spans;
}
