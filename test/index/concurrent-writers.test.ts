/**
 * Two processes ingesting into one data folder at once: every stored chunk
 * must end up searchable, in each process and after a restart.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, it } from 'node:test';
import { openLexhop } from '../../src/lexhop.js';

const acts = path.resolve('../shared/corpus/dk-laws/current-acts.jsonl.gz');
const folder = mkdtempSync(path.join(tmpdir(), 'lexhop-writers-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function ingest(dataDir: string, input: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/serve/cli/run.ts', 'ingest', input, '--data', dataDir],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

it('loses no chunk when two processes ingest into one folder at once', {
  skip: existsSync(acts) ? false : 'needs ../shared/corpus/dk-laws/current-acts.jsonl.gz',
}, async () => {
  // Regression: a writer whose catalog predated the other writer's documents
  // skipped their chunks for good, so they were stored but never searchable.
  const dataDir = path.join(folder, 'data');
  const small = path.join(folder, 'small.jsonl');
  const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({
    id: `2099:${i + 1}`, title: `Lov om prøveordning nr. ${i + 1}`, short_name: 'LOV H#T',
    status: 'in_force', issued_date: '2099-01-01', url: '',
    provisions: [{ ref: '1:1', chapter: '1', section: '1', content: `§ 1. Græskarkerne ${i}.` }],
  }));
  writeFileSync(small, `${lines.join('\n')}\n`);

  const big = ingest(dataDir, acts);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const codes = await Promise.all([big, ingest(dataDir, small)]);
  assert.deepEqual(codes, [0, 0]);

  const reopened = await openLexhop({ dataDir, readOnly: true });
  const stats = reopened.stats();
  assert.equal(stats.searchableChunks, stats.chunks);
  const found = await reopened.search({ query: 'græskarkerne', limit: 200, perDocument: 0 });
  assert.equal(found.hits.length, 200);
  await reopened.close();
});
