/**
 * Headings of plain-text and Markdown documents, with their line spans.
 *
 * Markdown: ATX headings (`## 2. Tavshedspligt`) and setext headings (a line
 * underlined with `===` or `---`), never inside fenced code.
 * Plain text: short lines that stand after a blank line (or first) and look like
 * a clause heading: numbered (`1. Definitions`, `2.1 Exceptions`), keyworded
 * (`Section 3`, `ARTICLE IV`, `Kapitel 2`, `§ 4 Opsigelse`) or in capitals
 * (`MUTUAL NON-DISCLOSURE AGREEMENT`).
 */

export interface Heading {
  /** `[start, end)` of the heading's lines in the text (setext: both lines). */
  start: number;
  end: number;
  /** 1 is the top level. */
  level: number;
  /** The heading as shown, without Markdown marks. */
  text: string;
}

export type HeadingSyntax = 'markdown' | 'text';

/** Plain-text headings are short; a longer line is a clause's text. */
const MAX_TEXT_HEADING_CHARS = 80;

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const NUMBERED = /^\s{0,3}(\d{1,3}(?:\.\d{1,3})*)\.?\s+\p{Lu}/u;
const TOP_KEYWORD = new RegExp(
  String.raw`^\s{0,3}(?:article|artikel|chapter|kapitel|part|del|afsnit|schedule|appendix|annex` +
    String.raw`|bilag)\s+(?:\d{1,3}[a-z]?|[IVXLC]{1,7})\b`,
  'iu',
);
const SECTION_KEYWORD = /^\s{0,3}(?:section|§)\s*\d{1,3}\s*[a-z]?\b/iu;
const LOWER_CASE = /\p{Ll}/u;
const LETTER = /\p{L}/gu;
const ENDS_LIKE_SENTENCE = /[.,;]$/;

interface Line {
  start: number;
  /** End without the line break (`\n` or `\r\n`). */
  end: number;
  text: string;
}

/** Every line of `text` with its span. */
export function lines(text: string): Line[] {
  const result: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline;
    const end = next > start && text.charCodeAt(next - 1) === 0x0d ? next - 1 : next;
    result.push({ start, end, text: text.slice(start, end) });
    if (newline === -1) break;
    start = newline + 1;
  }
  return result;
}

/** The headings of `text`, in order. */
export function findHeadings(text: string, syntax: HeadingSyntax): Heading[] {
  const all = lines(text);
  return syntax === 'markdown' ? markdownHeadings(all) : textHeadings(all);
}

function markdownHeadings(all: Line[]): Heading[] {
  const headings: Heading[] = [];
  let fence: string | undefined;

  for (const [index, line] of all.entries()) {
    const fenceMatch = FENCE.exec(line.text);
    if (fenceMatch?.[1] !== undefined) {
      const marker = fenceMatch[1];
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;

    const atx = ATX.exec(line.text);
    if (atx?.[1] !== undefined) {
      const title = (atx[2] ?? '').trim();
      if (title !== '') {
        headings.push({ start: line.start, end: line.end, level: atx[1].length, text: title });
      }
      continue;
    }

    const previous = all[index - 1];
    const underline = SETEXT_UNDERLINE.exec(line.text);
    const setext = underline?.[1] !== undefined && isSetextTitle(all, index - 1, headings);
    if (underline?.[1] !== undefined && previous !== undefined && setext) {
      headings.push({
        start: previous.start,
        end: line.end,
        level: underline[1].startsWith('=') ? 1 : 2,
        text: previous.text.trim(),
      });
    }
  }
  return headings;
}

/** A one-line paragraph (blank line or start before it) that is not already a heading. */
function isSetextTitle(all: Line[], index: number, headings: Heading[]): boolean {
  const line = all[index];
  if (line === undefined || line.text.trim() === '') return false;
  const before = all[index - 1];
  if (before !== undefined && before.text.trim() !== '') return false;
  const last = headings[headings.length - 1];
  return last === undefined || last.end < line.start;
}

function textHeadings(all: Line[]): Heading[] {
  const headings: Heading[] = [];
  for (const [index, line] of all.entries()) {
    const before = all[index - 1];
    if (before !== undefined && before.text.trim() !== '') continue;
    const level = textHeadingLevel(line.text);
    if (level !== undefined) {
      headings.push({ start: line.start, end: line.end, level, text: line.text.trim() });
    }
  }
  return headings;
}

/** The level of a plain-text heading line, or undefined when it is not one. */
export function textHeadingLevel(line: string): number | undefined {
  const text = line.trim();
  if (text === '' || text.length > MAX_TEXT_HEADING_CHARS || ENDS_LIKE_SENTENCE.test(text)) {
    return undefined;
  }

  const numbered = NUMBERED.exec(text);
  if (numbered?.[1] !== undefined) return numbered[1].split('.').length;
  if (TOP_KEYWORD.test(text)) return 1;
  if (SECTION_KEYWORD.test(text)) return 2;

  const letters = text.match(LETTER)?.length ?? 0;
  if (letters >= 3 && !LOWER_CASE.test(text)) return 1;
  return undefined;
}
