/**
 * Regression: documents sent to POST /v1/documents could never be removed.
 * DELETE /v1/documents/:key on the real server and a real data folder, with
 * the same tokens and tenant rules as the writes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { contract as act, openTenantServer } from './helpers.js';

const ADMIN = { authorization: 'Bearer admin-token-41' };
const ACME = { authorization: 'Bearer acme-token-42' };
const BETA = { authorization: 'Bearer beta-token-43' };


describe('DELETE /v1/documents/:key', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;

  before(async () => {
    ({ app, close } = await openTenantServer({
      admin: 'admin-token-41', acme: 'acme-token-42', beta: 'beta-token-43',
    }));
    const stores = [
      { headers: ADMIN, documents: [act('file:kontrakter/alfa.txt', '§ 1. Om sneglefart.')] },
      { headers: ACME, documents: [act('acme-nda', '§ 1. Fortrolighed om zebraformlen.')] },
      { headers: BETA, documents: [act('beta-nda', '§ 1. Zebraformlen hos beta.')] },
    ];
    for (const { headers, documents } of stores) {
      const stored = await app.inject({
        method: 'POST', url: '/v1/documents', headers, payload: { documents },
      });
      assert.equal(stored.statusCode, 200, stored.body);
    }
  });

  after(async () => {
    await close();
  });

  const keysFound = async (headers: Record<string, string>, query: string): Promise<string[]> => {
    const answer = await app.inject({
      method: 'POST', url: '/v1/search', headers, payload: { query },
    });
    assert.equal(answer.statusCode, 200, answer.body);
    return answer.json().hits.map((hit: { documentKey: string }) => hit.documentKey);
  };

  const deleteDocument = (
    headers: Record<string, string>,
    key: string,
    query = '',
  ): Promise<LightMyRequestResponse> => app.inject({
    method: 'DELETE', url: `/v1/documents/${encodeURIComponent(key)}${query}`, headers,
  });

  it('deletes a document by its URL-encoded key; a cached search stops finding it', async () => {
    assert.deepEqual(await keysFound(ADMIN, 'sneglefart'), ['file:kontrakter/alfa.txt']);
    const cached = await app.inject({
      method: 'POST', url: '/v1/search', headers: ADMIN, payload: { query: 'sneglefart' },
    });
    assert.equal(cached.headers['x-cache'], 'hit');

    const deleted = await deleteDocument(ADMIN, 'file:kontrakter/alfa.txt');

    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(deleted.json(), { deleted: true });
    assert.deepEqual(await keysFound(ADMIN, 'sneglefart'), []);
  });

  it('answers 404 with ERR_STORE_UNKNOWN_KEY for a key that is not stored', async () => {
    const missing = await deleteDocument(ADMIN, 'file:kontrakter/alfa.txt');

    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'ERR_STORE_UNKNOWN_KEY');
    assert.equal(missing.json().error.field, 'key');
  });

  it('refuses a tenant token that names another tenant, and keeps that document', async () => {
    const named = await deleteDocument(ACME, 'beta-nda', '?tenant=beta');
    assert.equal(named.statusCode, 403);
    assert.equal(named.json().error.code, 'ERR_HTTP_FORBIDDEN_TENANT');

    // Unnamed, the token's own tenant is meant: beta's document is not there.
    const unnamed = await deleteDocument(ACME, 'beta-nda');
    assert.equal(unnamed.statusCode, 404);
    assert.deepEqual(await keysFound(BETA, 'zebraformlen'), ['beta-nda']);

    const own = await deleteDocument(ACME, 'acme-nda');
    assert.equal(own.statusCode, 200, own.body);
    assert.deepEqual(await keysFound(ACME, 'zebraformlen'), []);
  });

  it('lets an unbound token delete for a named tenant, and requires a token', async () => {
    const anonymous = await app.inject({ method: 'DELETE', url: '/v1/documents/beta-nda' });
    assert.equal(anonymous.statusCode, 401);

    const admin = await deleteDocument(ADMIN, 'beta-nda', '?tenant=beta');
    assert.equal(admin.statusCode, 200, admin.body);
    assert.deepEqual(await keysFound(BETA, 'zebraformlen'), []);
  });

  it('is described in the OpenAPI document', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operation = spec.paths['/v1/documents/{key}']?.delete;
    assert.ok(operation !== undefined, Object.keys(spec.paths).join(', '));
    assert.ok(operation.responses['200'] !== undefined);
  });
});
