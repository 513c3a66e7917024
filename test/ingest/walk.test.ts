import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { loaders, loadPaths } from '../../src/ingest/walk.js';
import { collect, documentsOf, jsonLines, record, skippedOf, tempDir } from './helpers.js';

async function tree(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

describe('loadPaths', () => {
  it('walks nested folders in sorted order, skipping dot-files and node_modules', async () => {
    const root = await tempDir();
    await tree(root, {
      'b.md': '# B\n\nTekst om b.',
      'a.txt': 'Tekst om a.',
      'sub/z.txt': 'Tekst om z.',
      'sub/deeper/y.markdown': '# Y\n\nTekst om y.',
      'Ä.txt': 'Tekst om ä.',
      '.hidden.txt': 'skjult',
      '.git/config.txt': 'skjult',
      'node_modules/pkg/readme.md': '# skjult',
    });

    const keys = documentsOf(await collect(loadPaths([root]))).map((d) => d.key);
    const folder = path.basename(root);
    assert.deepEqual(keys, ['a.txt', 'b.md', 'sub/deeper/y.markdown', 'sub/z.txt', 'Ä.txt']
      .map((file) => `file:${folder}/${file}`));
  });

  it('loads statute exports and text files side by side, each with its loader', async () => {
    const root = await tempDir();
    await tree(root, {
      'laws/current.jsonl.gz': gzipSync(
        jsonLines([record('2024:1', [{ section: '1', content: '§ 1. Tekst.' }])]),
      ),
      'laws/notes.md': '# Noter\n\nOm loven.',
    });
    const documents = documentsOf(await collect(loadPaths([root])));
    assert.deepEqual(documents.map((d) => [d.key, d.docType]), [
      ['dk:2024:1', 'LOV'],
      [`file:${path.basename(root)}/laws/notes.md`, 'markdown'],
    ]);
  });

  it('reports unknown file types and missing paths as skipped, and goes on', async () => {
    const root = await tempDir();
    await tree(root, { 'scan.pdf': '%PDF-1.7', 'ok.txt': 'Tekst.', 'Makefile': 'all:' });
    const missing = path.join(root, 'nope');

    const events = await collect(loadPaths([missing, root]));
    assert.deepEqual(skippedOf(events).map((s) => [s.code, path.basename(s.source.file)]), [
      ['ERR_INGEST_NOT_FOUND', 'nope'],
      ['ERR_INGEST_UNSUPPORTED', 'Makefile'],
      ['ERR_INGEST_UNSUPPORTED', 'scan.pdf'],
    ]);
    assert.deepEqual(documentsOf(events).map((d) => d.key), [`file:${path.basename(root)}/ok.txt`]);
  });

  it('keys same-named files of different folders apart', async () => {
    // Regression: `ingest a/nda.txt b/nda.txt` keyed both `file:nda.txt`, so one replaced the other.
    const root = await tempDir();
    await tree(root, { 'a/nda.txt': 'Tekst a.', 'b/nda.txt': 'Tekst b.' });
    const files = ['a', 'b'].map((folder) => path.join(root, folder, 'nda.txt'));
    const documents = documentsOf(await collect(loadPaths(files)));
    assert.deepEqual(documents.map((d) => d.key), ['file:a/nda.txt', 'file:b/nda.txt']);
    const folders = documentsOf(await collect(loadPaths(['a', 'b'].map((f) => path.join(root, f)))));
    assert.deepEqual(folders.map((d) => d.key), ['file:a/nda.txt', 'file:b/nda.txt']);
  });

  it('does not loop on a symbolic link back up the tree', async () => {
    const root = await tempDir();
    await tree(root, { 'sub/a.txt': 'Tekst.' });
    await symlink(root, path.join(root, 'sub', 'loop'));
    const documents = documentsOf(await collect(loadPaths([root])));
    assert.deepEqual(documents.map((d) => d.key), [`file:${path.basename(root)}/sub/a.txt`]);
  });

  it('lists the loaders in the order they are asked', () => {
    assert.deepEqual(loaders.map((loader) => loader.name), ['retsinformation', 'text']);
  });
});
