import { isActAlias } from './acts.js';
import { queryTitleEnd, TITLE_ABBREVIATIONS } from './citation-query-title.js';
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
  /**
   * In a query, where the title would end in running text; `end` runs on past
   * it to the end of the query (see `queryTitleEnd`). Absent when it is `end`.
   */
  titleEnd?: number;
}

/** Options for `actAfter`. */
export interface ActAfterOptions {
  /** Read the text as a query: a `lov om` title runs to the next `§`. Default false. */
  query?: boolean;
}

const WS = `[\\s${INVISIBLE_CLASS}]`;

// Acts for Greenland and the Faroe Islands are acts of their own, named with
// the territory: `retsplejelov for Grønland` is not `retsplejeloven`.
const TERRITORY = `for${WS}+(?:Grønland|Færøerne)(?![\\p{L}\\p{N}])`;
const TERRITORY_AFTER = new RegExp(`${WS}+${TERRITORY}`, 'iuy');
const TERRITORY_WORD = /^(?:grønland|færøerne)$/iu;

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
// `lov om`, `bekendtgørelse om`, `lov for Grønland om`, `bekendtgørelse for
// Færøerne af lov om`: the words that open a title.
const TITLED_ACT = new RegExp(
  `(?:(?:bekendtgørelse|anordning)${WS}+${TERRITORY}${WS}+af${WS}+)?` +
    `(?:lov|lovbekendtgørelse|bekendtgørelse|anordning)(?:${WS}+${TERRITORY})?${WS}+om(?=${WS})`,
  'iuy',
);
// `lov almene boliger`: `lov` and a word, with no `om` between.
const BARE_LOV = new RegExp(`lov(?=${WS}+\\p{L})`, 'iuy');
// `øl- og vinafgiftsloven`, `mark- og vejfredsloven`: a name opened by a cut compound.
const COMPOUND_NAME = new RegExp(
  `(?:\\p{L}+-${WS}*,${WS}*)*\\p{L}+-${WS}+(?:og|eller)${WS}+(\\p{L}[\\p{L}-]*)`,
  'iuy',
);
// `barnets lov`: an act named by a genitive and the word `lov`.
const GENITIVE_LOV = new RegExp(`\\p{L}+s${WS}+lov(?:s|en)?(?![\\p{L}\\p{N}])`, 'iuy');
const TITLE_WORD = new RegExp(`${WS}+([^\\s,;:()§${INVISIBLE_CLASS}]+)`, 'uy');
const NAME_WORD = /[\p{L}][\p{L}.-]*/uy;

/**
 * The act named after a reference ending at `from`, or `undefined`.
 * With `i` (`§ 6, stk. 3, i lov om …`) every form is read; without it
 * (`§ 737 retsplejeloven`, in queries) only a name such as `rpl` or
 * `øl- og vinafgiftsloven` is.
 * In a query (`options.query`), a title runs on to the next `§` or the end
 * (see `queryTitleEnd`); in provision text it ends where `titleEnd` says.
 */
export function actAfter(
  text: string,
  from: number,
  options: ActAfterOptions = {},
): ActMention | undefined {
  I_BEFORE_NAME.lastIndex = from;
  const preposition = I_BEFORE_NAME.exec(text);
  const nameStart = preposition ? I_BEFORE_NAME.lastIndex : skipSpace(text, from);
  if (!preposition && nameStart === from) return undefined;

  const named = namedActAt(text, nameStart);
  if (named !== undefined) {
    return { act: collapse(text.slice(nameStart, named)), start: from, end: named };
  }
  if (!preposition) return undefined;

  SAME_ACT_AFTER.lastIndex = nameStart;
  if (SAME_ACT_AFTER.exec(text)) return { start: from, end: SAME_ACT_AFTER.lastIndex };

  GENITIVE_LOV.lastIndex = nameStart;
  if (GENITIVE_LOV.exec(text)) {
    const end = GENITIVE_LOV.lastIndex;
    return { act: collapse(text.slice(nameStart, end)), start: from, end };
  }

  NUMBERED_ACT.lastIndex = nameStart;
  if (NUMBERED_ACT.exec(text)) {
    const end = NUMBERED_ACT.lastIndex;
    // `lov nr. 140 af 25. maj 1956 om adoption`: the title may follow.
    const om = new RegExp(`${WS}+om(?=${WS})`, 'iuy');
    om.lastIndex = end;
    const title = om.exec(text) ? titled(text, from, nameStart, om.lastIndex, options) : undefined;
    if (title) return title;
    return { act: collapse(text.slice(nameStart, end)), start: from, end };
  }

  TITLED_ACT.lastIndex = nameStart;
  if (TITLED_ACT.exec(text)) return titled(text, from, nameStart, TITLED_ACT.lastIndex, options);

  // A query may copy a title that lacks its `om` at the source (`§ 125 i lov
  // almene boliger m.v.`, LBK 870/2009); whether it names an act is for the
  // store to say, so only a query reads it, never provision text.
  BARE_LOV.lastIndex = nameStart;
  if (options.query === true && BARE_LOV.exec(text)) {
    return titled(text, from, nameStart, BARE_LOV.lastIndex, options);
  }
  return undefined;
}

