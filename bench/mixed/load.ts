/**
 * Mixed load from this process on loopback: closed-loop clients that each
 * send a write (POST /v1/documents, one small act with a unique word) with
 * probability `writeShare` and a search otherwise. Every tenth acknowledged
 * write is followed by a probe that searches its unique word until it is
 * found: the time from the write's answer to that hit is how soon a new
 * document becomes searchable.
 */
import { Agent, request } from 'node:http';
import { summarize, type LatencySummary } from '../scale/percentiles.js';

export interface MixedStep {
  writeShare: number;
  connections: number;
  durationS: number;
  searches: LatencySummary;
  writes: LatencySummary;
  searchRps: number;
  writeRps: number;
  /** From a write's answer until a search finds it. */
  visibleMs: LatencySummary;
  /** Probed writes not found within `VISIBLE_TIMEOUT_MS`. */
  notVisible: number;
  /** Writes the server acknowledged. */
  acknowledged: number;
  errors: number;
}

/** A probe gives up after this long. */
const VISIBLE_TIMEOUT_MS = 30_000;

interface Reply {
  status: number;
  body: string;
}

function post(agent: Agent, port: number, path: string, body: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const call = request({
      host: '127.0.0.1', port, path, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (piece: string) => {
        text += piece;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    call.on('error', reject);
    call.end(data);
  });
}

/** A small act in the corpus's own form, holding `word` twice. */
function act(key: string, word: string, n: number): unknown {
  return {
    key, title: `Bekendtgørelse om blandet last nr. ${n}`, docType: 'BEK',
    text: `§ 1. Denne bekendtgørelse om ${word} gælder for lejere og udlejere.\n` +
      `§ 2. Lejeren kan opsige lejeaftalen med tre måneders varsel. Jf. ${word}.`,
  };
}

/** Runs one step for `durationS` seconds; `queries` are cycled with a suffix that keeps them unique. */
export async function runMixedStep(options: {
  port: number;
  queries: readonly string[];
  writeShare: number;
  connections: number;
  durationS: number;
  /** Makes keys and words unique across runs on one data folder. */
  runId: string;
}): Promise<MixedStep> {
  const { port, queries, writeShare, connections, durationS, runId } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const probes = new Agent({ keepAlive: true, maxSockets: 4 });
  const searches: number[] = [];
  const writes: number[] = [];
  const visible: number[] = [];
  const pending: Promise<void>[] = [];
  let notVisible = 0;
  let errors = 0;
  let writeErrors = 0;
  let sent = 0;

  const probe = async (word: string, acknowledgedAt: number): Promise<void> => {
    for (;;) {
      const reply = await post(probes, port, '/v1/search', { query: word, limit: 1 });
      const hits = reply.status === 200 ? (JSON.parse(reply.body) as { hits: unknown[] }).hits : [];
      if (hits.length > 0) {
        visible.push(performance.now() - acknowledgedAt);
        return;
      }
      if (performance.now() - acknowledgedAt > VISIBLE_TIMEOUT_MS) {
        notVisible += 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const end = performance.now() + durationS * 1000;
  const client = async (id: number): Promise<void> => {
    while (performance.now() < end) {
      sent += 1;
      const n = sent;
      const begin = performance.now();
      if (Math.random() < writeShare) {
        // Letters only: the analyzer keeps the word whole, so the probe finds exactly this act.
        const word = `blandet${runId}${id.toString(36)}q${n.toString(36)}`.replace(/\d/gu, (d) =>
          'abcdefghij'.charAt(Number(d)));
        const reply = await post(agent, port, '/v1/documents', {
          documents: [act(`mixed-${runId}-${id}-${n}`, word, n)],
        });
        const at = performance.now();
        writes.push(at - begin);
        if (reply.status !== 200 && reply.status !== 201) writeErrors += 1;
        else if (n % 10 === 0) pending.push(probe(word, at));
      } else {
        const query = `${queries[n % queries.length] ?? 'lejer'} ${n % 97}`;
        const reply = await post(agent, port, '/v1/search', { query, limit: 10 });
        searches.push(performance.now() - begin);
        if (reply.status !== 200) errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, id) => client(id)));
  await Promise.all(pending);
  agent.destroy();
  probes.destroy();

  return {
    writeShare, connections, durationS,
    searches: summarize(searches), writes: summarize(writes),
    searchRps: searches.length / durationS, writeRps: writes.length / durationS,
    visibleMs: summarize(visible), notVisible, acknowledged: writes.length - writeErrors,
    errors: errors + writeErrors,
  };
}
