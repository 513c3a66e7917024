import { ACT_ALIASES, type ActAlias } from './act-aliases.js';
import { foldPhrase, removeInvisible } from './normalize.js';

/*
 * Act identity: which documents are versions of one act (`actFamily`), what
 * a lawyer calls it (`deriveShortTitle`), and which stored keys a name
 * written in a query may mean (`actNameCandidates`).
 */

// The consolidation wrapper. The corpus also writes it `Bekendtgørelse af_lov`
// and `Bekendtgørelse aflov`. `Bekendtgørelse for Grønland af …` is kept: that
// is a separate act for Greenland, not a version of the Danish one.
const WRAPPER = /^bekendtgørelse\s*af(?:[\s_]+|(?=lov))/iu;

// Footnote marks and editorial leftovers at the end of titles:
// `(ligningsloven)1)`, `(momsloven) (* 1)`, `…)2)/NREF/SN502/2)/`.
const TRAILING_NOISE = /(?:\s*(?:\(\*\s*\d+\)|\d+\)|\/nref\/\S*))+$/iu;

// A popular name in brackets at the end of a title: `(momsloven)`,
// `(SU-loven)`, `(øl- og vinafgiftsloven)`, `(Selskabsskat, Selskabsskatteloven)`.
const BRACKETED_NAME = /\s*\((?:[^()]*, )?((?:[^()\s,]+ ){0,3}[^()\s,]*lov(?:en)?)\)$/iu;

const ONE_WORD_ACT = /^[\p{L}-]+lov(?:en)?$/u;

// Acts that change or repeal other acts, whose titles name the act they change.
const AMENDING =
  /^(?:lov|lovbekendtgørelse|bekendtgørelse) om (?:ændring|ophævelse|ikrafttræden)/u;

// Family keys and former titles → the act.
const BY_FAMILY = new Map<string, ActAlias>(ACT_ALIASES.flatMap((act) =>
  [act.family, ...(act.formerTitles ?? [])].map((title): [string, ActAlias] => [title, act])));

// Every lower-case name (short title or alias) → the act it names.
const BY_NAME = new Map<string, ActAlias>();
for (const act of ACT_ALIASES) {
  BY_NAME.set(act.shortTitle.toLowerCase(), act);
  for (const alias of act.aliases) BY_NAME.set(alias, act);
}

/** A title with invisible characters, underscores, line breaks and footnote marks removed. */
function cleanTitle(title: string): string {
  return removeInvisible(title)
    .normalize('NFC')
    .replace(/\s*\(\*\s*\d+\)/gu, '')
    .replace(/[\s_]+/gu, ' ')
    .trim()
    .replace(TRAILING_NOISE, '');
}

/** The act part of a folded title: the consolidation wrapper removed. */
function actPart(title: string): string {
  return foldPhrase(cleanTitle(title)).replace(WRAPPER, '');
}

/** `erhvervslejelov` → `erhvervslejeloven`: one key for both ways of writing a name. */
function definite(name: string): string {
  return name.endsWith('lov') ? `${name}en` : name;
}

/**
 * Version-family key of an act: consolidated versions of one act share it.
 * The title is case-folded, NFC-normalized and whitespace-collapsed, and the
 * consolidation wrapper `Bekendtgørelse af` and footnote marks are removed.
 * Then, since versions differ in those only, the act is keyed by its popular
 * name where it has one: an act in the alias table by the table's family; an
 * act with a bracketed popular name (`(momsloven)`) or a one-word title
 * (`straffeloven`) by that name, lower case, in `-loven` form. This joins
 * versions across renames such as `lov om indkomstbeskatning af aktieselskaber
 * m.v. (Selskabsskatteloven)` → `selskabsskatteloven`.
 * Amending acts (`Lov om ændring af …`) keep their own title and so their own
 * family: they are not versions of the act they amend (see `isAmendingAct`).
 *
 * Example: `Bekendtgørelse af lov om rettens pleje` and `Lov om rettens pleje`
 * → `lov om rettens pleje`; `Bekendtgørelse af lov om social pension
 * (pensionsloven)` → `lov om social pension`.
 */
