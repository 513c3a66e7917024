/** Small helpers for `[start, end)` character spans. */

/** True for the whitespace that may separate words (ASCII, NBSP, line separators). */
export function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x2028 ||
    code === 0x2029
  );
}

/** `[start, end)` with whitespace at both edges removed. */
export function trimmed(text: string, start: number, end: number): [number, number] {
  let from = start;
  let to = end;
  while (from < to && isSpace(text.charCodeAt(from))) from += 1;
  while (to > from && isSpace(text.charCodeAt(to - 1))) to -= 1;
  return [from, to];
}
