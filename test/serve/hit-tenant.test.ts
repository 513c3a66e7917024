import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { SearchHit, SearchResponse } from '../../src/retrieve/types.js';
import { formatSearch } from '../../src/serve/cli/format.js';
import { parseTenantTokens } from '../../src/serve/http/auth.js';
import { buildServer } from '../../src/serve/http/server.js';
import { openTemp, statuteLine } from './helpers.js';

const ADMIN = 'admin-token-19';
const TOKENS = { acme: 'acme-token-83', beta: 'beta-token-47' };

// Both tenants store the same act under the same key, so a mix-up would show.
const privateAct = statuteLine('2024:7', 'Lov om zebraer', [
  ['1', '§ 1. Modtageren holder zebraformlen fortrolig.'],
  ['2', '§ 2. Aftalen gælder i fem år.'],
]);

// Regression: hits did not say whose document they were, so a tenant could
// not tell its private documents from public ones.
describe('hit documents name their owner tenant', () => {
  let app: FastifyInstance;
  let url: string;
  let remove: () => Promise<void>;

  before(async () => {
    const temp = await openTemp();
    remove = temp.remove;
    await temp.lexhop.addDocuments([{
      key: 'public:guide', title: 'Vejledning om fortrolighed', docType: 'LOV', language: 'da',
      text: '§ 1. Zebraformlen er et eksempel på en forretningshemmelighed.',
    }]);
    const actFile = path.join(path.dirname(temp.dataDir), 'zebraer.jsonl');
    await writeFile(actFile, `${privateAct}\n`);
    for (const tenant of Object.keys(TOKENS)) {
      assert.equal((await temp.lexhop.ingest([actFile], { tenant })).documents, 1);
    }
    app = await buildServer({
      lexhop: temp.lexhop,
      apiTokens: [ADMIN],
      tenantTokens: parseTenantTokens(Object.entries(TOKENS).map(([t, token]) => `${t}=${token}`)),
      refreshIntervalMs: 0,
    });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  after(async () => {
    await app.close();
    await remove();
  });

  const search = async (
    token: string,
    body: object,
  ): Promise<{ status: number; text: string; json: SearchResponse }> => {
    const response = await fetch(`${url}/v1/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'zebraformlen', ...body }),
    });
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) as SearchResponse };
  };

  const owners = (hits: SearchHit[]): string[] =>
    [...new Set(hits.map((hit) => `${hit.document.title}:${hit.document.tenant ?? '-'}`))].sort();

  it('names the owner of a private document and nobody for a public one', async () => {
    const { status, json } = await search(TOKENS.acme, {});
    assert.equal(status, 200);
    assert.deepEqual(owners(json.hits), ['Lov om zebraer:acme', 'Vejledning om fortrolighed:-']);

    const publicHit = json.hits.find((hit) => hit.documentKey === 'public:guide');
    assert.ok(publicHit !== undefined);
    assert.ok(!('tenant' in publicHit.document), 'a public document must carry no tenant key');
  });

  it('never shows a tenant another tenant\'s name, cached or not, by words or citation', async () => {
    const cited = { query: '§ 1 i lov om zebraer' };
    const requests = [{}, {}, cited, cited, { versions: 'all', perDocument: 0 }];
    for (const [tenant, token] of Object.entries(TOKENS)) {
      const other = tenant === 'acme' ? 'beta' : 'acme';
      for (const request of requests) {
        const { status, text, json } = await search(token, request);
        assert.equal(status, 200, text);
        assert.ok(json.hits.some((hit) => hit.document.tenant === tenant), text);
        for (const hit of json.hits) {
          assert.ok([undefined, tenant].includes(hit.document.tenant), text);
        }
        assert.ok(!text.includes(other), `${tenant} saw ${other}: ${text}`);
      }

      const { json } = await search(token, cited);
      assert.equal(json.hits[0]?.matchedBy, 'citation');
      assert.equal(json.hits[0]?.document.tenant, tenant);
    }
  });

  it('shows no owner to a caller searching public documents only', async () => {
    const { status, json } = await search(ADMIN, {});
    assert.equal(status, 200);
    assert.deepEqual(owners(json.hits), ['Vejledning om fortrolighed:-']);
  });

  it('prints the owner in the CLI hit line', async () => {
    const { json } = await search(TOKENS.beta, {});
    const text = formatSearch(json, 0, false);
    assert.match(text, /Lov om zebraer · LOV · 2023-01-01 · tenant beta/);
    assert.doesNotMatch(text, /Vejledning om fortrolighed[^\n]*tenant/);
  });
});
