import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { chunkDocument } from '../../src/ingest/chunk/index.js';
import {
  loadRetsinformation,
  retsinformationLoader,
} from '../../src/ingest/loaders/retsinformation.js';
import { docTypeOf } from '../../src/ingest/loaders/retsinformation-record.js';
import { collect, documentsOf, jsonLines, record, skippedOf, tempDir } from './helpers.js';

const PROVISIONS = [
  {
    chapter: '1',
    section: '1',
    content: '§ 1. Loven gælder for leje. Stk. 2. Den gælder ikke for ferieboliger.',
  },
  { chapter: '1', section: '1a', content: '§ 1 a. Lejeren kan\u00A0opsige\u200B aftalen.' },
];

/**
 * Pseudo-random Danish-looking words: deflate cannot shrink them much, so a cut
 * gzip still holds whole lines.
 */
function words(seed: number, count: number): string {
  const vocabulary = [
    'lejer', 'udlejer', 'opsigelse', 'varsel', 'bolig', 'aftale', 'ret', 'pligt', 'frist', 'skriv',
  ];
  let state = seed;
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out.push(`${vocabulary[state % vocabulary.length]}${state % 997}`);
  }
  return out.join(' ');
}

describe('retsinformation loader: documents', () => {
  it('reads a plain .jsonl file into documents with exact provision spans', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'laws.jsonl');
    const title = 'Bekendtgørelse af lov om rettens pleje';
    await writeFile(file, jsonLines([record('2024:1', PROVISIONS, title)]));

    const [document, ...rest] = documentsOf(await collect(loadRetsinformation(file)));
    assert.equal(rest.length, 0);
    assert.ok(document);
    assert.equal(document.key, 'dk:2024:1');
    assert.equal(document.title, 'Bekendtgørelse af lov om rettens pleje');
    assert.equal(document.shortTitle, 'Retsplejeloven');
    assert.equal(document.family, 'lov om rettens pleje');
    assert.equal(document.docType, 'LOV');
    assert.equal(document.language, 'da');
    assert.equal(document.issuedDate, '2024-01-02');
    assert.equal(document.status, 'in_force');
    assert.deepEqual(document.source, { file, line: 1 });
    assert.equal(
      document.text,
      '§ 1. Loven gælder for leje. Stk. 2. Den gælder ikke for ferieboliger.\n\n' +
        '§ 1 a. Lejeren kan opsige aftalen.',
    );
    const [first, second] = document.provisions ?? [];
    assert.deepEqual(first, { ref: '1:1', chapter: '1', section: '1', start: 0, end: 69 });
    assert.ok(second);
    const secondText = document.text.slice(second.start, second.end);
    assert.equal(secondText, '§ 1 a. Lejeren kan opsige aftalen.');
    assert.equal(second.section, '1a');
  });

  it('detects gzip by its magic bytes, not by the file name', async () => {
    const dir = await tempDir();
    const lines = jsonLines([record('2024:1', PROVISIONS), record('2024:2', PROVISIONS)]);
    const gzipNamedPlain = path.join(dir, 'laws.jsonl');
    const plainNamedGzip = path.join(dir, 'laws.jsonl.gz');
    await writeFile(gzipNamedPlain, gzipSync(lines));
    await writeFile(plainNamedGzip, lines);

    for (const file of [gzipNamedPlain, plainNamedGzip]) {
      const documents = documentsOf(await collect(loadRetsinformation(file)));
      assert.deepEqual(documents.map((d) => d.key), ['dk:2024:1', 'dk:2024:2'], file);
    }
  });

  it('accepts .jsonl, .jsonl.gz, .ndjson and record-like content; not other files', () => {
    const head = Buffer.from('{"id": "2019:775", "title": "Bekendtgørelse af');
    assert.ok(retsinformationLoader.accepts('a/b.jsonl.gz', Buffer.from([0x1f, 0x8b])));
    assert.ok(retsinformationLoader.accepts('a/b.ndjson', Buffer.alloc(0)));
    assert.ok(retsinformationLoader.accepts('a/export.dat', head));
    assert.ok(!retsinformationLoader.accepts('a/notes.txt', Buffer.from('Hello')));
  });

  it('handles CRLF line ends, a BOM and blank lines', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'crlf.jsonl');
    const lines = [record('2024:1', PROVISIONS), record('2024:2', PROVISIONS)].map((r) =>
      JSON.stringify(r),
    );
    await writeFile(file, `\uFEFF${lines[0]}\r\n\r\n${lines[1]}\r\n`);

    const events = await collect(loadRetsinformation(file));
    assert.deepEqual(skippedOf(events), []);
    const found = documentsOf(events).map((d) => [d.key, d.source.line]);
    assert.deepEqual(found, [['dk:2024:1', 1], ['dk:2024:2', 3]]);
  });

  it('maps long document type names to their codes', () => {
    assert.equal(docTypeOf('LBK H#LOKDOK03', 'x'), 'LBK');
    assert.equal(docTypeOf('Lovbekendtgørelse  ', 'x'), 'LBK');
    assert.equal(docTypeOf('Bekendtgørelse', 'x'), 'BEK');
    assert.equal(docTypeOf('Ikrafttræd. anordning', 'x'), 'AND');
    assert.equal(docTypeOf('BEK 1004/2024', 'x'), 'BEK');
    assert.equal(docTypeOf(null, 'U.2024.1004H'), 'unknown');
  });

  it('gives amending acts their own family, not the title they share', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'amend.jsonl');
    const title = 'Lov om ændring af lov om rettens pleje';
    const records = [record('2020:1', PROVISIONS, title), record('2021:1', PROVISIONS, title)];
    await writeFile(file, jsonLines(records));
    const documents = documentsOf(await collect(loadRetsinformation(file)));
    assert.deepEqual(documents.map((d) => d.family), ['dk:2020:1', 'dk:2021:1']);
  });
});

