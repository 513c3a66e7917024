import { INVISIBLE_CLASS } from './normalize.js';

/*
 * The numbers of one provision reference: the section with its letter, and
 * the `stk.`, `nr.` and `pkt.` parts after it (`§ 737, stk. 2 og 3, nr. 4`).
 */

const WS = `[\\s${INVISIBLE_CLASS}]`;

const SECTION = new RegExp(`${WS}*(\\d+)(?:(${WS}?)([a-zæøå])(?![\\p{L}\\p{N}]))?`, 'iuy');
const STK = new RegExp(`${WS}*,?${WS}*stk\\.${WS}*(\\d+)(?![\\p{L}\\p{N}])`, 'iuy');
const NR = new RegExp(`${WS}*,?${WS}*nr\\.${WS}*(\\d+)(?![\\p{L}\\p{N}])`, 'iuy');
const ORDINAL_PKT = new RegExp(`${WS}*,?${WS}*(\\d+)\\.${WS}*pkt\\.?`, 'iuy');
const PKT = new RegExp(`${WS}*,?${WS}*pkt\\.${WS}*(\\d+)(?![\\p{L}\\p{N}])`, 'iuy');
// Further numbers of a `stk.`/`nr.` list, but not the `3.` of `stk. 2, 3. pkt.`.
const NUMBER_NEXT = new RegExp(
  `(?:${WS}*(?:og|eller|-|–|til)${WS}*(\\d+)|${WS}*,${WS}*(\\d+)(?!\\.))(?![\\p{L}\\p{N}])` +
    `(?!\\.${WS}*pkt)`,
  'iuy',
);
const NEXT_WORD = new RegExp(`${WS}+(\\p{L}+)`, 'uy');
const LIST_WORDS = new Set(['og', 'eller', 'stk', 'nr', 'pkt', 'til', 'jf', 'samt']);

/** A `stk.` of a reference (or none, for `§ 5, nr. 3`), with its items and sentence. */
export interface Part {
  subsection?: number;
  items: number[];
  sentence?: number;
  end: number;
}

/** One section number with its `stk.`/`nr.`/`pkt.` parts. */
export interface SectionParts {
  section: string;
  /** The number without suffix, for ranges. */
  number: number;
  hasSuffix: boolean;
  subsections: Part[];
  start: number;
  numberEnd: number;
  end: number;
}

export function sectionAt(text: string, from: number): SectionParts | undefined {
  SECTION.lastIndex = from;
  const match = SECTION.exec(text);
  if (!match?.[1]) return undefined;

  let numberEnd = SECTION.lastIndex;
  let letter = match[3]?.toLowerCase();
  if (letter === 'i' && match[2] !== '') {
    // `§ 12 i lov om …`: `i` is the preposition unless a list word follows,
    // or the preposition itself does (`§ 9 i i konkursloven`).
    NEXT_WORD.lastIndex = numberEnd;
    const next = NEXT_WORD.exec(text)?.[1]?.toLowerCase();
    if (next !== undefined && next !== 'i' && !LIST_WORDS.has(next)) {
      letter = undefined;
      numberEnd -= (match[2]?.length ?? 0) + 1;
    }
  }

  const parts: SectionParts = {
    section: `${match[1]}${letter ?? ''}`,
    number: Number(match[1]),
    hasSuffix: letter !== undefined,
    subsections: [],
    start: from + match[0].indexOf(match[1]),
    numberEnd,
    end: numberEnd,
  };
  readSubsections(text, parts);
  return parts;
}

/** `, stk. 2 og 3, nr. 4, 2. pkt.` after a section number. */
export function readSubsections(text: string, parts: SectionParts): void {
  STK.lastIndex = parts.end;
  const stk = STK.exec(text);
  if (!stk?.[1]) {
    // `§ 5, nr. 3` and `§ 5, 2. pkt.`: items and sentences without a `stk.`.
    const part: Part = { items: [], end: parts.end };
    readItems(text, part);
    if (part.end > parts.end) {
      parts.subsections.push(part);
      parts.end = part.end;
    }
    return;
  }

  const numbers = [Number(stk[1])];
  let end = STK.lastIndex;
  for (;;) {
    NUMBER_NEXT.lastIndex = end;
    const next = NUMBER_NEXT.exec(text);
    const number = next?.[1] ?? next?.[2];
    if (number === undefined) break;
    numbers.push(Number(number));
    end = NUMBER_NEXT.lastIndex;
  }

  for (const subsection of numbers) parts.subsections.push({ subsection, items: [], end });
  // `nr.` and `pkt.` after a list of subsections belong to the last one.
  const last = parts.subsections[parts.subsections.length - 1];
  if (last) {
    readItems(text, last);
    end = Math.max(end, last.end);
  }
  parts.end = end;
}

function readItems(text: string, part: Part): void {
  NR.lastIndex = part.end;
  const nr = NR.exec(text);
  if (nr?.[1]) {
    part.items.push(Number(nr[1]));
    part.end = NR.lastIndex;
    for (;;) {
      NUMBER_NEXT.lastIndex = part.end;
      const next = NUMBER_NEXT.exec(text);
      const number = next?.[1] ?? next?.[2];
      if (number === undefined) break;
      part.items.push(Number(number));
      part.end = NUMBER_NEXT.lastIndex;
    }
  }

  ORDINAL_PKT.lastIndex = part.end;
  const ordinal = ORDINAL_PKT.exec(text);
  if (ordinal?.[1]) {
    part.sentence = Number(ordinal[1]);
    part.end = ORDINAL_PKT.lastIndex;
    return;
  }
  PKT.lastIndex = part.end;
  const pkt = PKT.exec(text);
  if (pkt?.[1]) {
    part.sentence = Number(pkt[1]);
    part.end = PKT.lastIndex;
  }
}
