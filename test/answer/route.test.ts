/**
 * POST /v1/answer on a Fastify app with the answer plugin: JSON, server-sent
 * events read over a real socket, validation, and the circuit breaker gauge.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { createProvider } from '../../src/answer/providers/config.js';
import type { AnswerResponse } from '../../src/answer/types.js';
import { readServerSentEvents } from '../../src/answer/providers/sse.js';
import { handleError } from '../../src/serve/http/errors.js';
import { answerRoutes } from '../../src/serve/http/routes/answer.js';
import { openFixture, type Fixture } from './fixtures.js';
import { startOpenAiServer } from './servers/openai-protocol-server.js';
import type { ScriptedServer } from './servers/scripted-server.js';

const QUESTION = 'Med hvilket varsel kan en lejer opsige lejeaftalen?';

describe('POST /v1/answer', () => {
  let fixture: Fixture;
  before(async () => {
    fixture = await openFixture();
  });
  after(async () => {
    await fixture.close();
  });

  type RouteOptions = Partial<Parameters<typeof answerRoutes>[1]>;
  async function app(options: RouteOptions = {}): Promise<FastifyInstance> {
    const instance = Fastify();
    // As the server does: errors in the `{ error: { code, message, field } }` shape.
    instance.setErrorHandler(handleError);
    await instance.register(answerRoutes, { lexhop: fixture.lexhop, provider: null, ...options });
    return instance;
  }

  test('JSON: the extractive answer with citations and hops', async () => {
    const server = await app();
    const reply = await server.inject({
      method: 'POST',
      url: '/v1/answer',
      payload: { question: QUESTION, limit: 2 },
    });
    assert.equal(reply.statusCode, 200);
    const body = reply.json<AnswerResponse>();
    assert.equal(body.mode, 'extractive');
    assert.ok(body.citations.length > 0);
    assert.ok(body.hops.some((h) => h.kind === 'reference'));
    await server.close();
  });

  test('a bad body is a 400 before any stream starts', async () => {
    const server = await app();
    const reply = await server.inject({
      method: 'POST',
      url: '/v1/answer',
      headers: { accept: 'text/event-stream' },
      payload: { question: '  ', limit: 2 },
    });
    assert.equal(reply.statusCode, 400);
    assert.equal(reply.json<{ error: { field: string } }>().error.field, 'question');
    assert.notEqual(reply.headers['content-type'], 'text/event-stream; charset=utf-8');
    await server.close();
  });

  test('a model that hangs after the request degrades within the budget', async () => {
    const model = await startOpenAiServer([{ kind: 'hang' }]);
    const provider = createProvider({
      provider: 'openai',
      baseUrl: `${model.url}/v1`,
      model: 'gpt-test',
    });
    const server = await app({ provider, budget: { ms: 600 } });
    try {
      const started = Date.now();
      const reply = await server.inject({
        method: 'POST',
        url: '/v1/answer',
        payload: { question: QUESTION, limit: 2, decompose: false },
      });
      assert.ok(Date.now() - started < 600 + 700, `took ${Date.now() - started} ms`);
      assert.equal(reply.statusCode, 200);
      const body = reply.json<AnswerResponse>();
      assert.equal(body.mode, 'extractive');
      assert.equal(body.flags.degraded?.reason, 'timeout');
      assert.match(body.flags.degraded?.message ?? '', /sent no response headers within \d+ ms/);
    } finally {
      await server.close();
      await model.close();
    }
  });

  describe('with a model behind it', () => {
    let model: ScriptedServer;
    let server: FastifyInstance;
    let url: string;
    let registry: Registry;
    before(async () => {
      let calls = 0;
      // The first answer streams; then the model goes down for good.
      model = await startOpenAiServer(() =>
        calls++ === 0
          ? { kind: 'reply', text: 'Varslet er 3 måneder [1].', chunkDelayMs: 5 }
          : { kind: 'status', status: 500 });
      registry = new Registry();
      const provider = createProvider({
        provider: 'openai',
        baseUrl: `${model.url}/v1`,
        model: 'gpt-test',
        timeoutMs: 500,
        resilience: { retries: 0, breakerThreshold: 1, halfOpenAfterMs: 60_000 },
      });
      server = await app({ provider, registry });
      url = await server.listen({ port: 0, host: '127.0.0.1' });
    });
    after(async () => {
      await server.close();
      await model.close();
    });

    test('server-sent events: hop, sources, deltas, citations, done', async () => {
      const response = await fetch(`${url}/v1/answer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ question: QUESTION, limit: 2, decompose: false }),
      });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.ok(response.body);
      const events: { event?: string; data: string }[] = [];
      for await (const event of readServerSentEvents(response.body)) events.push(event);

      const names = events.map((e) => e.event).filter((n, i, all) => n !== all[i - 1]);
      assert.deepEqual(names, ['hop', 'sources', 'delta', 'citations', 'done']);
      const text = events
        .filter((e) => e.event === 'delta')
        .map((e) => (JSON.parse(e.data) as { text: string }).text)
        .join('');
      assert.equal(text, 'Varslet er 3 måneder [1].');
      const done = JSON.parse(events.at(-1)?.data ?? '{}') as { response: AnswerResponse };
      assert.equal(done.response.mode, 'llm');
      assert.equal(done.response.citations[0]?.n, 1);
    });

    test('the model failing degrades the stream; the gauge shows the open circuit', async () => {
      const reply = await server.inject({
        method: 'POST',
        url: '/v1/answer',
        payload: { question: QUESTION, limit: 2, decompose: false, stream: true },
      });
      const names = reply.body
        .split('\n')
        .filter((line) => line.startsWith('event: '))
        .map((line) => line.slice('event: '.length));
      assert.ok(names.includes('degraded'), names.join(','));
      assert.equal(names.at(-1), 'done');

      const metrics = await registry.metrics();
      assert.match(metrics, /lexhop_llm_circuit_state\{provider="openai\/gpt-test"\} 1/);
      assert.match(metrics, /lexhop_answer_degraded_total\{reason="provider-error"\} 1/);
      assert.match(metrics, /lexhop_answers_total\{mode="llm",outcome="answered"\} 1/);
    });
  });
});
