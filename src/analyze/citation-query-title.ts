import { INVISIBLE_CLASS } from './normalize.js';

/*
 * Where an act title ends in a query. In provision text a title ends by the
 * rules of `titleEnd` (citation-acts.ts); a query names its act last and
 * plainly, so there the title runs on, and the store says where it ends.
 */

const WS = `[\\s${INVISIBLE_CLASS}]`;

/** Abbreviations a title may contain or end with. */
export const TITLE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'm.v.', 'm.m.', 'm.fl.', 'mv.', 'mm.', 'nr.',
]);

// What ends a title in a query: another reference, or the end of a question.
const QUERY_STOP = /[§;?!]/u;
const TRAILING_SPACE = new RegExp(`(?:${WS}|[,;:])+$`, 'u');
const TRAILING_CONNECTIVE = new RegExp(`${WS}(?:og|eller|samt|jf\\.?|i)$`, 'iu');
const LAST_WORD = new RegExp(`[^\\s${INVISIBLE_CLASS}]+$`, 'u');

/**
 * Where a title that starts at `from` ends in a query: at the next `§`, `;`,
 * `?` or `!`, or at the end, less the space, commas and connectives before
 * it (`… og § 5`) and a closing full stop. Titles hold commas, numbers and
 * clause words (`lov om afgift af øl, vin og frugtvin m.m.`, `lov om
 * anvendelse af …`) that no rule tells from words after a title, so the
 * whole run is the name and the retrieval side takes the longest stored
 * title it begins with. `undefined` when no word follows before `limit`
 * (default: the end of the text).
 */
export function queryTitleEnd(
  text: string,
  from: number,
  limit = text.length,
): number | undefined {
  const stop = text.slice(from, limit).search(QUERY_STOP);
  let run = text.slice(from, stop === -1 ? limit : from + stop);
  for (let previous = ''; previous !== run; ) {
    previous = run;
    run = run.replace(TRAILING_SPACE, '').replace(TRAILING_CONNECTIVE, '');
    const last = LAST_WORD.exec(run)?.[0] ?? '';
    // `lov om leje.`, but not `m.v.`.
    if (/^[^.]+\.$/u.test(last) && !TITLE_ABBREVIATIONS.has(last.toLowerCase())) {
      run = run.slice(0, -1);
    }
  }
  return /\p{L}/u.test(run) ? from + run.length : undefined;
}