export function actFamily(title: string): string {
  const part = actPart(title);
  if (AMENDING.test(part)) return part;

  const bracketed = BRACKETED_NAME.exec(part);
  const withoutName = bracketed ? part.slice(0, bracketed.index) : part;
  const name = bracketed?.[1] ?? (ONE_WORD_ACT.test(part) ? part : undefined);

  const known =
    BY_FAMILY.get(withoutName) ?? (name === undefined ? undefined : BY_NAME.get(definite(name)));
  if (known) return known.family;

  return name === undefined ? withoutName : definite(name);
}

/**
 * True for acts that amend, repeal or bring into force other acts
 * (`Lov om ændring af straffeloven`). Many of them share one title, so a
 * loader should not treat them as versions of each other: give each its own
 * family (its key).
 */
export function isAmendingAct(title: string): boolean {
  return AMENDING.test(actPart(title));
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The popular name a lawyer cites, or `undefined` when the act has none.
 * Sources, in order: the curated alias table; a title whose act part is
 * already one word ending in `-loven`/`-lov`; a bracketed popular name at the
 * end of the title, in its own casing (`SU-loven`).
 *
 * Example: `Bekendtgørelse af straffeloven` → `Straffeloven`;
 * `Bekendtgørelse af lov om rettens pleje` → `Retsplejeloven`;
 * `Lov om ændring af straffeloven` → `undefined`.
 */
export function deriveShortTitle(title: string): string | undefined {
  const part = actPart(title);
  if (AMENDING.test(part)) return undefined;

  const known = BY_FAMILY.get(actFamily(title));
  if (known) return known.shortTitle;

  if (ONE_WORD_ACT.test(part)) return capitalise(part);

  const bracketed = BRACKETED_NAME.exec(cleanTitle(title));
  if (bracketed?.[1]) return capitalise(bracketed[1]);

  return undefined;
}

// A parenthesised part at the end of a title: `(momsloven)`, `(nukleare skader)`, `(VVM)`.
const TRAILING_BRACKET = /\s*\([^()]*\)$/u;
const TRAILING_ETC = /\s+m\.(?:v|m)\.$/u;
// `bekendtgørelse for grønland af lov om …`, `lov for færøerne om …` (folded titles).
const TERRITORIAL_TITLE =
  /^(?:(?:bekendtgørelse|anordning) for (grønland|færøerne) af (lov om .+)|lov for (grønland|færøerne) (om .+))$/u;

/** The act a document stores, as `actNames` reads it. */
export interface NamedAct {
  family: string;
  title: string;
  shortTitle?: string;
}

/**
 * Every name a stored act answers to, in the form `actNameCandidates` gives
 * a name written in a query: its family key, its short title, and its title
 * without the consolidation wrapper and footnote marks, case-folded, and
 * again without each trailing parenthesised part in turn (`(momsloven)`,
 * `(nukleare skader)`, `(stx) (gymnasieloven)`) and without a closing full
 * stop. So an act is found by its title also when its family is its popular
 * name (`lov om beskatning ved dødsfald` → `dødsboskatteloven`).
 *
 * Example: `{ family: 'dødsboskatteloven', title: 'Bekendtgørelse af lov om
 * beskatning ved dødsfald (dødsboskatteloven)', shortTitle: 'Dødsboskatteloven' }` →
 * `['dødsboskatteloven', 'lov om beskatning ved dødsfald (dødsboskatteloven)',
 * 'lov om beskatning ved dødsfald']`.
 */
export function actNames(act: NamedAct): string[] {
  const names = new Set<string>([act.family]);
  if (act.shortTitle !== undefined) names.add(foldPhrase(act.shortTitle));

  let title = actPart(act.title);
  for (;;) {
    names.add(title);
    names.add(withoutFullStop(title));
    const bracket = TRAILING_BRACKET.exec(title);
    if (!bracket) break;
    title = title.slice(0, bracket.index);
  }
  // A territory's version is cited with the territory after the act:
  // `bekendtgørelse for grønland af lov om gældsbreve` is `lov om gældsbreve
  // for grønland`; `lov for grønland om luftfart` is `lov om luftfart for grønland`.
  const territorial = TERRITORIAL_TITLE.exec(actPart(act.title));
  if (territorial !== null) {
    const territory = territorial[1] ?? territorial[3];
    const title = territorial[2] ?? `lov ${territorial[4] ?? ''}`;
    names.add(`${title} for ${territory}`);
  }
  // A consolidation may add `m.v.` to the title (`lov om våben og
  // eksplosivstoffer m.v.`, 2021): the act is still cited without it.
  for (const name of [...names]) {
    const shorter = name.replace(TRAILING_ETC, '');
    if (shorter !== name && /\s/u.test(shorter)) names.add(shorter);
  }

  names.delete('');
  return [...names];
}

/** `lov om domæneejendommes afhændelse.` → without the stop; `m.v.` keeps its dot. */
function withoutFullStop(name: string): string {
  const last = /\S+$/u.exec(name)?.[0] ?? '';
  return /^[^.]+\.$/u.test(last) && !/^(?:mv|mm|nr)\.$/u.test(last) ? name.slice(0, -1) : name;
}

/**
 * Normalized lookup keys for an act name as written in a query or reference:
 * lower case, whitespace collapsed, the consolidation wrapper and footnote
 * marks removed as `actNames` removes them, dots dropped from one-word
 * abbreviations, genitive `-s` removed, `-lov`/`-lovs`/`-lovens` given as
 * both `-loven` and `-lov` (the corpus has `straffeloven` but also
 * `lodslov`), and abbreviations or popular names expanded to the act's
 * family key and short title. The
 * retrieval layer matches these against stored families and short titles,
 * lower-cased. The first key is the name itself in base form.
 *
 * Example: `rpl` → `['rpl', 'lov om rettens pleje', 'retsplejeloven']`;
 * `straffelovens` → `['straffeloven', 'straffelov']`;
 * `lov om rettens pleje` → `['lov om rettens pleje', 'retsplejeloven']`.
 */
export function actNameCandidates(name: string): string[] {
  const written = actPart(name);
  if (written === '') return [];

  const forms = written.includes(' ') ? phraseForms(written) : wordForms(written);
  const keys = new Set<string>(forms);
  const asWritten = foldPhrase(name);
  if (asWritten !== written) keys.add(asWritten);

  let known: ActAlias | undefined;
  for (const form of forms) known ??= BY_NAME.get(form) ?? BY_FAMILY.get(actFamily(form));
  if (known) {
    keys.add(known.family);
    keys.add(known.shortTitle.toLowerCase());
  } else if (written.includes(' ')) {
    keys.add(actFamily(written));
  }

  keys.delete('');
  return [...keys];
}

/** `straffelovens` → `straffeloven`, `straffelov`; `strfl.` → `strfl`. */
function wordForms(written: string): string[] {
  const word = written.replace(/\./gu, '');

  const lovForm = /^(.+lov)(?:s|en|ens)?$/u.exec(word);
  if (lovForm?.[1]) return [`${lovForm[1]}en`, lovForm[1]];

  if (BY_NAME.has(word)) return [word];
  const withoutGenitive = word.replace(/s$/u, '');
  return BY_NAME.has(withoutGenitive) ? [withoutGenitive] : [word];
}

// `lov nr. 140 af 25. maj 1956 om adoption`: number, month, year, title.
const NUMBERED = new RegExp(
  '^(?:lov|lovbekendtgørelse|bekendtgørelse|lbk|bek) nr\\.? ?(\\d+)' +
    '(?: af \\d{1,2}\\. ?(\\p{L}+) (\\d{4}))?(?: (om .+))?$',
  'u',
);

/**
 * `barnets lovs` → `barnets lov`; `øl- og vinafgiftslovens` → `øl- og
 * vinafgiftsloven`, `øl- og vinafgiftslov`; `lov om social services`
 * (genitive on the last word) → also `lov om social service`; `lov nr. 140
 * af 25. maj 1956 om adoption` → also `lov om adoption`; other phrases as
 * written.
 */
function phraseForms(written: string): string[] {
  const lovForm = /^(.+ lov)s$/u.exec(written);
  if (lovForm?.[1]) return [lovForm[1]];

  // `øl- og vinafgiftslovens` → `øl- og vinafgiftsloven`, `øl- og vinafgiftslov`.
  const compound = /^(.+ \S+lov)(?:s|en|ens)?$/u.exec(written);
  if (compound?.[1] && !written.startsWith('lov ')) return [`${compound[1]}en`, compound[1]];

  const numbered = NUMBERED.exec(written);
  if (numbered?.[4] !== undefined) return [written, `lov ${numbered[4]}`];

  if (written.startsWith('lov om ') && written.endsWith('s')) {
    return [written, written.slice(0, -1)];
  }
  return [written];
}

// The words that open a title: `lov om`, `bekendtgørelse om`, `lov for
// Grønland om`, `bekendtgørelse for Færøerne af lov om`.
const TITLE_HEAD = new RegExp(
  '^(?:(?:bekendtgørelse|anordning) for (?:grønland|færøerne) af )?' +
    '(?:lov|lovbekendtgørelse|bekendtgørelse|anordning)(?: for (?:grønland|færøerne))? om ',
  'u',
);

/** Title words after the head that `actTitlePrefixes` reads; the longest titles have ~45. */
const MAX_TITLE_WORDS = 64;

/**
 * A title as captured from running text or a query can run on past its end
 * (`lov om leje væsentligt`, `lov om afgift af øl, vin og frugtvin m.m. og
 * spiritus`): its word prefixes, longest first, down to the head and one
 * word (`lov om leje`), each without a trailing comma or full stop. Try them
 * in order and take the first that matches a stored act; do not take them
 * all, since a short prefix (`lov om leje`) is the title of another act.
 * Names that do not open with a title head (`lov om`, `lov for Grønland om`,
 * `bekendtgørelse om`, `bekendtgørelse for Grønland af lov om`) give `[]`.
 *
 * Example: `lov om leje væsentligt` → `['lov om leje væsentligt', 'lov om leje']`.
 */
export function actTitlePrefixes(name: string): string[] {
  const written = actPart(name);
  const numbered = NUMBERED.exec(written);
  const title = numbered?.[4] === undefined ? written : `lov ${numbered[4]}`;
  const head = TITLE_HEAD.exec(title);
  if (!head) return [];

  const headWords = head[0].trim().split(' ').length;
  const words = title.split(' ').slice(0, headWords + MAX_TITLE_WORDS);
  const prefixes = new Set<string>();
  for (let count = words.length; count > headWords; count--) {
    const prefix = words.slice(0, count).join(' ').replace(/[,;:]+$/u, '');
    prefixes.add(withoutFullStop(prefix));
  }
  return [...prefixes];
}

/**
 * Number and year of an act cited by number, e.g. `lov nr. 140 af 25. maj
 * 1956` → `{ number: 140, year: 1956 }` (the corpus keys it `1956:140`);
 * `undefined` for other names or when the year is not given.
 */
export function actNumber(name: string): { number: number; year: number } | undefined {
  const numbered = NUMBERED.exec(foldPhrase(name));
  if (!numbered?.[1] || !numbered[3]) return undefined;
  return { number: Number(numbered[1]), year: Number(numbered[3]) };
}

/**
 * True when `word` (any case, dots ignored) is an abbreviation or popular
 * name in the alias table, e.g. `rpl`, `strfl.`, `Retsplejeloven`.
 */
export function isActAlias(word: string): boolean {
  return BY_NAME.has(word.toLowerCase().replace(/\./gu, ''));
}

/** The consolidation wrapper of an LBK title, which a citation leaves out. */
const CONSOLIDATION_WRAPPER = /^bekendtgørelse af\s+/iu;

/**
 * The name a provision is cited by: the short title, else the title without the
 * consolidation wrapper (`Bekendtgørelse af lov om X` → `Lov om X`).
 */
export function actCitationName(act: { title: string; shortTitle?: string }): string {
  if (act.shortTitle !== undefined) return act.shortTitle;
  const name = act.title.replace(CONSOLIDATION_WRAPPER, '');
  return name === '' ? act.title : name.charAt(0).toUpperCase() + name.slice(1);
}
