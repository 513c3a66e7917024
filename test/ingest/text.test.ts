import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { detectLanguage, loadText, textLoader } from '../../src/ingest/loaders/text.js';
import { collect, documentsOf, skippedOf, tempDir } from './helpers.js';

describe('text loader', () => {
  it('loads Markdown exactly as written, titled by its first heading', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'aftale.md');
    const content =
      'Indledning uden overskrift.\r\n\r\n# Fortrolighedsaftale\r\n\r\n' +
      'Parterne  skal\u00A0holde det fortroligt.\r\n';
    await writeFile(file, content);

    const [document] = documentsOf(await collect(loadText(file, { root: dir, tenant: 'acme' })));
    assert.ok(document);
    assert.equal(document.text, content, 'text is not normalized');
    assert.equal(document.title, 'Fortrolighedsaftale');
    assert.equal(document.key, 'file:aftale.md');
    assert.equal(document.family, 'file:aftale.md');
    assert.equal(document.docType, 'markdown');
    assert.equal(document.language, 'da');
    assert.equal(document.tenant, 'acme');
    assert.deepEqual(document.source, { file });
  });

  it('titles a plain text file by its name and keys it relative to the root', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'contracts'));
    const file = path.join(dir, 'contracts', 'mutual-nda.v2.txt');
    const text = '# not a heading in text\n\nThe receiving party shall keep it secret, and use it.';
    await writeFile(file, text);

    const [document] = documentsOf(await collect(loadText(file, { root: dir })));
    assert.equal(document?.title, 'mutual-nda.v2');
    assert.equal(document?.key, 'file:contracts/mutual-nda.v2.txt');
    assert.equal(document?.docType, 'text');
    assert.equal(document?.language, 'en');
  });

  it('drops a leading BOM; offsets count from the character after it', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'bom.txt');
    await writeFile(file, '\uFEFFHej verden og det er godt');
    const [document] = documentsOf(await collect(loadText(file)));
    assert.equal(document?.text, 'Hej verden og det er godt');
  });

  it('refuses a binary file with ERR_INGEST_BINARY', async () => {
    const dir = await tempDir();
    const withNul = path.join(dir, 'image.txt');
    const controls = path.join(dir, 'controls.txt');
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d];
    await writeFile(withNul, Buffer.from(png));
    await writeFile(controls, Buffer.from('ab\x01\x02\x03\x04\x05\x06cd\x07\x08'));

    for (const file of [withNul, controls]) {
      const skipped = skippedOf(await collect(loadText(file)));
      assert.deepEqual(skipped.map((s) => [s.code, s.source.file]), [['ERR_INGEST_BINARY', file]]);
    }
  });

  it('refuses invalid UTF-8 with ERR_INGEST_BAD_UTF8, naming the line and byte', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'latin1.txt');
    const latin1 = [
      Buffer.from('Første linje\nAnden linje: K'),
      Buffer.from([0xf8]),
      Buffer.from('benhavn\n'),
    ];
    await writeFile(file, Buffer.concat(latin1));

    const [skipped] = skippedOf(await collect(loadText(file)));
    assert.equal(skipped?.code, 'ERR_INGEST_BAD_UTF8');
    assert.deepEqual(skipped?.source, { file, line: 2 });
    assert.match(skipped?.message ?? '', /latin1\.txt:2: invalid UTF-8 at byte 15 of line 2/);
  });

  it('refuses UTF-16 with a message that says so', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'utf16.txt');
    const bom = Buffer.from([0xff, 0xfe]);
    await writeFile(file, Buffer.concat([bom, Buffer.from('Hej', 'utf16le')]));
    const [skipped] = skippedOf(await collect(loadText(file)));
    assert.equal(skipped?.code, 'ERR_INGEST_BAD_UTF8');
    assert.match(skipped?.message ?? '', /UTF-16/);
  });

  it('refuses an empty or whitespace-only file with ERR_INGEST_EMPTY', async () => {
    const dir = await tempDir();
    for (const [name, content] of [['empty.md', ''], ['blank.txt', ' \n\t\r\n  ']] as const) {
      const file = path.join(dir, name);
      await writeFile(file, content);
      const codes = skippedOf(await collect(loadText(file))).map((s) => s.code);
      assert.deepEqual(codes, ['ERR_INGEST_EMPTY'], name);
    }
  });

  it('refuses a file over maxBytes with ERR_INGEST_TOO_LARGE before reading it', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'big.txt');
    await writeFile(file, 'x '.repeat(1000));
    const skipped = skippedOf(await collect(loadText(file, { maxBytes: 1000 })));
    assert.deepEqual(skipped.map((s) => s.code), ['ERR_INGEST_TOO_LARGE']);
  });

  it('accepts .txt, .md and .markdown only', () => {
    assert.ok(textLoader.accepts('a/b.TXT', Buffer.alloc(0)));
    assert.ok(textLoader.accepts('a/b.markdown', Buffer.alloc(0)));
    assert.ok(!textLoader.accepts('a/b.pdf', Buffer.alloc(0)));
  });
});

describe('detectLanguage', () => {
  it('tells Danish from English by common words', () => {
    const danish = 'Lejeren kan opsige aftalen med 3 måneders varsel, og det skal ske skriftligt.';
    const english = 'The tenant may terminate the lease on notice, and shall do so in writing.';
    assert.equal(detectLanguage(danish), 'da');
    assert.equal(detectLanguage(english), 'en');
    assert.equal(detectLanguage('12345'), 'da');
  });
});
