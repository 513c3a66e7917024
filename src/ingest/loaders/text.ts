/**
 * Loader for plain text (`.txt`) and Markdown (`.md`, `.markdown`) files: one
 * document per file.
 *
 * The document text is the file exactly as decoded, so chunk spans point at
 * the file's own characters: nothing is normalized. Only a leading UTF-8 byte
 * order mark is dropped; offsets count from the first character after it.
 *
 * Refused, each as a `skipped` event naming the file:
 * - larger than `maxBytes` (default 256 MiB): `ERR_INGEST_TOO_LARGE`;
 * - NUL bytes or mostly control characters in the first 8 KB: `ERR_INGEST_BINARY`;
 * - invalid UTF-8 (or UTF-16): `ERR_INGEST_BAD_UTF8`, with line and column;
 * - empty or only whitespace: `ERR_INGEST_EMPTY`.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isBlank } from '../../analyze/normalize.js';
import type { Language, LoadEvent, SourceDocument } from '../../types.js';
import { findHeadings } from '../chunk/headings.js';
import { documentEvent, errorMessage, skippedEvent, systemCode } from '../events.js';
import type { Loader, LoadOptions } from '../loader.js';
import { firstInvalidUtf8, lineAndColumn } from '../utf8.js';

/** Default limit for one text file. */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

const MARKDOWN_NAME = /\.(?:md|markdown)$/i;
const TEXT_NAME = /\.txt$/i;
const SNIFF_BYTES = 8192;
/** Above this share of control characters in the first 8 KB, a file is binary. */
const MAX_CONTROL_SHARE = 0.1;
const LANGUAGE_SAMPLE_CHARS = 20_000;
/** Tab, line feed, form feed, carriage return: control characters text files do hold. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d]);

const DANISH_WORDS = new Set([
  'og', 'det', 'er', 'til', 'af', 'at', 'en', 'som', 'med', 'på', 'ikke', 'den', 'der',
  'skal', 'kan', 'har', 'eller', 'efter', 'fra', 'ved', 'være', 'aftale', 'parterne',
]);
const ENGLISH_WORDS = new Set([
  'the', 'and', 'of', 'to', 'is', 'in', 'that', 'shall', 'be', 'by', 'with', 'this',
  'not', 'or', 'any', 'are', 'on', 'as', 'agreement', 'party', 'which', 'will',
]);

/** Reads `.txt`, `.md` and `.markdown` files. */
export const textLoader: Loader = {
  name: 'text',
  accepts(file: string): boolean {
    return MARKDOWN_NAME.test(file) || TEXT_NAME.test(file);
  },
  load(file: string, options?: LoadOptions): AsyncIterable<LoadEvent> {
    return loadText(file, options);
  },
};

/** Load one text or Markdown file as one document (or one `skipped` event). */
export async function* loadText(
  file: string,
  options: LoadOptions = {},
): AsyncGenerator<LoadEvent> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.size > maxBytes) {
      const message = `${file}: ${info.size} bytes, over the limit of ${maxBytes}`;
      yield skippedEvent('ERR_INGEST_TOO_LARGE', message, file);
      return;
    }
    bytes = await readFile(file);
  } catch (error) {
    const code = systemCode(error) === 'ENOENT' ? 'ERR_INGEST_NOT_FOUND' : 'ERR_INGEST_UNREADABLE';
    yield skippedEvent(code, `${file}: ${errorMessage(error)}`, file);
    return;
  }
  options.onProgress?.(bytes.length);

  const decoded = decode(bytes, file);
  if (typeof decoded !== 'string') {
    yield decoded;
    return;
  }
  if (isBlank(decoded)) {
    yield skippedEvent('ERR_INGEST_EMPTY', `${file}: file is empty or only whitespace`, file);
    return;
  }
  yield documentEvent(textDocument(file, decoded, options));
}

/** The file's text, or the event that says why it has none. */
function decode(bytes: Buffer, file: string): string | LoadEvent {
  if (isUtf16(bytes)) {
    return skippedEvent('ERR_INGEST_BAD_UTF8', `${file}: file is UTF-16; save it as UTF-8`, file);
  }
  if (looksBinary(bytes)) {
    return skippedEvent('ERR_INGEST_BINARY', `${file}: file looks binary, not text`, file);
  }
  try {
    // `ignoreBOM: false` (the default) drops a leading byte order mark.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const { line, column } = lineAndColumn(bytes, Math.max(0, firstInvalidUtf8(bytes)));
    return skippedEvent(
      'ERR_INGEST_BAD_UTF8',
      `${file}:${line}: invalid UTF-8 at byte ${column} of line ${line}`,
      file,
      line,
    );
  }
}

function textDocument(file: string, text: string, options: LoadOptions): SourceDocument {
  const markdown = MARKDOWN_NAME.test(file);
  const root = options.root ?? path.dirname(file);
  const relative = path.relative(root, file).split(path.sep).join('/');
  const key = `file:${relative}`;
  const document: SourceDocument = {
    key,
    family: key,
    title: (markdown ? findHeadings(text, 'markdown')[0]?.text : undefined) ?? baseName(file),
    docType: markdown ? 'markdown' : 'text',
    language: detectLanguage(text),
    source: { file },
    text,
  };
  if (options.tenant !== undefined) document.tenant = options.tenant;
  return document;
}

/** `docs/aftale.v2.md` → `aftale.v2`. */
function baseName(file: string): string {
  const name = path.basename(file);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function isUtf16(bytes: Buffer): boolean {
  const [first, second] = [bytes[0], bytes[1]];
  return (first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff);
}

/** NUL bytes, or many control characters other than tab, line breaks and form feed. */
function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (sample.includes(0)) return true;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0x7f || (byte < 0x20 && !TEXT_CONTROLS.has(byte))) control += 1;
  }
  return sample.length > 0 && control / sample.length > MAX_CONTROL_SHARE;
}

/**
 * Danish or English by counts of common words in the first 20,000 characters;
 * Danish letters (æ, ø, å) count for Danish. A tie is Danish, lexhop's home language.
 */
export function detectLanguage(text: string): Language {
  let danish = 0;
  let english = 0;
  for (const match of text.slice(0, LANGUAGE_SAMPLE_CHARS).toLowerCase().matchAll(/\p{L}+/gu)) {
    const word = match[0];
    if (DANISH_WORDS.has(word)) danish += 1;
    else if (ENGLISH_WORDS.has(word)) english += 1;
    else if (/[æøå]/u.test(word)) danish += 0.5;
  }
  return english > danish ? 'en' : 'da';
}
