import { isActAlias } from './acts.js';
import { INVISIBLE_CLASS } from './normalize.js';

/*
 * Act names around a provision reference: before it (`straffelovens § 263`,
 * `rpl § 737`, `lov om skifte af dødsboer § 104`) or after it (`§ 6 i lov om
 * …`, `§ 25 i forvaltningsloven`, `§ 27 i lov nr. 140 af 25. maj 1956`).
 */

/** An act name found next to a reference. */
export interface ActMention {
  /** The name as written, space collapsed; absent for the same act (`lovens`, `denne lov`). */
  act?: string;
  /** `[start, end)` span of the name, including `i` before a following name. */
  start: number;
  end: number;
}

const WS = `[\\s${INVISIBLE_CLASS}]`;

// Words that begin a clause, not a title: an act title running into one of
// these has ended (`§ 5 i lov om leje finder anvendelse`).
const CLAUSE_WORDS = new Set([
  'finder', 'gælder', 'skal', 'kan', 'må', 'bør', 'kunne', 'skulle', 'er', 'var', 'har',
  'havde', 'blev', 'bliver', 'træder', 'trådte', 'ophæves', 'ændres', 'affattes',
  'indsættes', 'udgår', 'anvendes', 'anvendelse', 'tilsvarende', 'dog', 'ikke', 'også',
  'jf', 'der', 'som', 'hvis', 'når', 'medmindre', 'herunder', 'nævnte', 'omhandlede',
  'fastsatte', 'fastsat', 'gældende', 'hvorefter', 'hvorved', 'ligesom', 'stk', 'nr',
  'pkt', 'kapitel', 'afsnit', 'bilag', 'litra',
  // Adverbs and verbs that often follow a title in running text.
  'forbliver', 'fastsætter', 'følgende', 'heller', 'således', 'derfor', 'desuden',
  'endvidere', 'tillige', 'alene', 'kun', 'ligeledes', 'senest', 'straks', 'fortsat',
  'allerede', 'hvorfra', 'hvortil',
]);

// Abbreviations a title may contain or end with.
const TITLE_ABBREVIATIONS = new Set(['m.v.', 'm.m.', 'm.fl.', 'mv.', 'mm.', 'nr.']);

/** True for a word that names an act by itself: `straffeloven`, `værgemålslovens`, `rpl`. */
function isNamedAct(word: string): boolean {
  return /^\p{L}[\p{L}-]*lov(?:en|ens|s)?$/iu.test(word) || isActAlias(word);
}

/** True for a same-act word: `loven`, `lovens`, `lovs`. */
function isSameActWord(word: string): boolean {
  return /^lov(?:en|ens|s)$/iu.test(word);
}

function collapse(text: string): string {
  return text.replace(new RegExp(`${WS}+`, 'gu'), ' ').trim();
}

const I_BEFORE_NAME = new RegExp(`${WS}*,?${WS}*${WS}i${WS}+`, 'iuy');
const SAME_ACT_AFTER = new RegExp(
  `(?:denne|nærværende)${WS}+lov(?![\\p{L}\\p{N}])|loven(?![\\p{L}\\p{N}])`,
  'iuy',
);
const NUMBERED_ACT = new RegExp(
  `(?:lov|lovbekendtgørelse|bekendtgørelse|lbk|bek)${WS}+nr\\.${WS}*\\d+` +
    `(?:${WS}+af${WS}+\\d{1,2}\\.${WS}*\\p{L}+${WS}+\\d{4})?`,
  'iuy',
);
const TITLED_ACT = new RegExp(`(?:lov|lovbekendtgørelse|bekendtgørelse)${WS}+om(?=${WS})`, 'iuy');
const TITLE_WORD = new RegExp(`${WS}+([^\\s,;:()§${INVISIBLE_CLASS}]+)`, 'uy');
const NAME_WORD = /[\p{L}][\p{L}.-]*/uy;

/**
 * The act named after a reference ending at `from`, or `undefined`.
 * With `i` (`§ 6, stk. 3, i lov om …`) every form is read; without it
 * (`§ 737 retsplejeloven`, in queries) only a one-word name is.
 */
