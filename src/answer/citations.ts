/**
 * Citation markers in a model's answer: `[2]`, `[1, 3]`, `[1-3]`. Numbers
 * that match no source are invented; they are removed from the text and
 * reported, so a reader never follows a marker to nothing. The same rewrite
 * runs on the stream and on the final text, so what a streaming client saw is
 * what the final answer says.
 */

const MARKER = /[ \t]*\[(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\]/gu;

/** A marker prefix that may still complete: `[`, `[1`, `[1, `. */
const OPEN_TAIL = /[ \t]*\[[\d\s,;–-]{0,24}$/u;

/** The reply a model gives when the sources do not answer. */
export const NO_ANSWER = 'NO_ANSWER';

const RANGE_LIMIT = 20;

/** The numbers a marker's inside names: `1, 3` → [1, 3]; `2-4` → [2, 3, 4]. */
function numbersOf(inside: string): number[] {
  const numbers: number[] = [];
  for (const part of inside.split(/[,;]/u)) {
    const range = /^\s*(\d+)\s*[–-]\s*(\d+)\s*$/u.exec(part);
    if (range !== null) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      for (let n = from; n <= to && n - from < RANGE_LIMIT; n++) numbers.push(n);
    } else if (part.trim() !== '') {
      numbers.push(Number(part.trim()));
    }
  }
  return numbers;
}

export interface CleanedCitations {
  text: string;
  /** Valid source numbers the text cites, ascending. */
  cited: number[];
  /** Numbers that match no source, ascending. */
  invented: number[];
}

/** Rewrites markers so they name only sources `1..sourceCount`. */
export function cleanCitations(text: string, sourceCount: number): CleanedCitations {
  const cited = new Set<number>();
  const invented = new Set<number>();
  const cleaned = text.replace(MARKER, (marker, inside: string) => {
    const valid: number[] = [];
    for (const n of numbersOf(inside)) {
      if (Number.isInteger(n) && n >= 1 && n <= sourceCount) {
        if (!valid.includes(n)) valid.push(n);
        cited.add(n);
      } else {
        invented.add(n);
      }
    }
    if (valid.length === 0) return '';
    const lead = /^[ \t]*/u.exec(marker)?.[0] ?? '';
    const kept = numbersOf(inside).every((n) => valid.includes(n));
    return kept ? marker : `${lead}[${valid.join(', ')}]`;
  });
  return {
    text: cleaned,
    cited: [...cited].sort((a, b) => a - b),
    invented: [...invented].sort((a, b) => a - b),
  };
}

/** True when the model said the sources do not answer. */
export function declined(text: string): boolean {
  return text.includes(NO_ANSWER);
}

/**
 * Streams text through `cleanCitations`: holds back a possible marker until
 * it closes, and trailing spaces until it is clear whether a marker follows
 * them. Holds back the opening until it is clear it is not `NO_ANSWER`.
 */
export class CitationStreamFilter {
  #held = '';
  #opening = true;
  #suppressed = false;
  readonly #sourceCount: number;

  constructor(sourceCount: number) {
    this.#sourceCount = sourceCount;
  }

  /** Text that may be shown now. */
  push(piece: string): string {
    this.#held += piece;
    if (this.#suppressed) return '';
    if (this.#opening) {
      const start = this.#held.trimStart();
      if (start.length < NO_ANSWER.length && NO_ANSWER.startsWith(start)) return '';
      this.#opening = false;
      if (start.startsWith(NO_ANSWER)) {
        this.#suppressed = true;
        return '';
      }
    }

    const tail = OPEN_TAIL.exec(this.#held) ?? /[ \t]+$/u.exec(this.#held);
    const cut = tail === null ? this.#held.length : tail.index;
    const ready = this.#held.slice(0, cut);
    this.#held = this.#held.slice(cut);
    return cleanCitations(ready, this.#sourceCount).text;
  }

  /** The rest, at the end of the stream. */
  flush(): string {
    if (this.#suppressed) return '';
    const rest = this.#held;
    this.#held = '';
    if (this.#opening && NO_ANSWER.startsWith(rest.trim())) return '';
    return cleanCitations(rest, this.#sourceCount).text;
  }
}
