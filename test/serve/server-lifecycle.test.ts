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

  it('readiness of a real data folder follows changes another process wrote', async () => {
    const { lexhop, dataDir, remove } = await openTemp();
    const writer = await openLexhop({ dataDir });
    try {
      const app = await buildServer({ lexhop, refreshIntervalMs: 0 });
      assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);

      await writer.addDocuments([leaseAct]);
      const behind = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(behind.statusCode, 503);
      assert.match(behind.json().error.message, /catching up: \d+ changes/);

      lexhop.refresh();
      assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
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
