/** Snippets: the window of a chunk with the most query terms, matches marked. */
import type { Analyzer } from '../analyze/analyzer.js';

/** Marks that wrap a matched term in a snippet. */
export const MARK_OPEN = '«';
export const MARK_CLOSE = '»';

/** Options for `makeSnippet`. */
export interface SnippetOptions {
  /** Characters in the window. Default 260. */
  width?: number;
}

/** The best window of `text` for `queryTerms`, with matches wrapped in « ». */
export function makeSnippet(
  text: string,
  queryTerms: ReadonlySet<string>,
  analyzer: Analyzer,
  options: SnippetOptions = {},
): string {
  const width = options.width ?? 260;
  const matches = analyzer.positionedTerms(text).filter((t) => queryTerms.has(t.term));
  if (text.length <= width && matches.length === 0) return text;

  // Slide over matches: the window starting at match i covers those that end within it.
  let bestStart = 0;
  let bestCount = 0;
  let j = 0;
  for (let i = 0; i < matches.length; i += 1) {
    const start = (matches[i] as { start: number }).start;
    while (j < matches.length && (matches[j] as { end: number }).end <= start + width) j += 1;
    if (j - i > bestCount) {
      bestCount = j - i;
      bestStart = start;
    }
  }
  let from = Math.max(0, bestStart - Math.floor(width / 5));
  let to = Math.min(text.length, from + width);
  if (to - from < width) from = Math.max(0, to - width);
  // Widen to word boundaries so no word is cut.
  while (from > 0 && /\S/u.test(text[from - 1] as string) && bestStart - from < width / 2) from -= 1;
  while (to < text.length && /\S/u.test(text[to] as string) && to - from < width * 1.3) to += 1;

  let out = '';
  let at = from;
  for (const match of matches) {
    if (match.start < from || match.end > to) continue;
    out += text.slice(at, match.start) + MARK_OPEN + text.slice(match.start, match.end) + MARK_CLOSE;
    at = match.end;
  }
  out += text.slice(at, to);
  return (from > 0 ? '… ' : '') + out.trim() + (to < text.length ? ' …' : '');
}
