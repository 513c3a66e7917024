import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openLexhop } from '../../src/lexhop.js';
import { tempFolder } from './helpers.js';
import { runCli, startServeProcess, type ServerProcess } from './spawn.js';

const TOKEN = 'cluster-token-9a7e';
const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read by the assertions
  body: any;
}

async function post(url: string, body: unknown): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`not true within ${timeoutMs} ms`);
}

describe('lexhop serve --workers 2', () => {
  let server: ServerProcess;
  let data: string;
  let remove: () => Promise<void>;

  before(async () => {
    const temp = await tempFolder('lexhop-cluster-');
    remove = temp.remove;
    data = path.join(temp.folder, 'data');
    server = await startServeProcess(
      ['--workers', '2', '--port', '0', '--data', data, '--refresh-ms', '100'],
      { LEXHOP_API_TOKENS: TOKEN },
    );
  });

  after(async () => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await remove();
  });

  it('stores concurrent writes through both workers, losing none', async () => {
    const batches = Array.from({ length: 24 }, (_, i) => ({
      documents: [
        {
          key: `cluster:${i}`,
          title: `Bekendtgørelse nr. ${i}`,
          text: `§ 1. Denne bekendtgørelse handler om emne${i}x og intet andet.`,
        },
      ],
    }));

    const documentsUrl = `${server.url}/v1/documents`;
    const answers = await Promise.all(batches.map((batch) => post(documentsUrl, batch)));
    for (const answer of answers) {
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.documents, 1);
    }

    // Every document becomes searchable on whichever worker answers.
    for (let i = 0; i < batches.length; i += 1) {
      await eventually(async () => {
        const { body } = await post(`${server.url}/v1/search`, { query: `emne${i}x` });
        return body.hits?.[0]?.documentKey === `cluster:${i}`;
      });
    }

    const stats = await fetch(`${server.url}/v1/stats`, { headers });
    assert.equal((await stats.json()).documents, batches.length);
  });

  it('makes a write visible to searches on both workers', async () => {
    const stored = await post(`${server.url}/v1/documents`, {
      documents: [{ key: 'cluster:late', title: 'Sen lov', text: '§ 1. Om kvasarstråling.' }],
    });
    assert.equal(stored.status, 200);

    // Many searches, new connections each, so both workers answer some.
    await eventually(async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          fetch(`${server.url}/v1/search`, {
            method: 'POST',
            headers: { ...headers, connection: 'close' },
            body: JSON.stringify({ query: 'kvasarstråling' }),
          }).then((response) => response.json() as Promise<{ hits: unknown[] }>),
        ),
      );
      return results.every((result) => result.hits.length === 1);
    });
  });

  // Regression: nothing deleted documents; a reader must forward a delete to the writer.
  it('deletes once, in the writer, whichever worker is asked', async () => {
    const keys = Array.from({ length: 6 }, (_, i) => `cluster:gone/${i}`);
    const stored = await post(`${server.url}/v1/documents`, {
      documents: keys.map((key, i) => ({
        key, title: `Ophævet nr. ${i}`, text: `§ 1. Om ophævet emne${i}q.`,
      })),
    });
    assert.equal(stored.status, 200, JSON.stringify(stored.body));

    // New connections each, so both workers take some of the deletes.
    const remove = (key: string): Promise<Response> =>
      fetch(`${server.url}/v1/documents/${encodeURIComponent(key)}`, {
        method: 'DELETE',
        headers: { authorization: headers.authorization, connection: 'close' },
      });
    const deleted = await Promise.all(keys.map(remove));
    assert.deepEqual(deleted.map((answer) => answer.status), keys.map(() => 200));
    const again = await Promise.all(keys.map(remove));
    assert.deepEqual(again.map((answer) => answer.status), keys.map(() => 404));

    await eventually(async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          fetch(`${server.url}/v1/search`, {
            method: 'POST',
            headers: { ...headers, connection: 'close' },
            body: JSON.stringify({ query: `emne${i % keys.length}q` }),
          }).then((response) => response.json() as Promise<{ hits: unknown[] }>),
        ),
      );
      return results.every((result) => result.hits.length === 0);
    });

    // The reader took some of the deletes, so the forwarded path was taken.
    const text = await (await fetch(`${server.url}/metrics`)).text();
    for (const worker of ['1', '2']) {
      const labels = `method="DELETE"[^}]*route="/v1/documents/:key"[^}]*worker="${worker}"`;
      const series = new RegExp(`lexhop_http_request_duration_seconds_count\\{${labels}`);
      assert.match(text, series, `worker ${worker} served no delete`);
    }
  });

  it('sums metrics over the workers and shows both served', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    for (const worker of ['1', '2']) {
      const labels = `[^}]*route="/v1/search"[^}]*worker="${worker}"`;
      const series = new RegExp(`lexhop_http_request_duration_seconds_count\\{${labels}`);
      assert.match(text, series, `worker ${worker} served no search`);
    }
    assert.match(text, /lexhop_ingested_documents_total\{worker="\d"\} \d+/);
  });

  it('drains on SIGTERM, exits 0, and leaves every write in the data folder', async () => {
    const code = await server.stop();
    assert.equal(code, 0, server.stderr());

    const lexhop = await openLexhop({ dataDir: data, readOnly: true });
    try {
      assert.equal(lexhop.stats().documents, 25);
    } finally {
      await lexhop.close();
    }
  });
});

describe('lexhop serve --workers 1', () => {
  it('serves without a cluster, requires the token, and drains on SIGTERM', async () => {
    const temp = await tempFolder('lexhop-single-');
    const data = path.join(temp.folder, 'data');
    const server = await startServeProcess(
      ['--workers', '1', '--port', '0', '--data', data, '--token', TOKEN],
    );
    try {
      const unauthorized = await fetch(`${server.url}/v1/stats`);
      assert.equal(unauthorized.status, 401);

      const stored = await post(`${server.url}/v1/documents`, {
        documents: [{ key: 'one:1', title: 'Lov om bier', text: '§ 1. Bistader skal anmeldes.' }],
      });
      assert.equal(stored.status, 200, JSON.stringify(stored.body));
      const found = await post(`${server.url}/v1/search`, { query: 'bistader' });
      assert.equal(found.body.hits[0]?.documentKey, 'one:1');

      assert.equal(await server.stop(), 0, server.stderr());
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await temp.remove();
    }
  });

  it('exits 2 naming --port when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = String((blocker.address() as AddressInfo).port);
    const temp = await tempFolder('lexhop-busy-');
    try {
      const data = path.join(temp.folder, 'data');
      const result = await runCli(['serve', '--workers', '1', '--port', port, '--data', data]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, new RegExp(`error ERR_CONFIG_INVALID: 127.0.0.1:${port} is in use`));
      assert.match(result.stderr, /\(--port\)/);
    } finally {
      blocker.close();
      await temp.remove();
    }
  });
});
