/**
 * Regression: ingested documents could never be removed; the key-collision
 * skip told users to delete a document, but nothing could. The facade's
 * deleteDocuments on a real data folder.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isLexhopError } from '../src/errors.js';
import { Lexhop, openLexhop } from '../src/lexhop.js';

const act = (key: string, text: string): { key: string; title: string; text: string } =>
  ({ key, title: `Aftale ${key}`, text });

describe('deleting documents through the facade', () => {
  let dataDir: string;
  let lexhop: Lexhop;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lexhop-delete-'));
    lexhop = await openLexhop({ dataDir });
    await lexhop.addDocuments([
      act('aftale:alfa', '§ 1. Alfa leverer tandhjul.'),
      act('aftale:beta', '§ 1. Beta leverer tandhjul og skruer.'),
    ]);
    await lexhop.addDocuments([act('aftale:alfa', '§ 1. Acmes hemmelige tandhjul.')], {
      tenant: 'acme',
    });
  });
  after(async () => {
    await lexhop.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const keysFound = async (query: string, tenant?: string): Promise<string[]> => {
    const response = await lexhop.search({ query, ...(tenant === undefined ? {} : { tenant }) });
    return response.hits.map((hit) => hit.documentKey).sort();
  };

  it('searches right after a delete no longer find the document, and keep the others', async () => {
    assert.deepEqual(await keysFound('tandhjul'), ['aftale:alfa', 'aftale:beta']);

    const summary = await lexhop.deleteDocuments(['aftale:alfa']);

    assert.deepEqual(summary, { deleted: ['aftale:alfa'], notFound: [] });
    assert.deepEqual(await keysFound('tandhjul'), ['aftale:beta']);
    const stats = lexhop.stats();
    assert.equal(stats.documents, 2);
    assert.equal(stats.searchableChunks, stats.chunks);
  });

  it('lists unknown keys as not found without undoing the keys that were deleted', async () => {
    const summary = await lexhop.deleteDocuments(['aftale:missing', 'aftale:beta']);

    assert.deepEqual(summary, { deleted: ['aftale:beta'], notFound: ['aftale:missing'] });
    assert.deepEqual(await keysFound('skruer'), []);
  });

  it('deletes a tenant\'s document only when that tenant is named', async () => {
    const publicOnly = await lexhop.deleteDocuments(['aftale:alfa']);
    assert.deepEqual(publicOnly.notFound, ['aftale:alfa']);
    assert.deepEqual(await keysFound('hemmelige', 'acme'), ['aftale:alfa']);

    const own = await lexhop.deleteDocuments(['aftale:alfa'], { tenant: 'acme' });
    assert.deepEqual(own.deleted, ['aftale:alfa']);
    assert.deepEqual(await keysFound('hemmelige', 'acme'), []);
  });

  it('is followed by a second process on the same data folder', async () => {
    await lexhop.addDocuments([act('aftale:gamma', '§ 1. Gamma leverer møtrikker.')]);
    const reader = await openLexhop({ dataDir, readOnly: true });
    try {
      assert.deepEqual(
        (await reader.search({ query: 'møtrikker' })).hits.map((h) => h.documentKey),
        ['aftale:gamma'],
      );
      await lexhop.deleteDocuments(['aftale:gamma']);
      reader.refresh();
      assert.equal((await reader.search({ query: 'møtrikker' })).hits.length, 0);

      await assert.rejects(
        reader.deleteDocuments(['aftale:beta']),
        (error: unknown) => isLexhopError(error, 'ERR_STORE_READ_ONLY'),
      );
    } finally {
      await reader.close();
    }
  });
});
