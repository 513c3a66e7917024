import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { statuteLine, tempFolder, writeCorpus } from './helpers.js';
import { runCli, runInProcess as lexhop } from './spawn.js';

describe('lexhop CLI', () => {
  let folder: string;
  let data: string;
  let corpus: string;
  let remove: () => Promise<void>;

  before(async () => {
    ({ folder, remove } = await tempFolder('lexhop-cli-'));
    data = path.join(folder, 'data');
    corpus = await writeCorpus(folder);
  });

  after(async () => remove());

  it('ingests a corpus and finds the provision with search --json, as processes', async () => {
    const ingest = await runCli(['ingest', corpus, '--data', data, '--json']);
    assert.equal(ingest.code, 0, ingest.stderr);
    const summary = JSON.parse(ingest.stdout);
    assert.equal(summary.documents, 3);
    assert.ok(summary.chunks >= 4);
    assert.deepEqual(summary.skipped, []);

    const env = { LEXHOP_DATA: data };
    const search = await runCli(['search', 'opsigelse af lejemål', '--json'], env);
    assert.equal(search.code, 0, search.stderr);
    const response = JSON.parse(search.stdout);
    const top = response.hits[0];
    assert.equal(top.document.title, 'Lov om leje af boliger');
    assert.match(top.citation, /§ 2\b/);
    assert.match(top.text, /skriftligt/);
  });

  it('reports unchanged documents on a second ingest', async () => {
    const again = await lexhop(['ingest', corpus, '--data', data, '--json']);
    assert.equal(again.code, 0, again.stderr);
    const summary = JSON.parse(again.stdout);
    assert.equal(summary.documents, 0);
    assert.equal(summary.unchanged, 3);
  });

  it('prints numbered hits with «» marks when not on a terminal', async () => {
    const result = await lexhop(['search', 'cyklist', '--data', data, '--limit', '2']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\d+ hits? in [\d.]+ ms/);
    assert.match(result.stdout, /\n1\. .*§ 1.*score \d+\.\d\d/);
    assert.match(result.stdout, /Lov om færdsel/);
    assert.match(result.stdout, /«cyklist»/i);
    assert.ok(!result.stdout.includes('\u001b['), 'no terminal escapes in a pipe');
  });

  it('passes filters through: a type filter that matches nothing finds nothing', async () => {
    const none = await lexhop(['search', 'cyklist', '--data', data, '--type', 'BEK', '--json']);
    assert.equal(none.code, 0, none.stderr);
    assert.equal(JSON.parse(none.stdout).hits.length, 0);

    const some = await lexhop(['search', 'cyklist', '--data', data, '--type', 'BEK,LOV', '--json']);
    assert.ok(JSON.parse(some.stdout).hits.length > 0);
  });

  it('keeps going past bad lines and lists them with file and line', async () => {
    const file = path.join(folder, 'mixed.jsonl');
    const provisions: [string, string][] = [['1', '§ 1. En hund skal holdes i snor.']];
    const good = statuteLine('2023:9', 'Lov om hunde', provisions);
    await writeFile(file, `${good}\n{"id": "broken"\n`);

    const result = await lexhop(['ingest', file, '--data', data]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /ingested 1 documents/);
    assert.match(result.stdout, /skipped:\n {2}.*mixed\.jsonl:2 ERR_INGEST_BAD_JSON/);
  });

  it('exits 2 and names the file when nothing could be ingested', async () => {
    const file = path.join(folder, 'broken.jsonl');
    await writeFile(file, '{"id": \n');

    const result = await lexhop(['ingest', file, '--data', data]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error ERR_INGEST_\w+: .*\(.*broken\.jsonl(:1)?\)\n$/);
  });

  it('exits 2 and names a path that does not exist', async () => {
    const missing = path.join(folder, 'no-such-folder');
    const result = await lexhop(['ingest', missing, '--data', data]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error ERR_INGEST_\w+: .*no-such-folder/);
  });

  it('exits 2 with ERR_CLI_USAGE on a bad option value or an unknown option', async () => {
    const limit = await lexhop(['search', 'leje', '--data', data, '--limit', '0']);
    assert.equal(limit.code, 2);
    assert.match(limit.stderr, /^error ERR_CLI_USAGE: --limit must be a whole number from 1 to/);

    const date = await lexhop(['search', 'leje', '--data', data, '--from', '2024-02-30']);
    assert.equal(date.code, 2);
    assert.match(date.stderr, /--from must be a date/);

    const unknown = await lexhop(['search', 'leje', '--bogus']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^error ERR_CLI_USAGE: unknown option '--bogus'/);

    const versions = await lexhop(['search', 'leje', '--versions', 'newest']);
    assert.equal(versions.code, 2);
    assert.match(versions.stderr, /ERR_CLI_USAGE/);
  });

  // Regression: `search lejer --limit 0 --json` wrote a plain-text error.
  it('writes errors as one JSON line when --json is given', async () => {
    const usage = await lexhop(['search', 'lejer', '--limit', '0', '--json', '--data', data]);
    assert.equal(usage.code, 2);
    assert.deepEqual(JSON.parse(usage.stderr), {
      error: {
        code: 'ERR_CLI_USAGE', message: '--limit must be a whole number from 1 to 200, not "0"',
        field: '--limit',
      },
    });
    const missing = await lexhop(['search', '--json']);
    assert.equal(missing.code, 2);
    assert.equal(JSON.parse(missing.stderr).error.code, 'ERR_CLI_USAGE');
    const store = await lexhop(['stats', '--json', '--data', path.join(folder, 'none')]);
    assert.equal(JSON.parse(store.stderr).error.code, 'ERR_STORE_MISSING');
    const plain = await lexhop(['search', 'lejer', '--limit', '0', '--data', data]);
    assert.match(plain.stderr, /^error ERR_CLI_USAGE: --limit/u);
  });

  it('prints stats as JSON and as text', async () => {
    const json = await lexhop(['stats', '--data', data, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const stats = JSON.parse(json.stdout);
    assert.equal(stats.documents, 4);
    assert.equal(stats.searchableChunks, stats.chunks);

    const text = await lexhop(['stats', '--data', data]);
    assert.match(text.stdout, /^documents +4$/m);
  });

  it('prints help and the version with exit code 0', async () => {
    const help = await lexhop(['--help']);
    assert.equal(help.code, 0);
    for (const command of ['ingest', 'search', 'serve', 'stats']) {
      assert.match(help.stdout, new RegExp(`\\n  ${command} `));
    }
    const version = await lexhop(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });
});
