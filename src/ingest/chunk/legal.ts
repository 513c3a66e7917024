/**
 * Chunking of statutes: one chunk per `Stk.` (subsection) of each provision,
 * and very long subsections split further at `nr.` items or sentence ends.
 *
 * A subsection starts at a capital `Stk. N.` (or `Stk. 4-7.`, `Stk. 2 og 3.` for
 * omitted ones) at the start of the provision or after whitespace, where N is
 * - one more than the previous subsection's, unless it stands after a word that
 *   makes it a reference (`efter Stk. 2.`) or after `:` or `»`, which open
 *   quoted amendment text (`indsættes som stk. 3: »Stk. 3. …`). The source often
 *   drops the full stop before `Stk.` (`… jf. stk. 1 Stk. 3. …`), so a sentence
 *   end is not required for the next number; or
 * - a few more than the previous one (a subsection missing from the source),
 *   when it stands right after a sentence end (`.` or `)`).
 * Lower-case `stk. 2` is always a reference.
 */
import { actCitationName } from '../../analyze/acts.js';
import type { Chunk, ProvisionSource, SourceDocument } from '../../types.js';
import { isSpace, trimmed } from './spans.js';
import { type Piece, splitLongPart } from './split.js';

/** Options of the statute chunker. */
export interface LegalChunkOptions {
  /** A subsection longer than this many characters is split further. Default 4,000. */
  splitAboveChars?: number;
  /**
   * Largest piece of a split subsection, in characters. A word is cut only when it is
   * longer than this itself (a base64 blob, a long URL). Default 2,000.
   */
  pieceChars?: number;
}

export const DEFAULT_SPLIT_ABOVE_CHARS = 4000;
export const DEFAULT_PIECE_CHARS = 2000;

const SUBSECTION = /Stk\. (\d+)(?:(?:-|–| og )(\d+))?\.(?=\s|$)/g;
/** The largest gap in numbering still taken for a subsection missing from the source. */
const MAX_NUMBER_GAP = 10;
/** Words after which a capital `Stk. N.` is a reference, not a subsection. */
const REFERENCE_WORDS = new Set([
  'jf.', 'jfr.', 'efter', 'i', 'og', 'eller', 'til', 'af', 'ifølge', 'under', 'samt',
  'ved', 'mod', 'se', 'medfør', 'henhold', 'om', 'fra', 'for', 'nævnt', 'nævnte',
]);

/** `4a` → `4 a`, as a lawyer writes it. */
export function prettySection(section: string): string {
  return section.replace(/(\d)(\p{L})/gu, '$1 $2');
}


/** The citation of a provision: `Retsplejeloven § 737`, `Lov om X §§ 2-4`. */
export function provisionCitation(document: SourceDocument, section: string): string {
  return `${actCitationName(document)} ${sectionSign(section)}`;
}

/**
 * The label of an amending act's provision reprinted at the end of a
 * consolidated act: `Straffeloven, ikrafttrædelsesbestemmelser § 60`. The
 * export no longer names the amending act, and the act's name with a bare
 * `§ 60` would read as the act's own § 60.
 */
export function amendingProvisionCitation(document: SourceDocument, section: string): string {
  return `${actCitationName(document)}, ikrafttrædelsesbestemmelser ${sectionSign(section)}`;
}

/** `§ 4 a`, `§§ 2-4`. */
function sectionSign(section: string): string {
  const sign = section.includes('-') ? '§§' : '§';
  return `${sign} ${prettySection(section)}`;
}

