/**
 * Chunking of plain-text and Markdown documents: sections between headings,
 * paragraphs (split at blank lines) packed into chunks of about a target size.
 * A chunk never runs across a heading; a heading starts the chunk of its
 * section. Spans point into the document text exactly as loaded.
 */
import type { Chunk, SourceDocument } from '../../types.js';
import { findHeadings, type Heading, lines } from './headings.js';
import { trimmed } from './spans.js';
import { splitLongPart } from './split.js';

/** Options of the plain-text and Markdown chunker. */
export interface GenericChunkOptions {
  /** Paragraphs are packed into a chunk while it stays within this many characters. Default 600. */
  targetChars?: number;
  /**
   * A single paragraph up to this many characters stays one chunk; a longer one
   * is split at sentence ends into pieces of at most `targetChars`. Default 1,200.
   */
  maxChars?: number;
}

export const DEFAULT_TARGET_CHARS = 600;
export const DEFAULT_MAX_CHARS = 1200;

/** The heading path separator, as in `3. Confidentiality > 3.2 Exceptions`. */
const PATH_SEPARATOR = ' > ';

interface Section {
  start: number;
  end: number;
  /** Headings from the top level down to this section's own. */
  path: string[];
}

/** Chunks of a text or Markdown document, in document order. */
export function chunkGeneric(document: SourceDocument, options: GenericChunkOptions = {}): Chunk[] {
  const target = options.targetChars ?? DEFAULT_TARGET_CHARS;
  const max = Math.max(options.maxChars ?? DEFAULT_MAX_CHARS, target);
  const text = document.text;
  const syntax = document.docType === 'markdown' ? 'markdown' : 'text';
  const chunks: Chunk[] = [];

  for (const section of sections(text, findHeadings(text, syntax), document.title)) {
    const heading = section.path.length > 0 ? section.path.join(PATH_SEPARATOR) : undefined;
    const citation =
      heading === undefined ? document.title : `${document.title}${PATH_SEPARATOR}${heading}`;
    for (const [start, end] of packParagraphs(text, section, target, max)) {
      const chunk: Chunk = {
        documentKey: document.key,
        ordinal: chunks.length,
        start,
        end,
        text: text.slice(start, end),
        citation,
      };
      if (heading !== undefined) chunk.heading = heading;
      chunks.push(chunk);
    }
  }
  return chunks;
}

/**
 * Sections between headings, each with its heading path. The heading the
 * document's title came from is left out of the paths: the citation starts
 * with the title already.
 */
function sections(text: string, headings: Heading[], title: string): Section[] {
  const result: Section[] = [];
  const first = headings[0];
  if (first === undefined || first.start > 0) {
    result.push({ start: 0, end: first?.start ?? text.length, path: [] });
  }

  const titleEntry = titleHeading(headings, title);
  const stack: Heading[] = [];
  for (const [index, heading] of headings.entries()) {
    while ((stack[stack.length - 1]?.level ?? 0) >= heading.level) stack.pop();
    stack.push(heading);
    const path = stack.filter((entry) => entry !== titleEntry).map((entry) => entry.text);
    result.push({ start: heading.start, end: headings[index + 1]?.start ?? text.length, path });
  }
  return result;
}

/** The first heading when the document's title was taken from it. */
function titleHeading(headings: Heading[], title: string): Heading | undefined {
  const first = headings[0];
  return first !== undefined && first.text === title ? first : undefined;
}

/** Chunk spans of one section: its paragraphs packed up to `target` characters. */
function packParagraphs(
  text: string,
  section: Section,
  target: number,
  max: number,
): [number, number][] {
  const spans: [number, number][] = [];
  let current: [number, number] | undefined;
  const flush = (): void => {
    if (current !== undefined) spans.push(current);
    current = undefined;
  };

  for (const [start, end] of paragraphs(text, section.start, section.end)) {
    if (end - start > max) {
      flush();
      for (const piece of splitLongPart(text, start, end, target, false)) {
        spans.push([piece.start, piece.end]);
      }
      continue;
    }
    if (current !== undefined && end - current[0] <= target) {
      current[1] = end;
      continue;
    }
    flush();
    current = [start, end];
  }
  flush();
  return spans;
}

/** Paragraphs of `[from, to)`: runs of non-blank lines, whitespace trimmed. */
function paragraphs(text: string, from: number, to: number): [number, number][] {
  const result: [number, number][] = [];
  let start: number | undefined;
  let end = from;

  for (const line of lines(text.slice(from, to))) {
    const blank = line.text.trim() === '';
    if (blank && start !== undefined) {
      result.push(trimmed(text, start, end));
      start = undefined;
    } else if (!blank) {
      start ??= from + line.start;
      end = from + line.end;
    }
  }
  if (start !== undefined) result.push(trimmed(text, start, end));
  return result.filter(([s, e]) => e > s);
}
