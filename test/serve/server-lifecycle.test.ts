import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LexhopApi } from '../../src/api.js';
import { buildServer, drainServer, serverState } from '../../src/serve/http/server.js';
import { openLexhop } from '../../src/lexhop.js';
import { FakeLexhop } from './fake-lexhop.js';
import { leaseAct, openTemp } from './helpers.js';
import { logCapture } from './log-capture.js';

describe('HTTP server readiness and failures', () => {
  it('is not ready while the facade opens, ready once it is, and not while draining', async () => {
    let resolveOpen: (lexhop: LexhopApi) => void = () => undefined;
    const opening = new Promise<LexhopApi>((resolve) => {
      resolveOpen = resolve;
    });
    const app = await buildServer({ lexhop: opening, refreshIntervalMs: 0 });

    const early = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(early.statusCode, 503);
    assert.equal(early.json().error.code, 'ERR_HTTP_NOT_READY');
    const search = await app.inject({ method: 'POST', url: '/v1/search', payload: { query: 'x' } });
    assert.equal(search.statusCode, 503);
    assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);

    const fake = new FakeLexhop();
    resolveOpen(fake);
    await serverState(app)?.opened;
    assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);

    serverState(app)?.startDraining();
    const draining = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(draining.statusCode, 503);
    assert.match(draining.json().error.message, /draining/);

    await app.close();
    assert.equal(fake.closed, true);
  });

  it('is not ready while the index catches up with the data folder', async () => {
    const fake = new FakeLexhop();
    const stats = fake.stats();
    fake.stats = () => ({ ...stats, chunks: 10, searchableChunks: 4 });
    const app = await buildServer({ lexhop: fake, refreshIntervalMs: 0 });

    const response = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(response.statusCode, 503);
    assert.match(response.json().error.message, /4 of 10/);
    await app.close();
  });

  it('stays ready while it applies another process\'s bulk writes, in slices', async () => {
    const { lexhop, dataDir, remove } = await openTemp();
    const writer = await openLexhop({ dataDir });
    try {
      const app = await buildServer({ lexhop, refreshIntervalMs: 0 });
      const state = serverState(app);
      assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);

      await writer.addDocuments(Array.from({ length: 40 }, (_, i) => ({
        ...leaseAct, key: `test:bulk-${i}`, title: `Lov nr. ${i} om vandløb`,
        text: `§ 1. Bestemmelse nummer ${i} om vandløb.`,
      })));
      const pending = state?.pendingChanges() ?? 0;
      assert.ok(pending >= 40, `${pending} changes pending`);

      // One slice applies at most its share, and the process stays in rotation meanwhile.
      state?.refresh(10);
      assert.equal(state?.pendingChanges(), pending - 10);
      assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);

      while ((state?.pendingChanges() ?? 0) > 0) state?.refresh(10);
      const found = await app.inject({
        method: 'POST', url: '/v1/search', payload: { query: 'vandløb', limit: 50, perDocument: 0 },
      });
      assert.equal(found.json().hits.length, 40);
      await app.close();
    } finally {
      await writer.close();
      await remove();
    }
  });

  it('is not ready before its index first caught up with the data folder', async () => {
    const fake = new FakeLexhop();
    let pending = 5;
    Object.assign(fake, { pendingChanges: () => pending });
    const app = await buildServer({ lexhop: fake, refreshIntervalMs: 0 });

    const behind = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(behind.statusCode, 503);
    assert.match(behind.json().error.message, /catching up: 5 changes/);
    pending = 0;
    assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
    pending = 3;
    assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
    await app.close();
  });

  it('applies other processes\' writes on its timer until none is left', async () => {
    const { lexhop, dataDir, remove } = await openTemp();
    const writer = await openLexhop({ dataDir });
    try {
      const app = await buildServer({ lexhop, refreshIntervalMs: 20, refreshSliceChanges: 5 });
      await writer.addDocuments(Array.from({ length: 30 }, (_, i) => ({
        ...leaseAct, key: `test:diger-${i}`, title: `Lov nr. ${i} om diger`,
        text: `§ 1. Regel nummer ${i} om diger.`,
      })));
      assert.ok((serverState(app)?.pendingChanges() ?? 0) >= 30);

      const deadline = Date.now() + 5000;
      while ((serverState(app)?.pendingChanges() ?? 0) > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(serverState(app)?.pendingChanges(), 0);
      await app.close();
    } finally {
      await writer.close();
      await remove();
    }
  });

  it('answers an unexpected failure with a 500 that reveals nothing, logged at error', async () => {
    const logs = logCapture();
    const fake = new FakeLexhop({ searchError: new Error('disk on fire at /var/secret') });
    const app = await buildServer({ lexhop: fake, logger: logs.logger, refreshIntervalMs: 0 });

    const payload = { query: 'x' };
    const response = await app.inject({ method: 'POST', url: '/v1/search', payload });
    assert.equal(response.statusCode, 500);
    const error = { code: 'ERR_INTERNAL', message: 'internal error' };
    assert.deepEqual(response.json(), { error });

    const failure = logs.lines().find((line) => line.msg === 'request failed');
    assert.equal(failure?.level, 50);
    await app.close();
  });

  it('finishes in-flight requests when drained, then closes the facade', async () => {
    const fake = new FakeLexhop({ searchDelayMs: 300 });
    const app = await buildServer({ lexhop: fake, refreshIntervalMs: 0 });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });

    const inFlight = fetch(`${url}/v1/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'slow' }),
    });
    while (fake.searches === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const drained = drainServer(app);

    const response = await inFlight;
    assert.equal(response.status, 200);
    assert.equal((await response.json()).query, 'slow');
    await drained;
    assert.equal(fake.closed, true);
    await assert.rejects(fetch(`${url}/healthz`));
  });
});