describe('retsinformation loader: dirty input', () => {
  it('skips an invalid JSON line with file and line, and loads the lines around it', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'broken.jsonl');
    const good = jsonLines([record('2024:1', PROVISIONS)]);
    const cut = '{"id": "2024:2", "title": "Lov om x", "provisions": [\n';
    await writeFile(file, `${good}${cut}${jsonLines([record('2024:3', PROVISIONS)])}`);

    const events = await collect(loadRetsinformation(file));
    assert.deepEqual(documentsOf(events).map((d) => d.key), ['dk:2024:1', 'dk:2024:3']);
    const [skipped] = skippedOf(events);
    assert.equal(skipped?.code, 'ERR_INGEST_BAD_JSON');
    assert.deepEqual(skipped?.source, { file, line: 2 });
    assert.equal(events[1]?.kind, 'skipped', 'the skip comes in line order');
  });

  it('names the missing field of a bad record', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'bad.jsonl');
    const noTitle = { ...record('2024:1', PROVISIONS), title: undefined };
    const noContent = record('2024:2', [{ section: '1', content: 'x' }]);
    (noContent.provisions as Record<string, unknown>[])[0]!.content = 7;
    await writeFile(file, jsonLines([noTitle, noContent, [1, 2]]));

    const skipped = skippedOf(await collect(loadRetsinformation(file)));
    assert.deepEqual(skipped.map((s) => [s.code, s.source.line]), [
      ['ERR_INGEST_BAD_RECORD', 1],
      ['ERR_INGEST_BAD_RECORD', 2],
      ['ERR_INGEST_BAD_RECORD', 3],
    ]);
    assert.match(skipped[0]?.message ?? '', /bad\.jsonl:1: .*"title".*\(field title\)/);
    assert.match(skipped[1]?.message ?? '', /field provisions\[0\]\.content/);
  });

  // Regression: `"issued_date": "2023-13-45"` was stored and took part in date filters.
  it('refuses an issue date that is no calendar date, and keeps the good records', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'dates.jsonl');
    const dated = (id: string, issued: unknown): Record<string, unknown> =>
      ({ ...record(id, PROVISIONS), issued_date: issued });
    await writeFile(file, jsonLines([
      dated('2024:1', '2023-13-45'), dated('2024:2', 'hello'), dated('2024:3', 20240101),
      dated('2024:4', '2024-02-29'), dated('2024:5', null),
    ]));

    const events = await collect(loadRetsinformation(file));
    assert.deepEqual(skippedOf(events).map((s) => [s.code, s.source.line]), [
      ['ERR_INGEST_BAD_RECORD', 1], ['ERR_INGEST_BAD_RECORD', 2], ['ERR_INGEST_BAD_RECORD', 3],
    ]);
    assert.match(skippedOf(events)[0]?.message ?? '', /"issued_date" must be a date.*2023-13-45.*\(field issued_date\)/);
    assert.deepEqual(documentsOf(events).map((d) => [d.key, d.issuedDate]),
      [['dk:2024:4', '2024-02-29'], ['dk:2024:5', undefined]]);
  });

  it('counts a document without provisions as skipped (ERR_INGEST_EMPTY), cheaply', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'empty.jsonl');
    const onlyStyling = [{ section: '1', content: 'border-top: 0pt none #000000; \u200B' }];
    const records = [
      record('2024:1', []),
      record('2024:2', onlyStyling),
      record('2024:3', PROVISIONS),
    ];
    await writeFile(file, jsonLines(records));

    const events = await collect(loadRetsinformation(file));
    assert.deepEqual(skippedOf(events).map((s) => [s.code, s.source.line]), [
      ['ERR_INGEST_EMPTY', 1],
      ['ERR_INGEST_EMPTY', 2],
    ]);
    assert.match(skippedOf(events)[0]?.message ?? '', /dk:2024:1 has no provisions/);
    assert.equal(documentsOf(events).length, 1);
  });

  it('skips a line with invalid UTF-8, naming file, line and byte', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'latin1.jsonl');
    const line = JSON.stringify(record('2024:2', PROVISIONS)).replace('Loven', 'L\u0000ven');
    const bad = Buffer.from(line);
    bad[bad.indexOf(0)] = 0xf8; // a byte that never occurs in UTF-8
    const good = Buffer.from(jsonLines([record('2024:1', PROVISIONS)]));
    await writeFile(file, Buffer.concat([good, bad, Buffer.from('\n')]));

    const events = await collect(loadRetsinformation(file));
    assert.deepEqual(documentsOf(events).map((d) => d.key), ['dk:2024:1']);
    const [skipped] = skippedOf(events);
    assert.equal(skipped?.code, 'ERR_INGEST_BAD_UTF8');
    assert.deepEqual(skipped?.source, { file, line: 2 });
    const byte = bad.indexOf(0xf8) + 1;
    const message = new RegExp(`latin1\\.jsonl:2: invalid UTF-8 at byte ${byte}`);
    assert.match(skipped?.message ?? '', message);
  });

  it('loads each whole document of a truncated gzip, then says ERR_INGEST_BAD_GZIP', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'cut.jsonl.gz');
    const records = Array.from({ length: 20 }, (_, i) =>
      record(`2024:${i + 1}`, [{ section: '1', content: `§ 1. ${words(i + 1, 3000)}` }]),
    );
    const whole = gzipSync(jsonLines(records));
    await writeFile(file, whole.subarray(0, Math.floor(whole.length * 0.6)));

    const events = await collect(loadRetsinformation(file));
    const documents = documentsOf(events);
    assert.ok(documents.length >= 5 && documents.length < 20, `${documents.length} documents`);
    documents.forEach((document, index) => {
      assert.equal(document.key, `dk:2024:${index + 1}`);
      assert.equal(document.text, `§ 1. ${words(index + 1, 3000)}`);
    });
    const last = events[events.length - 1];
    assert.equal(last?.kind, 'skipped');
    assert.equal(last.skipped.code, 'ERR_INGEST_BAD_GZIP');
    assert.deepEqual(last.skipped.source, { file, line: documents.length });
    const after = new RegExp(`cut\\.jsonl\\.gz: .*after line ${documents.length}`);
    assert.match(last.skipped.message, after);
  });

  it('reports a gzip corrupted in the middle as ERR_INGEST_BAD_GZIP, not a crash', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'corrupt.jsonl.gz');
    const records = Array.from({ length: 10 }, (_, i) =>
      record(`2024:${i}`, [{ section: '1', content: words(i, 2000) }]),
    );
    const bytes = Buffer.from(gzipSync(jsonLines(records)));
    bytes.fill(0xff, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 64);
    await writeFile(file, bytes);

    const events = await collect(loadRetsinformation(file));
    assert.equal(skippedOf(events).at(-1)?.code, 'ERR_INGEST_BAD_GZIP');
    assert.ok(documentsOf(events).length < 10);
  });

  it('reports a missing file as ERR_INGEST_NOT_FOUND', async () => {
    const events = await collect(loadRetsinformation('/nonexistent/lexhop/laws.jsonl.gz'));
    assert.deepEqual(skippedOf(events).map((s) => s.code), ['ERR_INGEST_NOT_FOUND']);
  });
});

