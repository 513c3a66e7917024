import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/serve/http/server.js';
import { leaseAct, openTemp } from './helpers.js';

/** The parts of an answer these tests read; each answer has some of them. */
interface Answer {
  error: { code: string; message: string; field?: string };
  documents: number;
  skipped: { field?: string }[];
  hits: { documentKey: string }[];
}

describe('request schemas on a real socket', () => {
  let app: FastifyInstance;
  let url: string;
  let remove: () => Promise<void>;

  before(async () => {
    const temp = await openTemp();
    remove = temp.remove;
    await temp.lexhop.addDocuments([leaseAct]);
    app = await buildServer({ lexhop: temp.lexhop, refreshIntervalMs: 0 });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  after(async () => {
    await app.close();
    await remove();
  });

  const post = async (route: string, body: unknown): Promise<{ status: number; json: Answer }> => {
    const response = await fetch(`${url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Answer };
  };

  // Regression: the items of POST /v1/documents were documented as `{}`.
  it('documents the shape of each document of POST /v1/documents in OpenAPI', async () => {
    const response = await fetch(`${url}/openapi.json`);
    assert.equal(response.status, 200);
    const spec = await response.json();

    const body = spec.paths['/v1/documents'].post.requestBody.content['application/json'].schema;
    const items = body.properties.documents.items;
    assert.equal(items.type, 'object');
    assert.equal(items.properties.title.type, 'string');
    assert.equal(items.properties.text.type, 'string');
    assert.deepEqual([...items.required].sort(), ['text', 'title']);
    assert.equal(body.properties.documents.minItems, 1);
    assert.ok(body.properties.tenant !== undefined);
  });

  it('still rejects a bad document alone, naming its field, and keeps the good ones', async () => {
    const { status, json } = await post('/v1/documents', {
      documents: [
        { key: 'ok', title: 'God', text: '§ 1. Denne lov handler om fiskeri i søer.' },
        { key: 'no-title', text: 'tekst' },
        'not a document',
        { key: 'extra', title: 'Ekstra', text: 'tekst', colour: 'blå' },
      ],
    });
    assert.equal(status, 207, JSON.stringify(json));
    assert.equal(json.documents, 1);
    const fields = json.skipped.map((skip) => skip.field);
    assert.deepEqual(fields, ['documents[1].title', 'documents[2]', 'documents[3].colour']);
  });

  // Regression: `"   "` answered ERR_SEARCH_BAD_QUERY from the library, unlike `""`.
  it('answers a blank query exactly as an empty one', async () => {
    const empty = await post('/v1/search', { query: '' });
    assert.equal(empty.status, 400);
    assert.equal(empty.json.error.code, 'ERR_HTTP_BAD_REQUEST');
    assert.equal(empty.json.error.field, 'query');

    for (const query of ['   ', '\t\n ', '\u00a0', '\u3000 \u2028']) {
      const blank = await post('/v1/search', { query });
      assert.equal(blank.status, empty.status, JSON.stringify(query));
      assert.equal(blank.json.error.code, empty.json.error.code, JSON.stringify(query));
      assert.equal(blank.json.error.field, 'query');
      assert.match(blank.json.error.message, /^query must be more than white space$/);
    }

    const padded = await post('/v1/search', { query: '  opsigelse  ' });
    assert.equal(padded.status, 200);
    assert.equal(padded.json.hits[0]?.documentKey, leaseAct.key);
  });
});