/**
 * End of a one-word act name at `at` (`straffeloven`, `rpl`), with a cut
 * compound before it (`øl- og vinafgiftsloven`) and a territory after it
 * (`retsplejelov for Grønland`); `undefined` when none starts there.
 */
function namedActAt(text: string, at: number): number | undefined {
  let end: number | undefined;
  const word = wordAt(text, at)?.replace(/\.$/u, '');
  if (word !== undefined && isNamedAct(word) && !isSameActWord(word)) end = at + word.length;

  COMPOUND_NAME.lastIndex = at;
  const compound = end === undefined ? COMPOUND_NAME.exec(text) : null;
  const last = compound?.[1];
  if (last !== undefined && isNamedAct(last) && !isSameActWord(last)) end = COMPOUND_NAME.lastIndex;
  if (end === undefined) return undefined;

  TERRITORY_AFTER.lastIndex = end;
  return TERRITORY_AFTER.exec(text) ? TERRITORY_AFTER.lastIndex : end;
}

/**
 * A title whose words start at `titleFrom` (after `lov om`, `lov nr. 5 om`):
 * in provision text up to `titleEnd`; in a query on to `queryTitleEnd`,
 * keeping `titleEnd` for the rest of the query.
 */
function titled(
  text: string,
  from: number,
  nameStart: number,
  titleFrom: number,
  options: ActAfterOptions,
): ActMention | undefined {
  const end = titleEnd(text, titleFrom);
  let runOn = options.query ? queryTitleEnd(text, titleFrom) : undefined;
  const next = runOn === undefined ? -1 : text.indexOf('§', runOn);
  if (next !== -1) {
    // `§ 5 i lov om leje og straffelovens § 3`: the next reference's act is not this title.
    const nextAct = actBefore(text, next);
    if (nextAct && nextAct.start < (runOn ?? 0)) {
      runOn = queryTitleEnd(text, titleFrom, nextAct.start);
    }
  }
  if (runOn !== undefined && runOn > (end ?? titleFrom)) {
    const act = collapse(text.slice(nameStart, runOn));
    return { act, start: from, end: runOn, titleEnd: end ?? runOn };
  }
  if (end === undefined) return undefined;
  return { act: collapse(text.slice(nameStart, end)), start: from, end };
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
    // The first word is part of the title even when it could open a clause
    // (`lov om anvendelse af Danmarks undergrund`).
    if (bare === '' || (words > 0 && CLAUSE_WORDS.has(bare)) || /^\d/u.test(bare)) break;

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
// Not after a hyphen: `hf-lovens § 19` names the Hf-lov, not "this act".
const BEFORE_SAME_ACT = new RegExp(
  `(?<![\\p{L}\\p{N}-])(?:(?:denne|nærværende)${WS}+lovs|lovens)${WS}*$`,
  'iu',
);
const BEFORE_TITLED = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:lov|lovbekendtgørelse)(?:${WS}+${TERRITORY})?${WS}+om${WS}`,
  'giu',
);
// What may stand before a name found by its last word: `øl- og` (vinafgiftsloven),
// `retsplejelov for` (Grønland), `barnets` (lov), `bekendtgørelse for Grønland af` (lov om …).
const COMPOUND_BEFORE = new RegExp(
  `(?<![\\p{L}\\p{N}-])(?:\\p{L}+-${WS}*,${WS}*)*\\p{L}+-${WS}+(?:og|eller)${WS}+$`,
  'iu',
);
const TERRITORY_BEFORE = new RegExp(
  `(?<![\\p{L}\\p{N}])\\p{L}[\\p{L}-]*lov(?:en|ens|s)?${WS}+for${WS}+$`,
  'iu',
);
const GENITIVE_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])\\p{L}+s${WS}+$`, 'iu');
const TERRITORIAL_WRAPPER_BEFORE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:bekendtgørelse|anordning)${WS}+${TERRITORY}${WS}+af${WS}+$`,
  'iu',
);

/**
 * The act named just before a reference that starts at `at` (the `§`), or
 * `undefined`: `straffelovens § 263`, `straffeloven §263`, `strfl. § 263`,
 * `lovens § 5` (same act), `lov om skifte af dødsboer § 104`.
 */
export function actBefore(
  text: string,
  at: number,
  options: Pick<ActAfterOptions, 'query'> = {},
): ActMention | undefined {
  const windowStart = Math.max(0, at - LOOKBACK);
  const before = text.slice(windowStart, at);

  const same = BEFORE_SAME_ACT.exec(before);
  if (same) return { start: windowStart + same.index, end: at };
  // Before a name the title may end with (`… dagpenge efter barselloven § 3`).
  const leading = options.query === true ? leadingTitle(text, at) : undefined;
  if (leading !== undefined) return leading;

  // A query may put a comma between the name and the `§` (`Straffeloven, § 263`);
  // provision text may not, where the comma ends a list (`i straffeloven, § 5 i …`).
  const comma = options.query === true ? /,[\s]*$/u.exec(before) : null;
  const nameEnd = comma === null ? at : windowStart + comma.index;
  const named = wordBefore(text, nameEnd, windowStart);
  if (named !== undefined) {
    const word = text.slice(named, wordEnd(text, named, nameEnd));
    const mention = namedBefore(text, windowStart, named, word);
    if (mention) return mention;
  }

  return titledBefore(text, before, windowStart, at, options.query === true);
}

/**
 * The act whose name ends with `word`, found at `named` before a `§`:
 * `straffelovens`, `strfl.`, `øl- og vinafgiftsloven`, `retsplejelov for
 * Grønland`, `barnets lov`; `undefined` when `word` ends none.
 */
function namedBefore(
  text: string,
  windowStart: number,
  named: number,
  word: string,
): ActMention | undefined {
  const bare = word.replace(/\.$/u, '');
  const end = named + word.length;
  const lead = (pattern: RegExp): number | undefined => {
    const match = pattern.exec(text.slice(windowStart, named));
    return match ? windowStart + match.index : undefined;
  };

  let start: number | undefined;
  if (isNamedAct(bare) && !isSameActWord(bare)) {
    start = lead(COMPOUND_BEFORE);
    if (start === undefined) return { act: word, start: named, end };
  } else if (TERRITORY_WORD.test(word)) {
    // This and the next only without a dot: `… i barnets lov. § 9 finder` is a new sentence.
    start = lead(TERRITORY_BEFORE);
  } else if (/^lovs?$/iu.test(word)) {
    start = lead(GENITIVE_BEFORE);
  }
  return start === undefined ? undefined : { act: collapse(text.slice(start, end)), start, end };
}

// A query that opens with an act's title: `Lov om …`, or `Lov almene boliger m.v.`
// (a title so misspelt at the source), up to the `§`.
const LEADING_TITLE = new RegExp(
  `^${WS}*(?:lov|lovbekendtgørelse|bekendtgørelse|anordning)${WS}+\\p{L}`, 'iu',
);

/**
 * A query that is a title and then the reference (`Lov om tillæg til lov om
 * erstatning til besættelsestidens ofre § 1`, `… (lov om
 * forsikringsvirksomhed) § 246`, as lexhop labels its chunks): the whole
 * title, which holds other titles that the last `lov om` would pick.
 */
function leadingTitle(text: string, at: number): ActMention | undefined {
  if (!LEADING_TITLE.test(text.slice(0, at)) || /[§;?!]/u.test(text.slice(0, at))) return undefined;
  const start = text.length - text.trimStart().length;
  const end = queryTitleEnd(text, start, at);
  if (end === undefined) return undefined;
  return { act: collapse(text.slice(start, end)), start, end };
}

/**
 * `lov om skifte af dødsboer § 104`: a title running right up to the `§`.
 * In a query the title is whatever runs on to the `§` (`Lov om varsling m.v.
 * i forbindelse med afskedigelser af større omfang § 5`, the label lexhop
 * itself gives), since provision-text rules end long titles early; the store
 * says which stored title it is.
 */
function titledBefore(
  text: string,
  before: string,
  windowStart: number,
  at: number,
  query: boolean,
): ActMention | undefined {
  let last: RegExpExecArray | undefined;
  BEFORE_TITLED.lastIndex = 0;
  for (let match = BEFORE_TITLED.exec(before); match; match = BEFORE_TITLED.exec(before)) {
    last = match;
  }
  if (!last) return undefined;

  const titleFrom = windowStart + last.index + last[0].length - 1;
  // `bekendtgørelse for Grønland af lov om luftfart` is an act of its own.
  const lead = text.slice(windowStart, windowStart + last.index);
  const wrapper = TERRITORIAL_WRAPPER_BEFORE.exec(lead);
  const start = windowStart + (wrapper ? wrapper.index : last.index);
  let end = titleEnd(text, titleFrom);
  if (query && (end === undefined || end < at)) {
    const runOn = queryTitleEnd(text, titleFrom, at);
    if (runOn !== undefined && !/[;?!]/u.test(text.slice(titleFrom, runOn))) end = runOn;
  }
  if (end === undefined) return undefined;

  // The title must reach the `§`, with nothing but space between.
  if (text.slice(end, at).replace(new RegExp(`${WS}+`, 'gu'), '') !== '') return undefined;
  return { act: collapse(text.slice(start, end)), start, end };
}
