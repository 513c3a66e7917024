import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseTenantTokens } from '../../src/serve/http/auth.js';
import { runCli } from './spawn.js';
import { buildServer } from '../../src/serve/http/server.js';
import { contract as act, openTemp, openTenantServer } from './helpers.js';

const ADMIN = { authorization: 'Bearer admin-token-77' };
const ACME = { authorization: 'Bearer acme-token-31' };
const BETA = { authorization: 'Bearer beta-token-52' };


// Regression: any caller could pass `tenant: "acme"` and read acme's private documents.
describe('tenant tokens', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;

  before(async () => {
    ({ app, close } = await openTenantServer({
      admin: 'admin-token-77', acme: 'acme-token-31', beta: 'beta-token-52',
    }));
    const acme = await app.inject({
      method: 'POST', url: '/v1/documents', headers: ADMIN,
      payload: { tenant: 'acme', documents: [act('acme-nda', '§ 1. Fortrolighed om zebraformlen.')] },
    });
    assert.equal(acme.statusCode, 200, acme.body);
    // A tenant token writes for its own tenant without naming it.
    const beta = await app.inject({
      method: 'POST', url: '/v1/documents', headers: BETA,
      payload: { documents: [act('beta-nda', '§ 1. Fortrolighed om zebraformlen hos beta.')] },
    });
    assert.equal(beta.statusCode, 200, beta.body);
  });

  after(async () => {
    await close();
  });

  const search = (headers: Record<string, string>, payload: object) =>
    app.inject({ method: 'POST', url: '/v1/search', headers, payload: { query: 'zebraformlen', ...payload } });

  it('searches as the token\'s tenant, seeing no other tenant', async () => {
    const acme = (await search(ACME, {})).json().hits.map((h: { documentKey: string }) => h.documentKey);
    assert.deepEqual(acme, ['acme-nda']);
    const beta = (await search(BETA, {})).json().hits.map((h: { documentKey: string }) => h.documentKey);
    assert.deepEqual(beta, ['beta-nda']);
    assert.equal((await search(ADMIN, {})).json().hits.length, 0);
  });

  it('refuses a tenant token that names another tenant, on search and chunks', async () => {
    const other = await search(ACME, { tenant: 'beta' });
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().error.code, 'ERR_HTTP_FORBIDDEN_TENANT');
    assert.equal(other.json().error.field, 'tenant');

    const own = (await search(BETA, { tenant: 'beta' })).json().hits[0];
    const chunk = await app.inject({
      method: 'GET', url: `/v1/chunks/${own.chunkId}?tenant=beta`, headers: ACME,
    });
    assert.equal(chunk.statusCode, 403);
    const unnamed = await app.inject({ method: 'GET', url: `/v1/chunks/${own.chunkId}`, headers: ACME });
    assert.equal(unnamed.statusCode, 404);
  });

  it('lets an unbound token act for any tenant, and rejects unknown tokens', async () => {
    assert.equal((await search(ADMIN, { tenant: 'beta' })).json().hits[0]?.documentKey, 'beta-nda');
    const wrong = await search({ authorization: 'Bearer acme-token-3' }, {});
    assert.equal(wrong.statusCode, 401);
  });

  // Regression: `--token shared --tenant-token acme=shared` let `shared` read beta's documents.
  it('refuses one secret given for any tenant and for a tenant, or for two tenants', async () => {
    const temp = await openTemp();
    try {
      for (const [apiTokens, entries, named] of [
        [['shared'], ['acme=shared'], /any tenant \(--token\) and for tenant acme/u],
        [[], ['acme=dup', 'beta=dup'], /tenant acme and for tenant beta/u],
      ] as const) {
        await assert.rejects(
          buildServer({ lexhop: temp.lexhop, apiTokens: [...apiTokens], tenantTokens: parseTenantTokens([...entries]) }),
          (error: Error) => named.test(error.message) && !error.message.includes('shared'),
        );
      }
      // The same token twice for the same tenant means one thing: allowed.
      const app = await buildServer({
        lexhop: temp.lexhop, tenantTokens: parseTenantTokens(['acme=same', 'acme=same']),
      });
      await app.close();
    } finally {
      await temp.remove();
    }
  });

  // Regression: `LEXHOP_API_TOKENS=` (a secret that came out empty) started with auth off.
  it('refuses to serve when a token variable is set but empty, or a --token is blank', async () => {
    for (const [args, env, named] of [
      [[], { LEXHOP_API_TOKENS: '' }, /LEXHOP_API_TOKENS is set but holds no token/u],
      [[], { LEXHOP_API_TOKENS: ' , ' }, /LEXHOP_API_TOKENS is set but holds no token/u],
      [[], { LEXHOP_TENANT_TOKENS: '' }, /LEXHOP_TENANT_TOKENS is set but holds no token/u],
      [['--token', ' '], {}, /--token is blank/u],
    ] as const) {
      const result = await runCli(['serve', '--port', '0', '--workers', '1', ...args], { ...env });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, named);
    }
  });

  it('reads `<tenant>=<token>` and refuses entries without both', () => {
    assert.deepEqual(parseTenantTokens(['a.b=x=y']), [{ tenant: 'a.b', token: 'x=y' }]);
    assert.throws(() => parseTenantTokens(['nobody']), /tenant token/);
    assert.throws(() => parseTenantTokens(['=secret']), /tenant token/);
  });
});
