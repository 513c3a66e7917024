import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/serve/http/server.js';
import { leaseAct, openTemp, trafficAct } from './helpers.js';
import { logCapture } from './log-capture.js';

const TOKEN = 'test-token-5f1c';
const auth = { authorization: `Bearer ${TOKEN}` };

describe('HTTP server over a real data folder', () => {
  let app: FastifyInstance;
  let remove: () => Promise<void>;
  const logs = logCapture();

  before(async () => {
    const temp = await openTemp();
    remove = temp.remove;
    app = await buildServer({
      lexhop: temp.lexhop,
      apiTokens: [TOKEN],
      logger: logs.logger,
      documentsBodyLimit: 64 * 1024,
      refreshIntervalMs: 0,
    });
    const stored = await app.inject({
      method: 'POST',
      url: '/v1/documents',
      headers: auth,
      payload: { documents: [leaseAct, trafficAct] },
    });
    assert.equal(stored.statusCode, 200, stored.body);
  });

  after(async () => {
    await app.close();
    await remove();
  });

  const search = (payload: unknown, headers: Record<string, string> = auth) =>
    app.inject({ method: 'POST', url: '/v1/search', headers, payload: payload as object });

  it('finds the provision a query is about', async () => {
    const response = await search({ query: 'opsigelse af lejemål skriftligt' });
    assert.equal(response.statusCode, 200, response.body);

    const body = response.json();
    assert.ok(body.hits.length > 0);
    assert.equal(body.hits[0].documentKey, leaseAct.key);
    assert.match(body.hits[0].text, /skriftligt/);
    assert.equal(typeof body.tookMs, 'number');
  });

  it('answers a repeated search from the cache until a write', async () => {
    const request = { query: 'cyklist højre', limit: 5 };
    assert.equal((await search(request)).headers['x-cache'], 'miss');
    const repeated = await search({ ...request, query: '  cyklist   højre ' });
    assert.equal(repeated.headers['x-cache'], 'hit');

    const write = await app.inject({
      method: 'POST',
      url: '/v1/documents',
      headers: auth,
      payload: {
        documents: [
          { key: 'test:cykel', title: 'Cykler', text: '§ 1. En cyklist skal bruge lygter.' },
        ],
      },
    });
    assert.equal(write.statusCode, 200, write.body);

    const afterWrite = await search(request);
    assert.equal(afterWrite.headers['x-cache'], 'miss');
    const keys = afterWrite.json().hits.map((hit: { documentKey: string }) => hit.documentKey);
    assert.ok(keys.includes('test:cykel'), `new document not found: ${keys.join(', ')}`);
  });

  it('rejects a bad request naming the failing field', async () => {
    const cases: [unknown, string][] = [
      [{ query: 'leje', limit: 500 }, 'limit'],
      [{ query: 'leje', limit: 0 }, 'limit'],
      [{ query: 'leje', filters: { dateFrom: '2020-13-01' } }, 'filters.dateFrom'],
      [{ query: 'leje', filters: { docTypes: ['LOV', ''] } }, 'filters.docTypes[1]'],
      [{ query: 'leje', versions: 'newest' }, 'versions'],
      [{ query: '' }, 'query'],
      [{ query: 'x'.repeat(2001) }, 'query'],
      [{ limit: 3 }, 'query'],
      [{ query: 'leje', limt: 3 }, 'limt'],
      [{ query: 'leje', asOf: 'yesterday' }, 'asOf'],
      [[], 'body'],
    ];
    for (const [payload, field] of cases) {
      const response = await search(payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      const { error } = response.json();
      assert.equal(error.code, 'ERR_HTTP_BAD_REQUEST');
      assert.equal(error.field, field, JSON.stringify(payload));
      assert.ok(error.message.includes(field === 'body' ? 'body' : field.split('[')[0] ?? ''));
    }
  });

  it('answers invalid JSON with 400 and a wrong content type with 415', async () => {
    const invalid = await app.inject({
      method: 'POST',
      url: '/v1/search',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"query": "leje"',
    });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(invalid.json().error, {
      code: 'ERR_HTTP_BAD_REQUEST',
      message: 'body is not valid JSON',
      field: 'body',
    });

    const xml = await app.inject({
      method: 'POST',
      url: '/v1/search',
      headers: { ...auth, 'content-type': 'application/xml' },
      payload: '<query/>',
    });
    assert.equal(xml.statusCode, 415);
    assert.equal(xml.json().error.code, 'ERR_HTTP_UNSUPPORTED_MEDIA');
  });

  it('requires the bearer token on /v1/* only', async () => {
    const missing = await search({ query: 'leje' }, {});
    assert.equal(missing.statusCode, 401);
    assert.equal(missing.json().error.code, 'ERR_HTTP_UNAUTHORIZED');
    assert.equal(missing.headers['www-authenticate'], 'Bearer');

    const wrong = await search({ query: 'leje' }, { authorization: `Bearer ${TOKEN}x` });
    assert.equal(wrong.statusCode, 401);
    const basic = await search({ query: 'leje' }, { authorization: `Basic ${TOKEN}` });
    assert.equal(basic.statusCode, 401);
    const stats = await app.inject({ method: 'GET', url: '/v1/stats' });
    assert.equal(stats.statusCode, 401);

    for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json']) {
      const open = await app.inject({ method: 'GET', url });
      assert.equal(open.statusCode, 200, url);
    }
  });

  it('checks the token before reading a large body', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/documents',
      payload: { documents: [{ title: 't', text: 'x'.repeat(200_000) }] },
    });
    assert.equal(response.statusCode, 401);
  });

  it('answers unknown routes with 404 and a code', async () => {
    const response = await app.inject({ method: 'GET', url: '/nowhere?q=secret' });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'ERR_HTTP_NOT_FOUND');

    const chunk = await app.inject({ method: 'GET', url: '/v1/chunks/987654321', headers: auth });
    assert.equal(chunk.statusCode, 404);
    assert.deepEqual(chunk.json().error.field, 'id');

    const badId = await app.inject({ method: 'GET', url: '/v1/chunks/abc', headers: auth });
    assert.equal(badId.statusCode, 400);
    assert.equal(badId.json().error.field, 'id');
  });

  it('answers a body over the limit with 413', async () => {
    const documents = [{ title: 'big', text: 'ord '.repeat(20_000) }];
    const response = await app.inject({
      method: 'POST',
      url: '/v1/documents',
      headers: auth,
      payload: { documents },
    });
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().error.code, 'ERR_HTTP_TOO_LARGE');
  });

  it('returns a chunk a search found', async () => {
    const hit = (await search({ query: 'cyklist højre' })).json().hits[0];
    const url = `/v1/chunks/${hit.chunkId}`;
    const response = await app.inject({ method: 'GET', url, headers: auth });
    assert.equal(response.statusCode, 200, response.body);
    const chunk = response.json();
    assert.equal(chunk.id, hit.chunkId);
    assert.equal(chunk.document.key, hit.documentKey);
    assert.equal(chunk.text, hit.text);
  });

  it('keeps the good documents of a batch and lists the bad ones by position', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/documents',
      headers: auth,
      payload: {
        documents: [
          { key: 'test:ok', title: 'God', text: '§ 1. Denne lov handler om fiskeri i søer.' },
          { key: 'test:no-text', title: 'Uden tekst' },
          { key: 'test:blank', title: 'Blank', text: '   \n ' },
          { key: 'test:bad-date', title: 'Dato', text: 'tekst', issuedDate: '1. maj' },
        ],
      },
    });
    assert.equal(response.statusCode, 207, response.body);

    const body = response.json();
    assert.equal(body.documents, 1);
    const fields = body.skipped.map((skip: { field: string }) => skip.field);
    assert.deepEqual(fields, ['documents[1].text', 'documents[2].text', 'documents[3].issuedDate']);
    assert.deepEqual(body.skipped.map((skip: { index: number }) => skip.index), [1, 2, 3]);

    const found = (await search({ query: 'fiskeri søer' })).json();
    assert.equal(found.hits[0]?.documentKey, 'test:ok');
  });

  it('answers 400 when no document of a batch could be stored', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/documents',
      headers: auth,
      payload: { documents: [{ title: 'no text' }] },
    });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error.field, 'documents[0].text');

    const empty = await app.inject({
      method: 'POST',
      url: '/v1/documents',
      headers: auth,
      payload: { documents: [] },
    });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().error.field, 'documents');
  });

  it('keeps a tenant\'s documents from other tenants', async () => {
    const stored = await app.inject({
      method: 'POST',
      url: '/v1/documents',
      headers: auth,
      payload: {
        tenant: 'acme',
        documents: [
          { key: 'acme:nda', title: 'Acme NDA', text: 'The recipient keeps the zebra formula.' },
        ],
      },
    });
    assert.equal(stored.statusCode, 200, stored.body);

    const publicHits = (await search({ query: 'zebra formula' })).json().hits;
    assert.equal(publicHits.length, 0);
    const other = (await search({ query: 'zebra formula', tenant: 'globex' })).json().hits;
    assert.equal(other.length, 0);
    const own = (await search({ query: 'zebra formula', tenant: 'acme' })).json().hits;
    assert.equal(own[0]?.documentKey, 'acme:nda');

    // Regression: GET /v1/chunks/:id used to hand any caller another tenant's chunk.
    const chunkUrl = `/v1/chunks/${own[0]?.chunkId}`;
    const anonymous = await app.inject({ method: 'GET', url: chunkUrl, headers: auth });
    assert.equal(anonymous.statusCode, 404);
    const wrong = await app.inject({ method: 'GET', url: `${chunkUrl}?tenant=globex`, headers: auth });
    assert.equal(wrong.statusCode, 404);
    const owner = await app.inject({ method: 'GET', url: `${chunkUrl}?tenant=acme`, headers: auth });
    assert.equal(owner.statusCode, 200);
  });

  it('reports stats without the data folder path', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/stats', headers: auth });
    assert.equal(response.statusCode, 200);
    const stats = response.json();
    assert.ok(stats.documents >= 2);
    assert.equal(stats.chunks, stats.searchableChunks);
    assert.equal(stats.dataDir, undefined);
    assert.ok(stats.cache.hits >= 1);
  });

  it('exposes request, search and ingest metrics', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^text\/plain/);

    const text = response.body;
    const search = 'method="POST",route="/v1/search"';
    const histogram = 'lexhop_http_request_duration_seconds';
    assert.ok(text.includes(`${histogram}_bucket{le="+Inf",${search},status="200"}`));
    assert.ok(text.includes(`lexhop_http_request_duration_seconds_count{${search},status="400"}`));
    assert.match(text, /lexhop_search_duration_seconds_bucket\{le="[^"]+",cache="hit"\}/);
    assert.match(text, /lexhop_search_duration_seconds_count\{cache="miss"\} [1-9]/);
    assert.match(text, /lexhop_ingested_documents_total [1-9]/);
    assert.match(text, /lexhop_search_cache_hits_total [1-9]/);
    assert.match(text, /lexhop_search_cache_misses_total [1-9]/);
    assert.match(text, /lexhop_search_cache_bytes [1-9]/);
    assert.match(text, /process_cpu_user_seconds_total/);
  });

  it('documents every route in OpenAPI and serves the docs UI', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(response.statusCode, 200);
    const spec = response.json();
    assert.match(spec.openapi, /^3\./);
    const routes = ['/v1/search', '/v1/answer', '/v1/documents', '/v1/chunks/{id}', '/v1/stats'];
    for (const route of [...routes, '/healthz', '/readyz', '/metrics']) {
      assert.ok(spec.paths[route] !== undefined, `missing ${route}`);
    }
    assert.ok(spec.paths['/v1/search'].post.requestBody !== undefined);

    const ui = await app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(ui.statusCode, 200);
    assert.match(ui.headers['content-type'] as string, /text\/html/);
  });

  it('echoes x-request-id and logs it on every line, but never tokens or queries', async () => {
    const tagged = { ...auth, 'x-request-id': 'req-42' };
    const given = await search({ query: 'hemmelig forespørgsel' }, tagged);
    assert.equal(given.headers['x-request-id'], 'req-42');
    const generated = await search({ query: 'leje' });
    assert.match(generated.headers['x-request-id'] as string, /^[0-9a-f-]{36}$/);
    const injected = await search({ query: 'leje' }, { ...auth, 'x-request-id': 'a b\nc' });
    assert.notEqual(injected.headers['x-request-id'], 'a b\nc');

    const lines = logs.lines();
    const requestLines = lines.filter((line) => line.msg === 'request');
    assert.ok(requestLines.length > 10);
    for (const line of requestLines) assert.equal(typeof line.requestId, 'string');
    const tagged42 = requestLines.filter((line) => line.requestId === 'req-42');
    assert.equal(tagged42[0]?.route, '/v1/search');

    const everything = JSON.stringify(lines);
    assert.ok(!everything.includes(TOKEN), 'a token was logged');
    assert.ok(!everything.includes('hemmelig'), 'a query was logged');
    assert.ok(!everything.includes('zebra'), 'document text was logged');
    assert.ok(!everything.includes('secret'), 'a query string was logged');

    const rejected = lines.find((line) => line.code === 'ERR_HTTP_UNAUTHORIZED');
    assert.equal(rejected?.level, 30, '4xx must log at info');
  });
});
