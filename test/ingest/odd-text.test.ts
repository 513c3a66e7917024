/** Text that is valid JSON but odd: lone surrogates, invisible-only text, full-width queries. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Lexhop, openLexhop } from '../../src/lexhop.js';
import { jsonLines, record } from './helpers.js';

describe('odd text', () => {
  let lexhop: Lexhop;
  let folder: string;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'lexhop-odd-'));
    lexhop = await openLexhop({ dataDir: path.join(folder, 'data') });
  });
  after(async () => {
    await lexhop.close();
    rmSync(folder, { recursive: true, force: true });
  });

  // Regression: a lone surrogate came back from the store as three U+FFFD, so spans slipped.
  it('stores a lone surrogate as one U+FFFD and keeps every span on its text', async () => {
    const text = 'Aftale \ud800om levering. Leveringen sker \udc00hurtigt 😀 og sikkert.';
    const summary = await lexhop.addDocuments([{ key: 'odd', title: 'Odd \ud83d', text }]);
    assert.equal(summary.documents, 1);
    const hit = (await lexhop.search({ query: 'levering' })).hits[0];
    assert.ok(hit !== undefined);
    assert.equal(hit.text.length, hit.end - hit.start);
    assert.equal(hit.text, text.replace(/[\ud800-\udfff](?![\udc00-\udfff])/gu, '\ufffd')
      .replace(/(?<![\ud800-\udbff])[\udc00-\udfff]/gu, '\ufffd').slice(hit.start, hit.end));
    assert.equal(hit.document.title, 'Odd \ufffd');
  });

  // Regression: the API took a document of zero-width characters that the CLI refused.
  it('refuses text of white space and invisible characters alone, from the API and from files', async () => {
    const summary = await lexhop.addDocuments([{ title: 'Blank', text: '\u200b\u200b \u00ad\n' }]);
    assert.deepEqual(summary.skipped.map((s) => [s.field, s.code]),
      [['documents[0].text', 'ERR_INGEST_BAD_RECORD']]);
    const files = path.join(folder, 'files');
    mkdirSync(files);
    writeFileSync(path.join(files, 'blank.txt'), '\u200b\ufeff \n');
    const ingest = await lexhop.ingest([files]);
    assert.deepEqual(ingest.skipped.map((s) => s.code), ['ERR_INGEST_EMPTY']);
  });

  it('reads a full-width citation as the citation it is', async () => {
    const file = path.join(folder, 'acts.jsonl');
    writeFileSync(file, jsonLines([record('2024:9', [
      { section: '263', content: '§ 263. Med bøde straffes den, der bryder et brev.' },
    ], 'Bekendtgørelse af straffeloven')]));
    await lexhop.ingest([file]);
    const response = await lexhop.search({ query: 'ｓｔｒａｆｆｅｌｏｖｅｎｓ § ２６３' });
    assert.deepEqual(response.citations.map((c) => [c.section, c.outcome]), [['263', 'found']]);
    assert.equal(response.hits[0]?.matchedBy, 'citation');
  });
});
