import type { Language } from '../types.js';
import type { Analyzer, PositionedTerm } from './analyzer.js';
import { INVISIBLE_CLASS, foldToken, styleNoiseSpans } from './normalize.js';
import type { Stem } from './stemmer.js';

/*
 * The tokenizer both analyzers share. Words are runs of Unicode letters,
 * digits and combining marks (zero-width characters and soft hyphens inside a
 * word do not split it). Legal structure is kept as single terms:
 *
 *   § 263, §263          → §263        § 12 a, § 12a   → §12a
 *   §§ 25 a og 25 b      → §25a §25b   §§ 10-12        → §10 §12 (endpoints)
 *   stk. 2 → stk2   nr. 3 → nr3   pkt. 2, 2. pkt. → pkt2   (Danish only)
 *   LBK nr. 1160         → lbk nr1160
 *
 * The plain number of a marker is not emitted as well: `263` alone would
 * match every amount, date and count in the statute book, and the citation
 * parser, not the term index, is what resolves `§ 263` to a provision.
 * Ranges give their endpoints only: expanding `§§ 1-400` would flood a chunk
 * with terms it does not contain.
 */

/** How a language's analyzer is put together. */
export interface AnalyzerOptions {
  language: Language;
  /** Folded words that are dropped. */
  stopWords: ReadonlySet<string>;
  stem: Stem;
  /** Recognise Danish `stk.`, `nr.` and `pkt.` markers (default false). */
  danishMarkers?: boolean;
}

type Emit = (term: string, start: number, end: number) => void;

const TOKEN = new RegExp(`§§?|[\\p{L}\\p{N}\\p{M}${INVISIBLE_CLASS}]+`, 'gu');

// After `§`: the number, and a letter suffix standing alone (`12 a`, `12a`).
const SECTION = /\s*(\d+)(?:(\s?)([a-zæøå])(?![\p{L}\p{N}]))?/iuy;

// After a section number in a `§§` list: the next number.
const SECTION_NEXT =
  /\s*(?:,|og|eller|samt|-|–|til)\s*(\d+)(?:(\s?)([a-zæøå])(?![\p{L}\p{N}]))?/iuy;

// After `stk`, `nr`, `pkt`: the number.
const MARKER = /\.?\s*(\d+)(?![\p{L}\p{N}])/uy;

// Further numbers of a marker list: `stk. 2 og 3`, `nr. 1-4`, `nr. 1, 2 og 5`,
// but not the sentence number in `stk. 2, 3. pkt.`.
const MARKER_NEXT =
  /(?:\s*(?:og|eller|-|–|til)\s*(\d+)|\s*,\s*(\d+)(?!\.))(?![\p{L}\p{N}])(?!\.\s*pkt)/iuy;

// `2. pkt.`: the Danish ordinal form of a sentence reference.
const ORDINAL_PKT = /\.\s*pkt\b/iuy;

// A word after `§ 12 i`: decides whether `i` is a suffix or the preposition.
const NEXT_WORD = /\s+(\p{L}+)/uy;
const LIST_WORDS = new Set(['og', 'eller', 'stk', 'nr', 'pkt', 'til', 'jf', 'samt']);

const DIGITS = /^\d+$/u;

// Longer tokens (identifiers, run-together table cells) are kept unstemmed:
// no inflection to remove, and they would only fill the stem cache.
const MAX_STEMMED = 40;

