/**
 * Regression: files of one name in two folders of one name (`k1/contracts/
 * aftale.txt`, `k2/contracts/aftale.txt`) share the key `file:contracts/
 * aftale.txt`; the second replaced the first while the summary counted both.
 */
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openLexhop } from '../../src/lexhop.js';
import { tempDir } from './helpers.js';

async function twoFolders(): Promise<{ root: string; k1: string; k2: string }> {
  const root = await tempDir();
  const k1 = path.join(root, 'k1', 'contracts');
  const k2 = path.join(root, 'k2', 'contracts');
  mkdirSync(k1, { recursive: true });
  mkdirSync(k2, { recursive: true });
  writeFileSync(path.join(k1, 'aftale.txt'), 'Aftale med Alfa om levering af tandhjul.\n');
  writeFileSync(path.join(k2, 'aftale.txt'), 'Aftale med Beta om levering af skruer.\n');
  return { root, k1, k2 };
}

describe('files that share a document key', () => {
  it('keeps the first and names both files, in one run and across runs', async () => {
    const { root, k1, k2 } = await twoFolders();
    const lexhop = await openLexhop({ dataDir: path.join(root, 'data') });
    try {
      const together = await lexhop.ingest([k1, k2]);
      assert.equal(together.documents, 1);
      assert.deepEqual(together.skipped.map((s) => s.code), ['ERR_INGEST_KEY_TAKEN']);
      assert.match(together.skipped[0]?.message ?? '', /k1[/\\]contracts[/\\]aftale\.txt/u);
      // Regression: it told users to delete the document, naming no command that could.
      const hint = /lexhop delete 'file:contracts\/aftale\.txt'/u;
      assert.match(together.skipped[0]?.message ?? '', hint);
      assert.equal((await lexhop.search({ query: 'tandhjul' })).hits.length, 1);

      const again = await lexhop.ingest([k2]);
      assert.deepEqual(again.skipped.map((s) => s.code), ['ERR_INGEST_KEY_TAKEN']);
      assert.equal((await lexhop.search({ query: 'tandhjul' })).hits.length, 1);
      assert.equal(lexhop.stats().documents, 1);

      // The same file again is no clash: it is unchanged.
      const same = await lexhop.ingest([k1]);
      assert.deepEqual([same.unchanged, same.skipped.length], [1, 0]);
    } finally {
      await lexhop.close();
    }
  });

  // Regression: ingesting `/x/k1` after `/x/k1/contracts` stored each file a second time.
  it('keeps a file under its first key when a parent folder is ingested', async () => {
    const { root, k1 } = await twoFolders();
    const lexhop = await openLexhop({ dataDir: path.join(root, 'data') });
    try {
      await lexhop.ingest([k1]);
      const parent = await lexhop.ingest([path.dirname(k1)]);
      assert.deepEqual([parent.unchanged, parent.documents, parent.skipped.length], [1, 0, 0]);
      assert.equal(lexhop.stats().documents, 1);
      const hits = (await lexhop.search({ query: 'tandhjul', perDocument: 0 })).hits;
      assert.deepEqual(hits.map((hit) => hit.documentKey), ['file:contracts/aftale.txt']);
    } finally {
      await lexhop.close();
    }
  });

  it('lets a moved folder replace its own documents', async () => {
    const { root, k1 } = await twoFolders();
    const lexhop = await openLexhop({ dataDir: path.join(root, 'data') });
    try {
      await lexhop.ingest([k1]);
      const moved = path.join(root, 'moved', 'contracts');
      mkdirSync(path.dirname(moved), { recursive: true });
      renameSync(k1, moved);
      writeFileSync(path.join(moved, 'aftale.txt'), 'Aftale med Alfa om levering af møtrikker.\n');
      const result = await lexhop.ingest([moved]);
      assert.deepEqual([result.documents, result.skipped.length], [1, 0]);
      assert.equal((await lexhop.search({ query: 'møtrikker' })).hits.length, 1);
      assert.equal(lexhop.stats().documents, 1);
    } finally {
      await lexhop.close();
    }
  });
});
