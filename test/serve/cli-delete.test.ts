/**
 * Regression: `lexhop ingest` told users to delete a document first, but no
 * command deleted. `lexhop delete` on a real data folder, in process and as
 * a child process.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempFolder } from './helpers.js';
import { runCli, runInProcess as lexhop } from './spawn.js';

describe('lexhop delete', () => {
  let data: string;
  let contracts: string;
  let remove: () => Promise<void>;

  before(async () => {
    let folder: string;
    ({ folder, remove } = await tempFolder('lexhop-cli-delete-'));
    data = path.join(folder, 'data');
    contracts = path.join(folder, 'contracts');
    await mkdir(contracts);
    await writeFile(path.join(contracts, 'alfa.txt'), 'Alfa leverer tandhjul til værkstedet.\n');
    await writeFile(path.join(contracts, 'beta.txt'), 'Beta leverer tandhjul og skruer.\n');
    const ingested = await lexhop(['ingest', contracts, '--data', data]);
    assert.equal(ingested.code, 0, ingested.stderr);
  });

  after(async () => remove());

  const keysFound = async (query: string, extra: string[] = []): Promise<string[]> => {
    const run = await lexhop(['search', query, '--data', data, '--json', ...extra]);
    assert.equal(run.code, 0, run.stderr);
    const hits = (JSON.parse(run.stdout) as { hits: { documentKey: string }[] }).hits;
    return hits.map((hit) => hit.documentKey).sort();
  };

  it('deletes a document so that search no longer finds it', async () => {
    const before = await keysFound('tandhjul');
    assert.equal(before.length, 2);
    const alfa = before.find((key) => key.includes('alfa'));
    assert.ok(alfa !== undefined);

    const run = await lexhop(['delete', alfa, '--data', data]);

    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `deleted ${alfa}\n`);
    assert.deepEqual(await keysFound('tandhjul'), before.filter((key) => key !== alfa));
  });

  it('exits 2 naming a key that is not stored, and still deletes the others', async () => {
    const [beta] = await keysFound('skruer');
    assert.ok(beta !== undefined);

    const run = await lexhop(['delete', 'file:nowhere.txt', beta, '--data', data, '--json']);

    assert.equal(run.code, 2);
    assert.deepEqual(JSON.parse(run.stdout), { deleted: [beta], notFound: ['file:nowhere.txt'] });
    const error = JSON.parse(run.stderr) as { error: { code: string; message: string } };
    assert.equal(error.error.code, 'ERR_STORE_UNKNOWN_KEY');
    assert.match(error.error.message, /"file:nowhere\.txt"/u);
    assert.deepEqual(await keysFound('skruer'), []);
  });

  it('deletes a tenant\'s document only with --tenant, as a child process', async () => {
    const tenantData = path.join(path.dirname(data), 'tenant-data');
    const ingested = await runCli(['ingest', contracts, '--data', tenantData, '--tenant', 'acme']);
    assert.equal(ingested.code, 0, ingested.stderr);
    const search = ['search', 'skruer', '--data', tenantData, '--tenant', 'acme', '--json'];
    const [key] = (JSON.parse((await runCli(search)).stdout) as {
      hits: { documentKey: string }[];
    }).hits.map((hit) => hit.documentKey);
    assert.ok(key !== undefined);

    const publicOnly = await runCli(['delete', key, '--data', tenantData]);
    assert.equal(publicOnly.code, 2);
    assert.match(publicOnly.stderr, /^error ERR_STORE_UNKNOWN_KEY: .*as a public document/u);

    const own = await runCli(['delete', key, '--data', tenantData, '--tenant', 'acme']);
    assert.equal(own.code, 0, own.stderr);
    assert.equal(JSON.parse((await runCli(search)).stdout).hits.length, 0);
  });
});