export function actAfter(text: string, from: number): ActMention | undefined {
  I_BEFORE_NAME.lastIndex = from;
  const preposition = I_BEFORE_NAME.exec(text);
  const nameStart = preposition ? I_BEFORE_NAME.lastIndex : skipSpace(text, from);
  if (!preposition && nameStart === from) return undefined;

  const word = wordAt(text, nameStart);
  if (word && isNamedAct(word.replace(/\.$/u, '')) && !isSameActWord(word.replace(/\.$/u, ''))) {
    const name = word.replace(/\.$/u, '');
    return { act: name, start: from, end: nameStart + name.length };
  }
  if (!preposition) return undefined;

  SAME_ACT_AFTER.lastIndex = nameStart;
  if (SAME_ACT_AFTER.exec(text)) return { start: from, end: SAME_ACT_AFTER.lastIndex };

  NUMBERED_ACT.lastIndex = nameStart;
  if (NUMBERED_ACT.exec(text)) {
    let end = NUMBERED_ACT.lastIndex;
    // `lov nr. 140 af 25. maj 1956 om adoption`: the title may follow.
    const om = new RegExp(`${WS}+om(?=${WS})`, 'iuy');
    om.lastIndex = end;
    if (om.exec(text)) end = titleEnd(text, om.lastIndex) ?? end;
    return { act: collapse(text.slice(nameStart, end)), start: from, end };
  }

  TITLED_ACT.lastIndex = nameStart;
  if (TITLED_ACT.exec(text)) {
    const end = titleEnd(text, TITLED_ACT.lastIndex);
    if (end !== undefined) return { act: collapse(text.slice(nameStart, end)), start: from, end };
  }

  return undefined;
}

function skipSpace(text: string, from: number): number {
  const space = new RegExp(`${WS}+`, 'uy');
  space.lastIndex = from;
  return space.exec(text) ? space.lastIndex : from;
}

function wordAt(text: string, at: number): string | undefined {
  NAME_WORD.lastIndex = at;
  const match = NAME_WORD.exec(text);
  if (!match) return undefined;

  const next = text.charCodeAt(NAME_WORD.lastIndex);
  // A word glued to a digit (`lov2`) is not a name.
  if (next >= 0x30 && next <= 0x39) return undefined;
  return match[0];
}

/**
 * Where an act title that starts at `from` (just after `lov om`) ends, or
 * `undefined` when no title word follows. A title stops at punctuation, a
 * `§`, the end of a sentence, a clause word, or an `og`/`eller` that starts
 * another reference (`lov om X og § 5 …`, `lov om X og lov om Y`).
 */
function titleEnd(text: string, from: number): number | undefined {
  let end: number | undefined;
  let at = from;

  for (let words = 0; words < 25; words++) {
    TITLE_WORD.lastIndex = at;
    const match = TITLE_WORD.exec(text);
    if (!match?.[1]) break;

    const word = match[1];
    const wordStart = TITLE_WORD.lastIndex - word.length;
    const bare = word.replace(/\.+$/u, '').toLowerCase();
    // Titles do not contain bare numbers; `lov om X 2` is an item or a date.
    if (bare === '' || CLAUSE_WORDS.has(bare) || /^\d/u.test(bare)) break;

    // Titles join with `og` and `samt` but hardly ever with `eller`.
    if (bare === 'eller') break;
    if ((bare === 'og' || bare === 'samt') && startsReference(text, TITLE_WORD.lastIndex)) break;

    if (word.endsWith('.')) {
      if (!TITLE_ABBREVIATIONS.has(word.toLowerCase())) return wordStart + word.length - 1;
      end = TITLE_WORD.lastIndex;
      // `m.v.` and its kin close a title; `nr.` does not.
      if (bare !== 'nr' || sentenceFollows(text, end)) return end;
    } else {
      end = TITLE_WORD.lastIndex;
    }
    at = TITLE_WORD.lastIndex;

    // `lov om dag-, fritids- og klubtilbud`: a compound cut short goes on past its comma.
    if (word.endsWith('-') && text.charAt(at) === ',') at += 1;
  }

  return end;
}

const NEXT_TOKEN = new RegExp(`${WS}+(§|\\d|[\\p{L}][\\p{L}-]*)`, 'uy');
const REFERENCE_WORDS = new Set([
  'stk', 'nr', 'pkt', 'lov', 'denne', 'i', 'efter', 'jf', 'kapitel', 'bekendtgørelse',
  'lovbekendtgørelse', 'regler', 'reglerne', 'bestemmelserne', 'de', 'den', 'det',
]);

