/**
 * The amending acts' provisions at the end of a consolidated act.
 *
 * A consolidated act (LBK) ends with the commencement and transitional
 * provisions of the acts that amended it, each under that act's own numbers
 * (`§ 60. Loven træder i kraft den 1. januar 2019.` closes Straffeloven). The
 * export has dropped the heading that introduced them (`Lov nr. … indeholder
 * følgende ikrafttrædelsesbestemmelse`); what is left to tell them apart is
 * their place: after the act's last chapter, with no chapter of their own.
 *
 * A chapterless tail is not always an amending act's: a few acts keep some of
 * their own provisions outside any chapter (lov om erstatning til
 * besættelsestidens ofre goes on with § 37 after Kapitel 4's § 36). Those
 * continue the act's numbering and read like the act, so the tail counts as
 * amending only when its first provision
 * - breaks the numbering (a number not above every number before it: § 60
 *   after § 306), or
 * - reads as a commencement or an extract (`Loven træder i kraft`,
 *   `(Udelades)`), which an act's own provisions past its chapters do not.
 * Everything after that first provision belongs to the amending acts too.
 */
import type { ProvisionSource } from '../../types.js';

/** How a reprinted commencement or transitional provision opens. */
const AMENDING_OPENING = /træder i kraft|ikrafttræd|\((?:udelades|udeladt)\)/iu;
/** The opening looked at; commencement clauses come first in the provision. */
const OPENING_CHARS = 200;

/**
 * Index of the first provision that an amending act contributed to the end of
 * the document; `provisions.length` when there is none. Only documents with
 * chapters can be told apart this way; in acts without them the trailing
 * block has no mark and is left as it is.
 */
export function amendingActTail(text: string, provisions: ProvisionSource[]): number {
  let tail = provisions.length;
  while (tail > 0 && provisions[tail - 1]?.chapter === undefined) tail -= 1;
  if (tail === 0 || tail === provisions.length) return provisions.length;

  const first = provisions[tail] as ProvisionSource;
  const opening = text.slice(first.start, Math.min(first.end, first.start + OPENING_CHARS));
  if (AMENDING_OPENING.test(opening)) return tail;

  const numbers = provisions.slice(0, tail).map((p) => sectionNumber(p.section));
  const highest = Math.max(...numbers.filter((n) => !Number.isNaN(n)));
  return sectionNumber(first.section) <= highest ? tail : provisions.length;
}

/** The leading number of a section (`26a-26b` → 26); NaN when it has none. */
function sectionNumber(section: string): number {
  const digits = /^\d+/u.exec(section)?.[0];
  return digits === undefined ? Number.NaN : Number(digits);
}
