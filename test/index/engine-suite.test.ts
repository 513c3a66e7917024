/**
 * One suite of engine behaviour, run against every engine: append then
 * search, update, delete, restart, and readers while a writer appends.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { isLexhopError } from '../../src/errors.js';
import type { EngineDocument, SearchEngine } from '../../src/index/engine.js';
import { Bm25Engine } from '../../src/index/engines/bm25/engine.js';
import { Fts5Engine } from '../../src/index/engines/fts5/engine.js';

interface EngineKind {
  name: string;
  /** Opens the engine stored in `folder` (a reopen after close sees what was persisted). */
  open: (folder: string) => SearchEngine;
}

const kinds: EngineKind[] = [
  { name: 'lexhop-bm25', open: (folder) => new Bm25Engine({ snapshotFile: path.join(folder, 'bm25.snapshot') }) },
  { name: 'sqlite-fts5', open: (folder) => new Fts5Engine({ file: path.join(folder, 'fts5.db') }) },
];

const folders: string[] = [];
function folder(): string {
  const made = mkdtempSync(path.join(tmpdir(), 'lexhop-engine-'));
  folders.push(made);
  return made;
}
after(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

function doc(id: number, body: string, title = ''): EngineDocument {
  return { id, title: title.split(' ').filter(Boolean), body: body.split(' ').filter(Boolean) };
}

function ids(engine: SearchEngine, terms: string[], limit = 10, accept?: (id: number) => boolean): number[] {
  return engine.search({ terms: terms.map((term) => ({ term, weight: 1 })), limit, accept }).map((h) => h.id);
}

for (const kind of kinds) {
  describe(`engine ${kind.name}`, () => {
    it('finds appended chunks at once, best first', () => {
      const engine = kind.open(folder());
      engine.put([
        doc(1, 'lejer opsigelse varsel'),
        doc(2, 'udlejer opsigelse opsigelse opsigelse'),
        doc(3, 'straf fængsel bøde'),
      ]);
      assert.deepEqual(ids(engine, ['opsigelse']).sort(), [1, 2]);
      assert.equal(ids(engine, ['opsigelse'])[0], 2);
      assert.deepEqual(ids(engine, ['fængsel']), [3]);
      assert.deepEqual(ids(engine, ['ukendt']), []);
      assert.equal(engine.stats().chunks, 3);
      engine.close();
    });

    it('ranks a title match above a body match', () => {
      const engine = kind.open(folder());
      engine.put([doc(1, 'noget om straffeloven her', 'andet'), doc(2, 'noget andet her', 'straffeloven')]);
      assert.equal(ids(engine, ['straffeloven'])[0], 2);
      engine.close();
    });

    it('updates a chunk by removing it and putting its new version under a new id', () => {
      const engine = kind.open(folder());
      engine.put([doc(1, 'gammel tekst om leje')]);
      engine.remove([1]);
      engine.put([doc(2, 'ny tekst om leje')]);
      assert.deepEqual(ids(engine, ['gammel']), []);
      assert.deepEqual(ids(engine, ['leje']), [2]);
      assert.throws(() => engine.put([doc(2, 'igen')]), /never reused/);
      engine.close();
    });

    it('deletes chunks, and ignores unknown ids', () => {
      const engine = kind.open(folder());
      engine.put([doc(1, 'a b'), doc(2, 'a c')]);
      engine.remove([1, 99]);
      assert.deepEqual(ids(engine, ['a']), [2]);
      assert.equal(engine.stats().chunks, 1);
      engine.close();
    });

    it('applies the accept filter inside the ranking', () => {
      const engine = kind.open(folder());
      const many = Array.from({ length: 50 }, (_, i) => doc(i + 1, i % 2 === 0 ? 'x x x' : 'x'));
      engine.put(many);
      const odd = ids(engine, ['x'], 5, (id) => id % 2 === 0);
      assert.equal(odd.length, 5);
      assert.ok(odd.every((id) => id % 2 === 0));
      engine.close();
    });

    it('keeps what was persisted across a restart, with its applied sequence', () => {
      const where = folder();
      const engine = kind.open(where);
      engine.put([doc(1, 'varig tekst'), doc(2, 'slettes snart')]);
      engine.remove([2]);
      engine.markApplied(7);
      engine.persist();
      engine.close();
      const reopened = kind.open(where);
      assert.equal(reopened.appliedSeq, 7);
      assert.deepEqual(ids(reopened, ['varig']), [1]);
      assert.deepEqual(ids(reopened, ['slettes']), []);
      reopened.put([doc(3, 'varig igen')]);
      assert.deepEqual(ids(reopened, ['varig']).sort(), [1, 3]);
      reopened.close();
    });

    it('answers readers between a writer\'s batches without losing or doubling chunks', async () => {
      const engine = kind.open(folder());
      let written = 0;
      const writer = (async () => {
        for (let batch = 0; batch < 20; batch += 1) {
          engine.put(Array.from({ length: 50 }, (_, i) => doc(batch * 50 + i + 1, `fælles nr${batch}`)));
          written += 50;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const readers = Array.from({ length: 4 }, async () => {
        for (let read = 0; read < 20; read += 1) {
          const seen = written;
          const found = ids(engine, ['fælles'], 2000);
          assert.ok(found.length >= seen, `saw ${found.length} of ${seen}`);
          assert.equal(new Set(found).size, found.length);
          await new Promise((resolve) => setImmediate(resolve));
        }
      });
      await Promise.all([writer, ...readers]);
      assert.equal(ids(engine, ['fælles'], 2000).length, 1000);
      engine.close();
    });
  });
}

describe('lexhop-bm25 snapshot', () => {
  it('reports a corrupt snapshot with its file, instead of serving garbage', () => {
    const where = folder();
    const file = path.join(where, 'bm25.snapshot');
    writeFileSync(file, 'not a snapshot at all');
    assert.throws(
      () => new Bm25Engine({ snapshotFile: file }),
      (error: unknown) => isLexhopError(error, 'ERR_INDEX_CORRUPT') && error.details.file === file,
    );
  });

  it('survives compaction of removed chunks on persist', () => {
    const where = folder();
    const file = path.join(where, 'bm25.snapshot');
    const engine = new Bm25Engine({ snapshotFile: file });
    engine.put(Array.from({ length: 100 }, (_, i) => doc(i + 1, `ord ${i % 3 === 0 ? 'tre' : 'ikke'}`)));
    engine.remove(Array.from({ length: 50 }, (_, i) => i + 1));
    engine.persist();
    const reopened = new Bm25Engine({ snapshotFile: file });
    assert.equal(reopened.stats().chunks, 50);
    assert.ok(ids(reopened, ['ord'], 200).every((id) => id > 50));
    assert.equal(ids(reopened, ['ord'], 200).length, 50);
  });
});
