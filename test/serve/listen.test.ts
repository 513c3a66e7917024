import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/serve/http/server.js';
import { leaseAct, openTemp, trafficAct } from './helpers.js';

describe('HTTP server on a real socket', () => {
  let app: FastifyInstance;
  let url: string;
  let remove: () => Promise<void>;

  before(async () => {
    const temp = await openTemp();
    remove = temp.remove;
    await temp.lexhop.addDocuments([leaseAct, trafficAct]);
    app = await buildServer({ lexhop: temp.lexhop, refreshIntervalMs: 0 });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  after(async () => {
    await app.close();
    await remove();
  });

  it('answers 200 concurrent searches, each correctly', async () => {
    const queries = ['opsigelse lejemål skriftligt', 'cyklist højre kørebanen'];
    const expected = [leaseAct.key, trafficAct.key];

    const responses = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const response = await fetch(`${url}/v1/search`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': `c-${i}` },
          body: JSON.stringify({ query: queries[i % 2], limit: 3 + (i % 5) }),
        });
        const id = response.headers.get('x-request-id');
        return { i, status: response.status, id, body: await response.json() };
      }),
    );

    for (const { i, status, id, body } of responses) {
      assert.equal(status, 200);
      assert.equal(id, `c-${i}`);
      assert.equal(body.hits[0].documentKey, expected[i % 2]);
      assert.ok(body.hits.length <= 3 + (i % 5));
    }
  });
});
