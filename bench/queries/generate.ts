/**
 * Generates the fixed query mix of the benchmarks from the Danish statutes:
 * words and phrases taken from provision text, natural questions in Danish
 * built from real nouns, and citation lookups. A seeded generator makes the
 * mix the same on every run; it is generated once and committed.
 *
 *   npm run bench -- queries [--corpus <jsonl.gz>] [--seed 1160] [--per-kind 150] [--out <file>]
 */
import { createReadStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { deriveShortTitle } from '../../src/analyze/acts.js';
import { DANISH_STOP_WORDS } from '../../src/analyze/danish.js';
import { DEFAULT_MIX_FILE, type BenchQuery, type QueryKind, type QueryMix } from './mix.js';
import { mulberry32, pick, randomInt, shuffle, type Random } from '../../src/eval/prng.js';

/** The corpus the committed mix is drawn from: the current consolidated acts. */
export const DEFAULT_CORPUS = '../shared/corpus/dk-laws/current-acts.jsonl.gz';
export const DEFAULT_SEED = 1160;

interface Provision {
  act: string;
  section: string;
  /** The section as the text writes it: `4 a`. */
  written: string;
  content: string;
  /** Highest `Stk.` number, 1 when the provision has none. */
  subsections: number;
}

interface Act {
  id: string;
  title: string;
  shortTitle?: string;
  provisions: Provision[];
}

interface RawAct {
  id?: string;
  title?: string;
  provisions?: { section?: string; content?: string }[];
}

// Leftover table styling in some provisions; words from it are no query anyone types.
const STYLE_NOISE = /border-|pt none|mso-|font-family|padding/iu;
const WORD = /[\p{L}][\p{L}-]*[\p{L}]/gu;
const LETTERS_ONLY = /^[\p{L}][\p{L}-]*$/u;
const NOUN = /(?:ning|else|hed|tion|skab|dom|ment)$/u;
// Common words that carry little meaning in a statute: keep them out of word queries.
const FILLER = new Set([
  'nærmere', 'regler', 'bestemmelser', 'ministeren', 'ministerens', 'herunder', 'medfør',
  'henhold', 'stykke', 'tilfælde', 'således', 'dennes', 'disses', 'øvrigt', 'anden', 'andet',
  'andre', 'skal', 'kan', 'stk', 'nr', 'pkt', 'lovens', 'loven', 'mindst', 'eller',
]);

const FIXED_QUESTIONS = [
  'hvornår kan en lejer opsige lejemålet',
  'hvor langt er opsigelsesvarslet for en funktionær',
  'hvad er straffen for vold mod en tjenestemand',
  'hvornår forældes et krav på betaling',
  'kan arbejdsgiveren afskedige en gravid medarbejder',
  'hvor længe skal bogføringsmateriale opbevares',
  'hvem får forældremyndigheden efter en skilsmisse',
  'hvad er fristen for at klage over en afgørelse fra kommunen',
  'hvornår må politiet ransage en bolig',
  'hvilke regler gælder for hunde der bider',
];

const QUESTION_TEMPLATES: ((noun: string) => string)[] = [
  (noun) => `hvad er straffen for ${noun}`,
  (noun) => `hvilke regler gælder for ${noun}`,
  (noun) => `hvornår kræves ${noun}`,
  (noun) => `hvem træffer afgørelse om ${noun}`,
  (noun) => `hvordan klager man over ${noun}`,
  (noun) => `hvad siger loven om ${noun}`,
  (noun) => `hvilke krav stilles til ${noun}`,
  (noun) => `kan man få ${noun}`,
  (noun) => `hvem har ansvaret for ${noun}`,
  (noun) => `hvad sker der ved manglende ${noun}`,
];

function writtenSection(section: string, content: string): string {
  const match = /^§\s*(\d+(?:\s?[a-zæøå](?![\p{L}]))?)\s*\./iu.exec(content);
  if (match?.[1] !== undefined) return match[1].replace(/(\d)([a-zæøå])/iu, '$1 $2');
  return section.replace(/(\d)([a-zæøå])/iu, '$1 $2');
}

function highestSubsection(content: string): number {
  let highest = 1;
  for (const match of content.matchAll(/Stk\.\s*(\d+)\./gu)) {
    highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

/** Reads the acts that have provisions, in file order. */
async function readActs(corpus: string): Promise<Act[]> {
  const acts: Act[] = [];
  const lines = createInterface({ input: createReadStream(corpus).pipe(createGunzip()) });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const raw = JSON.parse(line) as RawAct;
    if (raw.id === undefined || raw.title === undefined || !Array.isArray(raw.provisions)) continue;
    const provisions: Provision[] = [];
    for (const provision of raw.provisions) {
      const content = provision.content ?? '';
      if (provision.section === undefined || content.length < 80 || STYLE_NOISE.test(content)) {
        continue;
      }
      provisions.push({
        act: raw.id, section: provision.section, content,
        written: writtenSection(provision.section, content),
        subsections: highestSubsection(content),
      });
    }
    if (provisions.length === 0) continue;
    acts.push({ id: raw.id, title: raw.title, shortTitle: deriveShortTitle(raw.title), provisions });
  }
  return acts;
}

/** Provision text without its `§ N.` opening and `Stk. N.` markers. */
function body(provision: Provision): string {
  return provision.content.replace(/^§\s*\d+\s?[a-zæøå]?\s*\./iu, ' ').replace(/Stk\.\s*\d+\./gu, ' ');
}

function contentWords(provision: Provision): string[] {
  return (body(provision).toLowerCase().match(WORD) ?? []).filter(
    (w) => w.length >= 5 && !DANISH_STOP_WORDS.has(w) && !FILLER.has(w),
  );
}

function from(provision: Provision, subsection?: number): BenchQuery['from'] {
  return subsection === undefined
    ? { act: provision.act, section: provision.section }
    : { act: provision.act, section: provision.section, subsection };
}

function wordsQuery(random: Random, provision: Provision): Omit<BenchQuery, 'id'> | undefined {
  const words = contentWords(provision);
  const count = randomInt(random, 1, 3);
  if (words.length < count) return undefined;
  const startAt = randomInt(random, 0, words.length - count);
  const chosen = [...new Set(words.slice(startAt, startAt + count))];
  return { kind: 'words', query: chosen.join(' '), from: from(provision) };
}

function phraseQuery(random: Random, provision: Provision): Omit<BenchQuery, 'id'> | undefined {
  const length = randomInt(random, 4, 6);
  const sentences = body(provision)
    .split(/[.;:!?]\s|\n/u)
    .map((s) => s.trim().split(/\s+/u).map((w) => w.replace(/^[(«"]+|[),»"]+$/gu, '')))
    .filter((words) => words.length >= length);
  if (sentences.length === 0) return undefined;
  const words = pick(random, sentences);
  const startAt = randomInt(random, 0, words.length - length);
  const phrase = words.slice(startAt, startAt + length);
  if (!phrase.every((w) => LETTERS_ONLY.test(w))) return undefined;
  return { kind: 'phrase', query: phrase.join(' ').toLowerCase(), from: from(provision) };
}

/** Nouns by their endings, seen in at least five provisions, sorted so picks are stable. */
function collectNouns(acts: Act[]): string[] {
  const seen = new Map<string, number>();
  for (const act of acts) {
    for (const provision of act.provisions) {
      for (const word of new Set(contentWords(provision))) {
        if (word.length >= 7 && NOUN.test(word) && !word.includes('-')) {
          seen.set(word, (seen.get(word) ?? 0) + 1);
        }
      }
    }
  }
  return [...seen].filter(([, count]) => count >= 5).map(([word]) => word).sort();
}

/** `Bekendtgørelse af lov om rettens pleje` → `lov om rettens pleje`. */
function actTitle(title: string): string {
  const plain = title
    .replace(/_/gu, ' ')
    .replace(/^bekendtgørelse\s*af\s*/iu, '')
    .replace(/(?:\s*\(\*\s*\d+\)|\s*\d+\))+$/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
  return plain.charAt(0).toLowerCase() + plain.slice(1);
}

function citationQuery(random: Random, act: Act): Omit<BenchQuery, 'id'> | undefined {
  const provision = pick(random, act.provisions);
  const subsection = provision.subsections > 1 && random() < 0.4
    ? randomInt(random, 2, provision.subsections)
    : undefined;
  const stk = subsection === undefined ? '' : `, stk. ${subsection}`;
  if (act.shortTitle !== undefined && random() < 0.75) {
    const query = `${act.shortTitle} § ${provision.written}${stk}`;
    return { kind: 'citation', query, from: from(provision, subsection) };
  }
  const title = actTitle(act.title);
  if (title.length > 100) return undefined;
  const query = `§ ${provision.written}${stk} i ${title}`;
  return { kind: 'citation', query, from: from(provision, subsection) };
}

/** Options of `generateQueryMix`. */
export interface GenerateOptions {
  /** Gzipped JSON Lines of acts. Default: the current consolidated acts. */
  corpus?: string;
  /** Default 1160. */
  seed?: number;
  /** Queries of each kind. Default 150. */
  perKind?: number;
}

/** Draws the query mix; the same corpus, seed and counts give the same mix. */
export async function generateQueryMix(options: GenerateOptions = {}): Promise<QueryMix> {
  const corpus = options.corpus ?? DEFAULT_CORPUS;
  const seed = options.seed ?? DEFAULT_SEED;
  const perKind = options.perKind ?? 150;
  const random = mulberry32(seed);
  const acts = await readActs(path.resolve(corpus));
  const provisions = acts.flatMap((act) => act.provisions);
  const nouns = collectNouns(acts);
  // Lawyers cite acts by their popular names; most acts have none, so favour those that do.
  const named = acts.filter((act) => act.shortTitle !== undefined);
  if (provisions.length === 0 || nouns.length === 0) throw new Error(`${corpus}: no provisions`);

  const seen = new Set<string>();
  const drawn: Record<QueryKind, Omit<BenchQuery, 'id'>[]> = {
    words: [], phrase: [], question: [], citation: [],
  };
  const add = (query: Omit<BenchQuery, 'id'> | undefined): void => {
    if (query === undefined || query.query.length < 3 || seen.has(query.query)) return;
    seen.add(query.query);
    drawn[query.kind].push(query);
  };
  for (const question of FIXED_QUESTIONS.slice(0, perKind)) add({ kind: 'question', query: question });

  // Bounded attempts: a draw can fail (a provision too short for a phrase, a repeat).
  for (let attempt = 0; attempt < perKind * 50; attempt += 1) {
    if (drawn.words.length < perKind) add(wordsQuery(random, pick(random, provisions)));
    if (drawn.phrase.length < perKind) add(phraseQuery(random, pick(random, provisions)));
    if (drawn.question.length < perKind) {
      add({ kind: 'question', query: pick(random, QUESTION_TEMPLATES)(pick(random, nouns)) });
    }
    if (drawn.citation.length < perKind) {
      const act = named.length > 0 && random() < 0.6 ? pick(random, named) : pick(random, acts);
      add(citationQuery(random, act));
    }
    if (Object.values(drawn).every((list) => list.length >= perKind)) break;
  }

  const prefix: Record<QueryKind, string> = { words: 'w', phrase: 'p', question: 'q', citation: 'c' };
  const queries = Object.values(drawn).flatMap((list) =>
    list.map((query, i) => ({ id: `${prefix[query.kind]}${String(i + 1).padStart(3, '0')}`, ...query })),
  );
  const counts = Object.fromEntries(
    Object.entries(drawn).map(([kind, list]) => [kind, list.length]),
  ) as Record<QueryKind, number>;
  return { seed, corpus, counts, queries: shuffle(random, queries) };
}

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at === -1 ? undefined : argv[at + 1];
}

/** `npm run bench -- queries`: writes the mix (default bench/queries/dk-mix.json). */
export async function run(argv: string[]): Promise<number> {
  const out = option(argv, '--out') ?? DEFAULT_MIX_FILE;
  const mix = await generateQueryMix({
    corpus: option(argv, '--corpus'),
    seed: option(argv, '--seed') === undefined ? undefined : Number(option(argv, '--seed')),
    perKind: option(argv, '--per-kind') === undefined ? undefined : Number(option(argv, '--per-kind')),
  });
  // One query a line: small, and a change to the mix reads well in a diff.
  const head = JSON.stringify({ ...mix, queries: undefined }).slice(0, -1);
  const lines = mix.queries.map((query) => `  ${JSON.stringify(query)}`).join(',\n');
  const json = `${head},\n "queries": [\n${lines}\n ]}\n`;
  writeFileSync(out, json);
  console.log(`${mix.queries.length} queries (${JSON.stringify(mix.counts)}), ` +
    `${Math.round(json.length / 1024)} KB → ${path.relative(process.cwd(), out)}`);
  return 0;
}
