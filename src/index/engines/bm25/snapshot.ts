/**
 * The engine's snapshot file: a JSON header, the term dictionary, and the
 * typed arrays back to back, each aligned to 8 bytes so loading is a read
 * and a set of views, with no per-posting work. Written to a temporary file
 * and renamed, so a crash leaves the previous snapshot intact.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { LexhopError } from '../../../errors.js';
import { PostingList } from './postings.js';

const MAGIC = 'LEXHOPBM25';
const FORMAT = 1;

export interface SnapshotContent {
  appliedSeq: number;
  postings: Map<string, PostingList>;
  titleLengths: Uint16Array;
  bodyLengths: Uint16Array;
  live: Uint8Array;
}

interface Header {
  magic: string;
  format: number;
  appliedSeq: number;
  terms: number;
  postings: number;
  slots: number;
  dictionaryBytes: number;
}

function padding(offset: number): number {
  return (8 - (offset % 8)) % 8;
}

/** Writes `content` to `file` atomically. */
export function writeSnapshot(file: string, content: SnapshotContent): void {
  const terms = [...content.postings.keys()];
  let total = 0;
  for (const list of content.postings.values()) total += list.length;
  const offsets = new Uint32Array(terms.length + 1);
  const ids = new Uint32Array(total);
  const frequencies = new Uint16Array(total);
  let at = 0;
  terms.forEach((term, i) => {
    const list = content.postings.get(term) as PostingList;
    offsets[i] = at;
    ids.set(list.ids.subarray(0, list.length), at);
    frequencies.set(list.frequencies.subarray(0, list.length), at);
    at += list.length;
  });
  offsets[terms.length] = at;
  const slots = content.live.length;
  const fit = (values: Uint16Array): Uint16Array => {
    const out = new Uint16Array(slots);
    out.set(values.subarray(0, Math.min(values.length, slots)));
    return out;
  };

  const dictionary = Buffer.from(terms.join('\n'), 'utf8');
  const header: Header = {
    magic: MAGIC, format: FORMAT, appliedSeq: content.appliedSeq, terms: terms.length,
    postings: total, slots, dictionaryBytes: dictionary.length,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const parts: ArrayBufferView[] = [
    Buffer.from(headerBytes.length.toString(16).padStart(8, '0'), 'ascii'), headerBytes,
    dictionary, offsets, ids, frequencies, fit(content.titleLengths), fit(content.bodyLengths),
    content.live.subarray(0, slots),
  ];

  const temporary = `${file}.tmp-${process.pid}`;
  const fd = openSync(temporary, 'w');
  try {
    let offset = 0;
    for (const [index, part] of parts.entries()) {
      // The first three parts are text; arrays start on 8-byte boundaries.
      if (index >= 3) {
        const pad = padding(offset);
        if (pad > 0) writeSync(fd, Buffer.alloc(pad));
        offset += pad;
      }
      const bytes = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
      writeSync(fd, bytes);
      offset += bytes.length;
    }
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/** Reads a snapshot, or undefined when there is none. Throws ERR_INDEX_CORRUPT. */
export function readSnapshot(file: string): SnapshotContent | undefined {
  if (!existsSync(file)) return undefined;
  const raw = readFileSync(file);
  // Views need aligned offsets; a fresh ArrayBuffer guarantees offset 0.
  const buffer = raw.byteOffset % 8 === 0 ? raw : Buffer.from(raw);
  const corrupt = (why: string): LexhopError =>
    new LexhopError('ERR_INDEX_CORRUPT', `index snapshot ${file} is corrupt: ${why}`, { file });
  const headerLength = Number.parseInt(buffer.subarray(0, 8).toString('ascii'), 16);
  if (!Number.isFinite(headerLength) || headerLength <= 0 || headerLength > buffer.length) {
    throw corrupt('bad header length');
  }
  let header: Header;
  try {
    header = JSON.parse(buffer.subarray(8, 8 + headerLength).toString('utf8')) as Header;
  } catch {
    throw corrupt('bad header');
  }
  if (header.magic !== MAGIC || header.format !== FORMAT) throw corrupt('unknown format');

  let offset = 8 + headerLength;
  const dictionary = buffer.subarray(offset, offset + header.dictionaryBytes).toString('utf8');
  offset += header.dictionaryBytes;
  const base = buffer.buffer;
  const start = buffer.byteOffset;
  const view = <T>(make: (b: ArrayBufferLike, o: number, n: number) => T, n: number, size: number): T => {
    offset += padding(offset);
    if (offset + n * size > buffer.length) throw corrupt('truncated');
    const result = make(base, start + offset, n);
    offset += n * size;
    return result;
  };
  const offsets = view((b, o, n) => new Uint32Array(b, o, n), header.terms + 1, 4);
  const ids = view((b, o, n) => new Uint32Array(b, o, n), header.postings, 4);
  const frequencies = view((b, o, n) => new Uint16Array(b, o, n), header.postings, 2);
  const titleLengths = view((b, o, n) => new Uint16Array(b, o, n), header.slots, 2);
  const bodyLengths = view((b, o, n) => new Uint16Array(b, o, n), header.slots, 2);
  const live = view((b, o, n) => new Uint8Array(b, o, n), header.slots, 1);

  const terms = header.terms === 0 ? [] : dictionary.split('\n');
  if (terms.length !== header.terms) throw corrupt('dictionary size');
  const postings = new Map<string, PostingList>();
  terms.forEach((term, i) => {
    const from = offsets[i] as number;
    const to = offsets[i + 1] as number;
    postings.set(term, PostingList.over(ids.subarray(from, to), frequencies.subarray(from, to)));
  });
  return {
    appliedSeq: header.appliedSeq, postings,
    titleLengths: new Uint16Array(titleLengths), bodyLengths: new Uint16Array(bodyLengths),
    live: new Uint8Array(live),
  };
}
