/**
 * A sentence splitter for Danish statute text.
 *
 * Statute text is dense with abbreviations that end in a period (`jf.`,
 * `stk.`, `nr.`, `pkt.`, `f.eks.`, `bl.a.`) and with headings that do
 * (`§ 4 a.`, `Stk. 2.`). A period ends a sentence only when the next word
 * starts like a sentence (capital letter, digit, `§`, quote, parenthesis) and
 * the word before it is not an abbreviation that never ends a sentence.
 * `Stk. N.` always opens a new subsection, so a sentence ends before it
 * whatever precedes it.
 */

/** `[start, end)` of one sentence in the text it was split from. */
export interface SentenceSpan {
  start: number;
  end: number;
}

/** Abbreviations that are always followed by more of the same sentence. */
const NEVER_FINAL = new Set([
  'jf', 'jfr', 'stk', 'nr', 'pkt', 'f.eks', 'fx', 'bl.a', 'ca', 'evt', 'kap', 'lit',
  'pr', 'inkl', 'ekskl', 'hhv', 'dvs', 'vedr', 'iflg', 'sml', 'art', 't.o.m', 'e.g',
  'afsn', 'nr.-', 'i.e', 'dir', 'forb', 'bek', 'lbk', 'cf', 'no', 'sec', 'resp',
]);

/** Abbreviations that may end a sentence (`… 40 pct.`) when a capital follows. */
const MAYBE_FINAL = new Set([
  'pct', 'kr', 'mv', 'm.v', 'osv', 'm.m', 'mm', 'm.fl', 'mfl', 'o.l', 'ol', 'el.lign',
  'lign', 'e.l', 'etc', 'mio', 'mia', 'o.a', 'mht', 'm.h.t',
]);

/** A heading a sentence may start with: `§ 4 a.` or `Stk. 2.` alone so far. */
const HEADING_ONLY = /^\s*(?:§+\s*\d+\s*[a-zæøå]?|stk\.\s*\d+)\s*$/iu;

/** What may open a sentence. */
const OPENER = /[\p{Lu}\d§»«"'(“„]/u;

const STK_AHEAD = /^Stk\.\s*\d/u;

/** The word before `index` (non-space run), lower case, without opening punctuation. */
function wordBefore(text: string, index: number): string {
  let from = index;
  while (from > 0 && !/\s/u.test(text.charAt(from - 1))) from--;
  return text.slice(from, index).replace(/^[(«»"'“„[]+/u, '').toLowerCase();
}

/** Whether the period at `index` ends a sentence, given the sentence so far. */
function endsSentence(text: string, index: number, sentenceStart: number, next: number): boolean {
  const ahead = text.slice(next, next + 12);
  if (STK_AHEAD.test(ahead)) return true;
  if (!OPENER.test(ahead.charAt(0))) return false;
  if (HEADING_ONLY.test(text.slice(sentenceStart, index))) return false;
  if (text.charAt(index) !== '.') return true;

  const word = wordBefore(text, index);
  if (NEVER_FINAL.has(word)) return false;
  if (MAYBE_FINAL.has(word)) return /\p{Lu}/u.test(ahead.charAt(0));
  // A lone lower-case letter is a list label (`litra b.`) or an initial.
  if (/^[a-zæøå]$/u.test(word)) return /\p{Lu}/u.test(ahead.charAt(0));
  return true;
}

/**
 * Splits statute text into sentences, trimmed of surrounding whitespace.
 * Example: `Stk. 2. Ved adoption jf. § 5 gælder … Hvis …` → two sentences.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  let start = 0;
  const push = (end: number): void => {
    let from = start;
    let to = end;
    while (from < to && /\s/u.test(text.charAt(from))) from++;
    while (to > from && /\s/u.test(text.charAt(to - 1))) to--;
    if (to > from) sentences.push({ start: from, end: to });
  };

  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char !== '.' && char !== '?' && char !== '!') continue;

    // Closing quotes and brackets belong to the sentence they close.
    let close = i + 1;
    while (close < text.length && /[»«"'”)\]]/u.test(text.charAt(close))) close++;
    if (close >= text.length || !/\s/u.test(text.charAt(close))) continue;
    let next = close;
    while (next < text.length && /\s/u.test(text.charAt(next))) next++;
    if (next >= text.length) continue;

    if (endsSentence(text, i, start, next)) {
      push(close);
      start = close;
    }
  }
  push(text.length);
  return sentences;
}