/** True when the word after `at` begins a new reference or act name. */
function startsReference(text: string, at: number): boolean {
  NEXT_TOKEN.lastIndex = at;
  const next = NEXT_TOKEN.exec(text)?.[1];
  if (next === undefined) return true;
  if (next === '§' || /\d/u.test(next)) return true;

  const word = next.toLowerCase();
  return REFERENCE_WORDS.has(word) || isNamedAct(word) || isSameActWord(word);
}

/** True when a new sentence starts after `at`: a capital letter, or the end. */
function sentenceFollows(text: string, at: number): boolean {
  const rest = /^[\s\u00AD\u200B-\u200D\u2060\uFEFF]*(\S?)/u.exec(text.slice(at, at + 16));
  const next = rest?.[1] ?? '';
  return next === '' || (next.toUpperCase() === next && next.toLowerCase() !== next);
}

const LOOKBACK = 240;
const SPACE_CHAR = new RegExp(`^${WS}$`, 'u');
const NAME_CHAR = /^[\p{L}-]$/u;

/**
 * Start of the word (letters and hyphens, optionally ending in a dot) that
 * ends just before `at`, space aside; `undefined` when there is none or it is
 * glued to a digit or dot (`bl.a.`). Scans backwards, so the cost is the
 * word's length, not the window's.
 */
function wordBefore(text: string, at: number, limit: number): number | undefined {
  let index = at;
  while (index > limit && SPACE_CHAR.test(text.charAt(index - 1))) index--;
  if (index > limit && text.charAt(index - 1) === '.') index--;

  const end = index;
  while (index > limit && NAME_CHAR.test(text.charAt(index - 1))) index--;
  if (index === end || !/^\p{L}$/u.test(text.charAt(index))) return undefined;

  const before = index > 0 ? text.charAt(index - 1) : '';
  if (/^[\p{N}.]$/u.test(before)) return undefined;
  return index;
}

/** End of the word starting at `start` (before `limit`), keeping one trailing dot. */
function wordEnd(text: string, start: number, limit: number): number {
  let index = start;
  while (index < limit && NAME_CHAR.test(text.charAt(index))) index++;
  return text.charAt(index) === '.' && index < limit ? index + 1 : index;
}
const BEFORE_SAME_ACT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:denne|nærværende)${WS}+lovs|lovens)${WS}*$`,
  'iu',
);
const BEFORE_TITLED = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:lov|lovbekendtgørelse)${WS}+om${WS}`,
  'giu',
);

/**
 * The act named just before a reference that starts at `at` (the `§`), or
 * `undefined`: `straffelovens § 263`, `straffeloven §263`, `strfl. § 263`,
 * `lovens § 5` (same act), `lov om skifte af dødsboer § 104`.
 */
export function actBefore(text: string, at: number): ActMention | undefined {
  const windowStart = Math.max(0, at - LOOKBACK);
  const before = text.slice(windowStart, at);

  const same = BEFORE_SAME_ACT.exec(before);
  if (same) return { start: windowStart + same.index, end: at };

  const named = wordBefore(text, at, windowStart);
  if (named !== undefined) {
    const word = text.slice(named, wordEnd(text, named, at));
    const bare = word.replace(/\.$/u, '');
    if (isNamedAct(bare) && !isSameActWord(bare)) {
      return { act: word, start: named, end: named + word.length };
    }
  }

  return titledBefore(text, before, windowStart, at);
}

/** `lov om skifte af dødsboer § 104`: a title running right up to the `§`. */
function titledBefore(
  text: string,
  before: string,
  windowStart: number,
  at: number,
): ActMention | undefined {
  let last: RegExpExecArray | undefined;
  BEFORE_TITLED.lastIndex = 0;
  for (let match = BEFORE_TITLED.exec(before); match; match = BEFORE_TITLED.exec(before)) {
    last = match;
  }
  if (!last) return undefined;

  const start = windowStart + last.index;
  const titleFrom = start + last[0].length - 1;
  const end = titleEnd(text, titleFrom);
  if (end === undefined) return undefined;

  // The title must reach the `§`, with nothing but space between.
  if (text.slice(end, at).replace(new RegExp(`${WS}+`, 'gu'), '') !== '') return undefined;
  return { act: collapse(text.slice(start, end)), start, end };
}
