/**
 * The facade end to end on a real data folder: ingest the repository's
 * samples, search them, versions, filters, tenants, restart, and a second
 * process that picks up what the first one wrote.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isLexhopError } from '../src/errors.js';
import { Lexhop, openLexhop } from '../src/lexhop.js';

const samples = path.resolve('samples');
const folders: string[] = [];
function folder(): string {
  const made = mkdtempSync(path.join(tmpdir(), 'lexhop-facade-'));
  folders.push(made);
  return made;
}
after(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

describe('lexhop facade on the samples', () => {
  let lexhop: Lexhop;
  let dataDir: string;

  before(async () => {
    dataDir = folder();
    lexhop = await openLexhop({ dataDir });
    const summary = await lexhop.ingest([samples]);
    assert.equal(summary.documents, 4);
    assert.ok(summary.chunks > 10);
  });
  after(() => lexhop.close());

  it('counts every ingested chunk as searchable', () => {
    const stats = lexhop.stats();
    assert.equal(stats.searchableChunks, stats.chunks);
    assert.ok(stats.documents >= 4);
  });

  it('finds words in the current version only, by default', async () => {
    const response = await lexhop.search({ query: 'opsige lejeaftalen varsel' });
    assert.ok(response.hits.length > 0);
    assert.ok(response.hits.every((h) => h.document.current));
    assert.equal(response.hits[0]?.document.key, 'dk:2025:120');
    assert.match(response.hits[0]?.snippet ?? '', /«/u);
  });

  it('reaches historical versions on request, and the version in force on a date', async () => {
    const all = await lexhop.search({ query: 'ferieboliger', versions: 'all', perDocument: 0 });
    const keys = new Set(all.hits.map((h) => h.document.key));
    assert.ok(keys.has('dk:2023:900') && keys.has('dk:2025:120'));
    const then = await lexhop.search({ query: 'ferieboliger', asOf: '2024-01-01' });
    assert.ok(then.hits.length > 0);
    assert.ok(then.hits.every((h) => h.document.key === 'dk:2023:900'));
  });

  it('does not repeat text an older version shares with the newer one', async () => {
    const all = await lexhop.search({ query: 'eksempelboliger loven gælder', versions: 'all', perDocument: 0 });
    const texts = all.hits.map((h) => h.text);
    assert.equal(new Set(texts).size, texts.length);
  });

  it('shows a text shared by versions in its newest version', async () => {
    // Regression: the older copy used to win the tie and hide the current text.
    const all = await lexhop.search({ query: 'loven gælder for leje af eksempelboliger', versions: 'all', perDocument: 0 });
    const shared = all.hits.find((h) => h.text.startsWith('§ 1. Loven gælder for leje af eksempelboliger.'));
    assert.equal(shared?.document.key, 'dk:2025:120');
    const cited = await lexhop.search({ query: '§ 2 i lov om lejeaftaler for eksempelboliger', versions: 'all' });
    assert.equal(cited.hits[0]?.document.key, 'dk:2025:120');
  });

  it('fills the page when grouping by document drops candidates', async () => {
    // Regression: one document with many strong chunks used to leave the page short.
    const section = (i: number, word: string): string => `## Afsnit ${i}\n\n${word}. Tekst nummer ${i}.\n`;
    const strong = Array.from({ length: 60 }, (_, i) => section(i, 'kvarkfelt kvarkfelt')).join('\n');
    const weak = Array.from({ length: 5 }, (_, i) => section(i, 'kvarkfelt')).join('\n');
    await lexhop.addDocuments([
      { key: 'strong', title: 'Stærk', text: `# Stærk\n\n${strong}`, docType: 'markdown' },
      { key: 'weak-1', title: 'Svag 1', text: `# Svag\n\n${weak}`, docType: 'markdown' },
      { key: 'weak-2', title: 'Svag 2', text: `# Svag\n\n${weak}`, docType: 'markdown' },
    ]);
    const page = await lexhop.search({ query: 'kvarkfelt', limit: 9, perDocument: 3 });
    assert.equal(page.hits.length, 9);
    const next = await lexhop.search({ query: 'kvarkfelt', limit: 3, offset: 6, perDocument: 3 });
    assert.deepEqual(next.hits.map((h) => h.chunkId), page.hits.slice(6).map((h) => h.chunkId));
  });

  it('refuses pages deeper than 1,000 hits, naming the field', async () => {
    // Regression: offset 10,000 with limit 200 held a serving process for over a second.
    await assert.rejects(
      lexhop.search({ query: 'kvarkfelt', limit: 200, offset: 1001 }),
      (error: Error & { code?: string; details?: { field?: string } }) =>
        error.code === 'ERR_SEARCH_BAD_QUERY' && error.details?.field === 'offset',
    );
    const deepest = await lexhop.search({ query: 'kvarkfelt', limit: 200, offset: 1000 });
    assert.equal(deepest.hits.length, 0);
  });

  it('puts the provision a citation names first, with its exact span', async () => {
    const response = await lexhop.search({ query: '§ 3, stk. 2 i lov om lejeaftaler for eksempelboliger' });
    const first = response.hits[0];
    assert.equal(first?.matchedBy, 'citation');
    assert.equal(first?.section, '3');
    assert.equal(first?.subsection, 2);
    const chunk = lexhop.getChunk(first?.chunkId ?? -1);
    assert.equal(chunk?.text, first?.text);
  });

  it('filters by document type and act', async () => {
    const markdown = await lexhop.search({ query: 'fortrolige oplysninger', filters: { docTypes: ['markdown'] } });
    assert.ok(markdown.hits.length > 0);
    assert.ok(markdown.hits.every((h) => h.document.docType === 'markdown'));
    const act = await lexhop.search({ query: 'varsel', filters: { act: 'dk:2025:120' } });
    assert.ok(act.hits.every((h) => h.documentKey === 'dk:2025:120'));
  });

  it('names the field of a bad request', async () => {
    await assert.rejects(
      lexhop.search({ query: 'x', limit: 0 }),
      (error: unknown) => isLexhopError(error) && error.details.field === 'limit',
    );
    await assert.rejects(
      lexhop.search({ query: 'x', filters: { dateFrom: '2024-13-45' } }),
      (error: unknown) => isLexhopError(error) && error.details.field === 'filters.dateFrom',
    );
  });

  it('keeps tenants apart', async () => {
    const summary = await lexhop.addDocuments(
      [{ key: 'secret', title: 'Intern notits', text: 'Projektet hedder Blåbærmuffin og er hemmeligt.' }],
      { tenant: 'acme' },
    );
    assert.equal(summary.documents, 1);
    assert.equal((await lexhop.search({ query: 'blåbærmuffin' })).hits.length, 0);
    assert.equal((await lexhop.search({ query: 'blåbærmuffin', tenant: 'other' })).hits.length, 0);
    assert.equal((await lexhop.search({ query: 'blåbærmuffin', tenant: 'acme' })).hits.length, 1);
  });

  it('replaces a re-sent document and reports unchanged ones', async () => {
    const first = await lexhop.addDocuments([{ key: 'memo', title: 'Memo', text: 'Første udgave om kaffe.' }]);
    assert.equal(first.documents, 1);
    const same = await lexhop.addDocuments([{ key: 'memo', title: 'Memo', text: 'Første udgave om kaffe.' }]);
    assert.equal(same.unchanged, 1);
    await lexhop.addDocuments([{ key: 'memo', title: 'Memo', text: 'Anden udgave om te.' }]);
    assert.equal((await lexhop.search({ query: 'kaffe' })).hits.length, 0);
    assert.equal((await lexhop.search({ query: 'te udgave' })).hits[0]?.documentKey, 'memo');
  });

  it('rejects bad API documents by field and keeps the good ones', async () => {
    const summary = await lexhop.addDocuments([
      { title: 'God', text: 'Et gyldigt dokument om cykler.' },
      { title: '', text: 'mangler titel' },
      { title: 'Tom', text: '   ' },
    ]);
    assert.equal(summary.documents, 1);
    assert.deepEqual(summary.skipped.map((s) => s.field), ['documents[1].title', 'documents[2].text']);
  });
});

describe('lexhop facade across restarts and processes', () => {
  it('serves the same results after a restart, from the snapshot', async () => {
    const dataDir = folder();
    const writer = await openLexhop({ dataDir });
    await writer.ingest([samples]);
    const before = await writer.search({ query: 'depositum fraflytning' });
    await writer.close();
    const reader = await openLexhop({ dataDir, readOnly: true });
    const again = await reader.search({ query: 'depositum fraflytning' });
    assert.deepEqual(again.hits.map((h) => h.chunkId), before.hits.map((h) => h.chunkId));
    assert.equal(reader.stats().searchableChunks, reader.stats().chunks);
    await reader.close();
  });

  it('rebuilds from the system of record when the snapshot is corrupt', async () => {
    const dataDir = folder();
    const writer = await openLexhop({ dataDir });
    await writer.ingest([samples]);
    await writer.close();
    writeFileSync(path.join(dataDir, 'index', 'bm25.snapshot'), 'garbage');
    const reopened = await openLexhop({ dataDir });
    assert.equal(reopened.stats().searchableChunks, reopened.stats().chunks);
    assert.ok((await reopened.search({ query: 'depositum' })).hits.length > 0);
    await reopened.close();
  });

  it('lets a reader process see documents another process writes', async () => {
    const dataDir = folder();
    const reader = await openLexhop({ dataDir });
    assert.equal((await reader.search({ query: 'rabarbergrød' })).hits.length, 0);
    const script = [
      "import { openLexhop } from './src/lexhop.ts';",
      `const l = await openLexhop({ dataDir: ${JSON.stringify(dataDir)} });`,
      "await l.addDocuments([{ key: 'k', title: 'Opskrift', text: 'Rabarbergrød med fløde.' }]);",
      'await l.close();',
    ].join('\n');
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
    reader.refresh();
    assert.equal((await reader.search({ query: 'rabarbergrød' })).hits.length, 1);
    await reader.close();
  });
});
