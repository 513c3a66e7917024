/**
 * Loader for retsinformation.dk exports: JSON Lines, one act per line, plain or
 * gzip (told apart by the gzip magic bytes, not by the name).
 *
 * Behaviour on bad input, each a `skipped` event naming file and line, after
 * which loading goes on (or, for a damaged gzip stream, ends):
 * - line that is not JSON: `ERR_INGEST_BAD_JSON`;
 * - record without `id`, `title` or `provisions` (or a provision without
 *   `content`/`section`): `ERR_INGEST_BAD_RECORD`, naming the field;
 * - record with no provisions (58 % of the full corpus): `ERR_INGEST_EMPTY`;
 * - line with invalid UTF-8: `ERR_INGEST_BAD_UTF8` with the byte column; the
 *   line is skipped, not repaired, since a replaced byte could change a citation;
 * - line longer than the limit (see `LoadOptions.maxLineBytes`, default 64 MiB):
 *   `ERR_INGEST_TOO_LARGE`, without ever holding the line in memory;
 * - truncated or corrupt gzip: every complete line before the damage is
 *   loaded, then `ERR_INGEST_BAD_GZIP` names the last line read.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { LoadEvent } from '../../types.js';
import { documentEvent, errorMessage, skippedEvent, systemCode } from '../events.js';
import { readHead } from '../head.js';
import { readLines, type LineEvent } from '../lines.js';
import type { Loader, LoadOptions } from '../loader.js';
import { firstInvalidUtf8 } from '../utf8.js';
import { recordToDocument } from './retsinformation-record.js';

/** Default limit for one line (one act). The longest act in the corpus is ~6 MB. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

const READ_CHUNK_BYTES = 256 * 1024;
const JSON_LINES_NAME = /\.(?:jsonl|ndjson)(?:\.gz)?$/i;
/** A plain export starts with its first record's id. */
const RECORD_HEAD = /^\s*\{\s*"id"\s*:/;

/** True when `head` starts with the gzip magic bytes `1f 8b`. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Reads retsinformation JSON Lines: `.jsonl`, `.jsonl.gz`, `.ndjson`, or content like them. */
export const retsinformationLoader: Loader = {
  name: 'retsinformation',
  accepts(path: string, head: Buffer): boolean {
    if (JSON_LINES_NAME.test(path)) return true;
    return !isGzip(head) && RECORD_HEAD.test(head.toString('utf8'));
  },
  load(path: string, options?: LoadOptions): AsyncIterable<LoadEvent> {
    return loadRetsinformation(path, options);
  },
};

/** Stream the documents of one retsinformation export. */
export async function* loadRetsinformation(
  file: string,
  options: LoadOptions = {},
): AsyncGenerator<LoadEvent> {
  let gzip: boolean;
  try {
    gzip = isGzip(await readHead(file, 2));
  } catch (error) {
    yield unreadable(file, error);
    return;
  }

  const raw = createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
  const input = gzip ? pipeline(raw, createGunzip({ chunkSize: READ_CHUNK_BYTES }), () => {}) : raw;
  const maxLineBytes = options.maxLineBytes ?? options.maxBytes ?? DEFAULT_MAX_LINE_BYTES;
  const progress = options.onProgress;

  try {
    for await (const event of readLines(input as AsyncIterable<Buffer>, maxLineBytes)) {
      if (progress) progress(raw.bytesRead);
      if (event.kind === 'error') {
        yield* streamFailed(file, event, gzip, options);
        return;
      }
      if (event.kind === 'too-large') {
        yield skippedEvent(
          'ERR_INGEST_TOO_LARGE',
          `${file}:${event.line}: line is ${event.bytes} bytes, over the limit of ${maxLineBytes}`,
          file,
          event.line,
        );
        continue;
      }
      const result = lineToEvent(event.bytes, file, event.line, options);
      if (result) yield result;
    }
  } finally {
    raw.destroy();
    input.destroy();
  }
}

/** The event for one complete line; undefined for a blank line. */
function lineToEvent(
  bytes: Buffer,
  file: string,
  line: number,
  options: LoadOptions,
): LoadEvent | undefined {
  if (isBlank(bytes)) return undefined;

  const invalid = firstInvalidUtf8(bytes);
  if (invalid !== -1) {
    return skippedEvent(
      'ERR_INGEST_BAD_UTF8',
      `${file}:${line}: invalid UTF-8 at byte ${invalid + 1} of the line; line skipped`,
      file,
      line,
    );
  }

  let record: unknown;
  try {
    record = JSON.parse(stripBom(bytes.toString('utf8')));
  } catch (error) {
    // V8's message quotes the line's text; keep only where it broke, since
    // document text must not travel into summaries and logs.
    const position = /position (\d+)/u.exec(errorMessage(error))?.[1];
    const where = position === undefined ? 'not valid JSON' : `not valid JSON at character ${position}`;
    return skippedEvent('ERR_INGEST_BAD_JSON', `${file}:${line}: ${where}`, file, line);
  }

  const context =
    options.tenant === undefined ? { file, line } : { file, line, tenant: options.tenant };
  const result = recordToDocument(record, context);
  if (result.kind === 'document') return documentEvent(result.document);
  if (result.kind === 'empty') return skippedEvent('ERR_INGEST_EMPTY', result.message, file, line);
  const field = result.field === '' ? '' : ` (field ${result.field})`;
  const message = `${file}:${line}: ${result.message}${field}`;
  return skippedEvent('ERR_INGEST_BAD_RECORD', message, file, line);
}

/**
 * Events for a stream that failed after `linesRead` lines. A last line the
 * failure cut off is loaded only when it is still a whole record (the damage fell
 * right before its newline).
 */
function* streamFailed(
  file: string,
  event: Extract<LineEvent, { kind: 'error' }>,
  gzip: boolean,
  options: LoadOptions,
): Generator<LoadEvent> {
  let linesRead = event.linesRead;
  if (event.partial.length > 0 && isWholeRecord(event.partial)) {
    linesRead += 1;
    const result = lineToEvent(event.partial, file, linesRead, options);
    if (result) yield result;
  }

  const code = systemCode(event.error);
  if (gzip && (code === undefined || code.startsWith('Z_'))) {
    yield skippedEvent(
      'ERR_INGEST_BAD_GZIP',
      `${file}: gzip stream is corrupt or truncated after line ${linesRead} ` +
        `(${errorMessage(event.error)}); the rest of the file was not read`,
      file,
      linesRead,
    );
    return;
  }
  yield skippedEvent(
    'ERR_INGEST_UNREADABLE',
    `${file}: read failed after line ${linesRead}: ${errorMessage(event.error)}`,
    file,
    linesRead,
  );
}

function isWholeRecord(bytes: Buffer): boolean {
  if (firstInvalidUtf8(bytes) !== -1) return false;
  try {
    JSON.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

function unreadable(file: string, error: unknown): LoadEvent {
  if (systemCode(error) === 'ENOENT') {
    return skippedEvent('ERR_INGEST_NOT_FOUND', `${file}: no such file`, file);
  }
  return skippedEvent('ERR_INGEST_UNREADABLE', `${file}: ${errorMessage(error)}`, file);
}

function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