/** Build an analyzer from a language's stop words and stemmer. */
export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const { language, stopWords, stem } = options;
  const danishMarkers = options.danishMarkers ?? false;

  const scan = (text: string, emit: Emit): void => {
    const noise = styleNoiseSpans(text);
    let noiseIndex = 0;

    const regex = new RegExp(TOKEN.source, TOKEN.flags);
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      const token = match[0];
      const start = match.index;

      // Skip tokens inside styling noise; spans are sorted, so walk them once.
      while (noiseIndex < noise.length && (noise[noiseIndex]?.[1] ?? 0) <= start) noiseIndex++;
      const span = noise[noiseIndex];
      if (span && span[0] <= start) continue;

      if (token.charCodeAt(0) === 0xa7 /* § */) {
        regex.lastIndex = sections(text, start, regex.lastIndex, token.length === 2, emit);
        continue;
      }

      if (danishMarkers && token.length <= 3) {
        const marker = token.toLowerCase();
        if (marker === 'stk' || marker === 'nr' || marker === 'pkt') {
          const end = markers(text, marker, start, regex.lastIndex, emit);
          if (end !== undefined) {
            regex.lastIndex = end;
            continue;
          }
        }
      }

      if (danishMarkers && DIGITS.test(token)) {
        ORDINAL_PKT.lastIndex = regex.lastIndex;
        if (ORDINAL_PKT.exec(text)) {
          emit(`pkt${token}`, start, ORDINAL_PKT.lastIndex);
          regex.lastIndex = ORDINAL_PKT.lastIndex;
          continue;
        }
      }

      const folded = foldToken(token);
      if (folded === '' || stopWords.has(folded)) continue;
      emit(folded.length > MAX_STEMMED ? folded : stem(folded), start, start + token.length);
    }
  };

  return {
    language,
    terms(text: string): string[] {
      const terms: string[] = [];
      scan(text, (term) => terms.push(term));
      return terms;
    },
    positionedTerms(text: string): PositionedTerm[] {
      const terms: PositionedTerm[] = [];
      scan(text, (term, start, end) => terms.push({ term, start, end }));
      return terms;
    },
  };
}

/**
 * Emit the section terms after a `§` or `§§` at `start`; returns where
 * scanning resumes. A `§` without a number yields no term.
 */
function sections(text: string, start: number, from: number, list: boolean, emit: Emit): number {
  SECTION.lastIndex = from;
  const first = SECTION.exec(text);
  if (!first?.[1]) return from;

  let end = sectionEnd(text, first, SECTION.lastIndex);
  emit(`§${first[1]}${suffix(first, end, SECTION.lastIndex)}`, start, end);
  if (!list) return end;

  for (;;) {
    SECTION_NEXT.lastIndex = end;
    const next = SECTION_NEXT.exec(text);
    if (!next?.[1]) return end;

    const numberStart = SECTION_NEXT.lastIndex - next[0].length + next[0].indexOf(next[1]);
    const nextEnd = sectionEnd(text, next, SECTION_NEXT.lastIndex);
    emit(`§${next[1]}${suffix(next, nextEnd, SECTION_NEXT.lastIndex)}`, numberStart, nextEnd);
    end = nextEnd;
  }
}

/**
 * Where a section reference ends. A spaced `i` is the preposition, not a
 * suffix, when a word other than a list word follows (`§ 12 i lov om …`).
 */
function sectionEnd(text: string, match: RegExpExecArray, end: number): number {
  const letter = match[3];
  if (letter === undefined || letter.toLowerCase() !== 'i' || match[2] === '') return end;

  NEXT_WORD.lastIndex = end;
  const next = NEXT_WORD.exec(text);
  if (next?.[1] && !LIST_WORDS.has(next[1].toLowerCase())) {
    return end - match[2]!.length - letter.length;
  }
  return end;
}

function suffix(match: RegExpExecArray, end: number, matchEnd: number): string {
  return end === matchEnd && match[3] ? match[3].toLowerCase() : '';
}

/**
 * Emit `stk2`, `nr3`, `pkt2` (and further numbers of a list) for a marker word
 * at `start`; returns where scanning resumes, or `undefined` when no number
 * follows and the marker is an ordinary word.
 */
function markers(
  text: string,
  marker: string,
  start: number,
  from: number,
  emit: Emit,
): number | undefined {
  MARKER.lastIndex = from;
  const first = MARKER.exec(text);
  if (!first?.[1]) return undefined;

  let end = MARKER.lastIndex;
  emit(`${marker}${first[1]}`, start, end);

  for (;;) {
    MARKER_NEXT.lastIndex = end;
    const next = MARKER_NEXT.exec(text);
    const number = next?.[1] ?? next?.[2];
    if (!next || number === undefined) return end;

    const nextEnd = MARKER_NEXT.lastIndex;
    emit(`${marker}${number}`, nextEnd - number.length, nextEnd);
    end = nextEnd;
  }
}