describe('retsinformation loader: a 50 MB provision', () => {
  const SIZE = 50 * 1024 * 1024;

  async function writeHugeLine(file: string): Promise<void> {
    const out = createWriteStream(file);
    const head = JSON.stringify(record('2024:1', [{ section: '1', content: 'PLACEHOLDER' }]));
    const [before, after] = head.split('PLACEHOLDER');
    out.write(`${before}§ 1. `);
    const sentence = 'Udlejeren skal give lejeren skriftligt varsel om ændringen, jf. § 3. ';
    const block = sentence.repeat(Math.ceil(1_000_000 / sentence.length));
    for (let written = 0; written < SIZE; written += block.length) {
      if (!out.write(block)) await once(out, 'drain');
    }
    out.write(`${after}\n${jsonLines([record('2024:2', PROVISIONS)])}`);
    out.end();
    await once(out, 'finish');
  }

  it('loads it under the default limit, skips it (ERR_INGEST_TOO_LARGE) under 10 MB', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'huge.jsonl');
    await writeHugeLine(file);

    const loaded = await collect(loadRetsinformation(file));
    const [huge, small] = documentsOf(loaded);
    assert.ok(huge && small);
    assert.ok(huge.text.length > SIZE, `${huge.text.length} chars`);
    assert.equal(small.key, 'dk:2024:2');

    // It chunks into pieces of at most ~2,000 characters, cut between words.
    const started = performance.now();
    const chunks = chunkDocument(huge);
    const ms = performance.now() - started;
    assert.ok(chunks.length > 25_000, `${chunks.length} chunks`);
    assert.ok(ms < 20_000, `chunking took ${ms.toFixed(0)} ms`);
    for (const chunk of chunks) {
      const size = chunk.end - chunk.start;
      assert.ok(size <= 2000, `chunk ${chunk.ordinal} has ${size} chars`);
      const atWordStart = chunk.start === 0 || huge.text[chunk.start - 1] === ' ';
      assert.ok(atWordStart, `chunk ${chunk.ordinal} starts inside a word`);
      assert.ok(huge.text[chunk.end] === ' ' || chunk.end === huge.text.length);
    }
    assert.equal(chunks[1]?.citation, 'Lov om prøve 2024:1 § 1');

    const limited = await collect(loadRetsinformation(file, { maxLineBytes: 10 * 1024 * 1024 }));
    assert.deepEqual(documentsOf(limited).map((d) => d.key), ['dk:2024:2']);
    const [skipped] = skippedOf(limited);
    assert.equal(skipped?.code, 'ERR_INGEST_TOO_LARGE');
    assert.deepEqual(skipped?.source, { file, line: 1 });
    const message = /huge\.jsonl:1: line is \d+ bytes, over the limit of 10485760/;
    assert.match(skipped?.message ?? '', message);
  });
});