/** Chunks of a statute (a document with `provisions`), in document order. */
export function chunkStatute(document: SourceDocument, options: LegalChunkOptions = {}): Chunk[] {
  const splitAbove = options.splitAboveChars ?? DEFAULT_SPLIT_ABOVE_CHARS;
  const pieceChars = options.pieceChars ?? DEFAULT_PIECE_CHARS;
  const chunks: Chunk[] = [];

  for (const provision of document.provisions ?? []) {
    const amending = provision.fromAmendingAct === true;
    const label = amending
      ? amendingProvisionCitation(document, provision.section)
      : provisionCitation(document, provision.section);
    const parts = subsections(document.text, provision);
    const numbered = parts.length > 1;

    for (const part of parts) {
      const stk = part.last > part.number ? `${part.number}-${part.last}` : String(part.number);
      const citation = numbered ? `${label}, stk. ${stk}` : label;
      const pieces: Piece[] =
        part.end - part.start > splitAbove
          ? splitLongPart(document.text, part.start, part.end, pieceChars)
          : [{ start: part.start, end: part.end }];
      for (const piece of pieces) {
        const chunk: Chunk = {
          documentKey: document.key,
          ordinal: chunks.length,
          start: piece.start,
          end: piece.end,
          text: document.text.slice(piece.start, piece.end),
          citation: piece.items === undefined ? citation : `${citation}, nr. ${piece.items}`,
          subsection: part.number,
        };
        // Without a section the chunk is found by its words but never by a
        // citation: its number belongs to the amending act, not to this document.
        if (!amending) chunk.section = provision.section;
        if (provision.chapter !== undefined) chunk.chapter = provision.chapter;
        chunks.push(chunk);
      }
    }
  }
  return chunks;
}

interface Subsection {
  number: number;
  /** Last number of a range (`Stk. 4-7.`); equals `number` otherwise. */
  last: number;
  start: number;
  end: number;
}

/** The subsections of one provision, whitespace trimmed off their edges; empty ones dropped. */
export function subsections(text: string, provision: ProvisionSource): Subsection[] {
  const own = text.slice(provision.start, provision.end);
  const starts: { number: number; last: number; at: number }[] = [{ number: 1, last: 1, at: 0 }];

  SUBSECTION.lastIndex = 0;
  for (let match = SUBSECTION.exec(own); match !== null; match = SUBSECTION.exec(own)) {
    const number = Number(match[1]);
    const last = match[2] === undefined ? number : Number(match[2]);
    const previous = starts[starts.length - 1]?.last ?? 1;
    if (last < number) continue;
    const context = startContext(own, match.index);
    const next = number === previous + 1 && context !== 'none';
    const gap = number - previous;
    const afterGap = gap > 1 && gap <= MAX_NUMBER_GAP && context === 'sentence';
    if (next || afterGap) starts.push({ number, last, at: match.index });
  }

  const parts: Subsection[] = [];
  for (const [index, { number, last, at }] of starts.entries()) {
    const next = starts[index + 1]?.at ?? own.length;
    const [start, end] = trimmed(own, at, next);
    if (end > start) {
      parts.push({ number, last, start: provision.start + start, end: provision.start + end });
    }
  }
  return parts;
}

/**
 * How `Stk.` at `index` stands: at a sentence start (provision start, or after
 * `.`/`)` and whitespace), after some other word, or where it cannot start a
 * subsection (inside a word, in quoted text, after a reference word).
 */
function startContext(text: string, index: number): 'sentence' | 'word' | 'none' {
  if (index === 0) return 'sentence';
  if (!isSpace(text.charCodeAt(index - 1))) return 'none';

  let wordEnd = index - 1;
  while (wordEnd > 0 && isSpace(text.charCodeAt(wordEnd - 1))) wordEnd -= 1;
  let wordStart = wordEnd;
  while (wordStart > 0 && !isSpace(text.charCodeAt(wordStart - 1))) wordStart -= 1;
  const word = text.slice(wordStart, wordEnd);
  const lastChar = word.charAt(word.length - 1);

  if (lastChar === ':' || lastChar === '»') return 'none';
  if (REFERENCE_WORDS.has(word.toLowerCase())) return 'none';
  return lastChar === '.' || lastChar === ')' ? 'sentence' : 'word';
}
