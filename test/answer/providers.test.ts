/**
 * One set of cases for every provider protocol, each against a local server
 * that speaks it: replies whole and streamed, and the failures the
 * resilience layer must handle (5xx, 429 with Retry-After, malformed output,
 * slowness, stalls, hangs, trickles, dropped connections, an open circuit, a
 * full bulkhead, the caller's time budget).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createProvider, type LlmConfig } from '../../src/answer/providers/config.js';
import type { AnswerProvider } from '../../src/answer/types.js';
import { isLexhopError } from '../../src/errors.js';
import { startAnthropicServer } from './servers/anthropic-protocol-server.js';
import { startOpenAiServer } from './servers/openai-protocol-server.js';
import type { Script, ScriptedServer } from './servers/scripted-server.js';

const KEY = 'sk-test-0123456789abcdef';
const DANISH = 'Lejeren kan opsige lejeaftalen med tre måneders varsel [1]. Æ, ø og å bevares.';

interface Protocol {
  name: string;
  start(script: Script): Promise<ScriptedServer>;
  config(url: string): LlmConfig;
}

const protocols: Protocol[] = [
  {
    name: 'openai',
    start: (script) => startOpenAiServer(script, { apiKey: KEY }),
    config: (url) => ({ provider: 'openai', baseUrl: `${url}/v1`, model: 'gpt-test', apiKey: KEY }),
  },
  {
    name: 'azure',
    start: (script) =>
      startOpenAiServer(script, {
        apiKey: KEY,
        azure: { deployment: 'lex-dep', apiVersion: '2024-10-21' },
      }),
    config: (url) => ({
      provider: 'azure',
      baseUrl: url,
      model: '',
      apiKey: KEY,
      azureDeployment: 'lex-dep',
      azureApiVersion: '2024-10-21',
    }),
  },
  {
    name: 'anthropic',
    start: (script) => startAnthropicServer(script, { apiKey: KEY }),
    config: (url) => ({ provider: 'anthropic', baseUrl: url, model: 'claude-test', apiKey: KEY }),
  },
];

/** Fast settings so failure cases finish quickly. */
function fast(config: LlmConfig, overrides: Partial<LlmConfig> = {}): LlmConfig {
  return {
    ...config,
    timeoutMs: 300,
    idleTimeoutMs: 300,
    ...overrides,
    resilience: { retries: 2, backoffMs: 5, maxBackoffMs: 20, ...overrides.resilience },
  };
}

const ask = { system: 'rules', messages: [{ role: 'user' as const, content: 'spørgsmål' }] };

async function withServer(
  protocol: Protocol,
  script: Script,
  run: (server: ScriptedServer) => Promise<void>,
): Promise<void> {
  const server = await protocol.start(script);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isLexhopError(error), `expected a LexhopError, got ${String(error)}`);
    return { code: error.code, message: error.message };
  }
  assert.fail('expected the call to fail');
}

for (const protocol of protocols) {
  describe(`provider protocol: ${protocol.name}`, () => {
    test('a whole reply: text, request shape, headers', async () => {
      await withServer(protocol, [{ kind: 'reply', text: DANISH }], async (server) => {
        const provider = createProvider(fast(protocol.config(server.url)));
        const result = await provider.complete(ask);
        assert.equal(result.text, DANISH);
        assert.equal(server.requests.length, 1);
        const body = server.requests[0]?.body ?? {};
        assert.equal(body.temperature, 0);
        assert.equal(body.stream, undefined);
        if (protocol.name === 'anthropic') {
          assert.equal(body.system, 'rules');
          assert.equal(body.max_tokens, 1024);
        } else {
          const messages = body.messages as { role: string; content: string }[];
          assert.deepEqual(messages[0], { role: 'system', content: 'rules' });
        }
      });
    });

    test('a streamed reply split at odd byte boundaries with CRLF ends', async () => {
      const script: Script = [{ kind: 'reply', text: DANISH, splitBytes: 7, crlf: true }];
      await withServer(protocol, script, async (server) => {
        const provider = createProvider(fast(protocol.config(server.url)));
        const deltas: string[] = [];
        const result = await provider.complete({ ...ask, onDelta: (t) => deltas.push(t) });
        assert.equal(result.text, DANISH);
        assert.equal(deltas.join(''), DANISH);
        assert.ok(deltas.length > 3, 'the reply arrived in several deltas');
        assert.equal(server.requests[0]?.body.stream, true);
      });
    });

    test('a 500 is retried with backoff and the retry succeeds', async () => {
      const script: Script = [{ kind: 'status', status: 500 }, { kind: 'reply', text: DANISH }];
      await withServer(protocol, script, async (server) => {
        const provider = createProvider(fast(protocol.config(server.url)));
        assert.equal((await provider.complete(ask)).text, DANISH);
        assert.equal(server.requests.length, 2);
      });
    });

    test('a 429 with Retry-After is honoured before the retry', async () => {
      const script: Script = [
        { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
        { kind: 'reply', text: DANISH },
      ];
      await withServer(protocol, script, async (server) => {
        const provider = createProvider(fast(protocol.config(server.url)));
        const started = Date.now();
        assert.equal((await provider.complete(ask)).text, DANISH);
        assert.ok(Date.now() - started >= 950, 'waited the second Retry-After asked for');
        assert.equal(server.requests.length, 2);
      });
    });

    test('a 429 asking for longer than the cap fails at once as rate-limited', async () => {
      const script: Script = [{ kind: 'status', status: 429, headers: { 'retry-after': '120' } }];
      await withServer(protocol, script, async (server) => {
        const provider = createProvider(fast(protocol.config(server.url)));
        const started = Date.now();
        const error = await failure(provider.complete(ask));
        assert.equal(error.code, 'ERR_ANSWER_RATE_LIMITED');
        assert.ok(Date.now() - started < 500);
        assert.equal(server.requests.length, 1);
      });
    });

    test('a 400 is final: no retry', async () => {
      await withServer(protocol, [{ kind: 'status', status: 400 }], async (server) => {
        const provider = createProvider(fast(protocol.config(server.url)));
        const error = await failure(provider.complete(ask));
        assert.equal(error.code, 'ERR_ANSWER_PROVIDER');
        assert.match(error.message, /HTTP 400/);
        assert.equal(server.requests.length, 1);
      });
    });

    test('a wrong key gets 401, no retry, and the key never reaches the message', async () => {
      await withServer(protocol, [{ kind: 'reply', text: DANISH }], async (server) => {
        const wrong = 'sk-wrong-key-9876543210';
        const provider = createProvider(fast({ ...protocol.config(server.url), apiKey: wrong }));
        const error = await failure(provider.complete(ask));
        assert.match(error.message, /HTTP 401/);
        assert.ok(!error.message.includes(wrong), error.message);
        assert.ok(!JSON.stringify(provider).includes(wrong), 'the key is not enumerable');
        assert.equal(server.requests.length, 1);
      });
    });

    test('malformed JSON and malformed stream events are malformed output', async () => {
      await withServer(protocol, [{ kind: 'malformed' }], async (server) => {
        const provider = createProvider(fast(protocol.config(server.url)));
        assert.equal((await failure(provider.complete(ask))).code, 'ERR_ANSWER_MALFORMED');
        const streamed = provider.complete({ ...ask, onDelta: () => undefined });
        assert.equal((await failure(streamed)).code, 'ERR_ANSWER_MALFORMED');
      });
    });

    test('a server slower than the timeout fails as timeout after the retries', async () => {
      const slow: Script = [{ kind: 'reply', text: DANISH, delayMs: 2000 }];
      await withServer(protocol, slow, async (server) => {
        const provider = createProvider(fast(protocol.config(server.url), { timeoutMs: 100 }));
        const started = Date.now();
        assert.equal((await failure(provider.complete(ask))).code, 'ERR_ANSWER_TIMEOUT');
        assert.ok(Date.now() - started < 1000);
        assert.equal(server.requests.length, 3);
      });
    });

    test('a stream that stalls after text is not retried: the text was already shown', async () => {
      await withServer(protocol, [{ kind: 'stall', text: DANISH }], async (server) => {
        const provider = createProvider(fast(protocol.config(server.url), { idleTimeoutMs: 150 }));
        const deltas: string[] = [];
        const error = await failure(provider.complete({ ...ask, onDelta: (t) => deltas.push(t) }));
        assert.equal(error.code, 'ERR_ANSWER_TIMEOUT');
        assert.match(error.message, /stream stalled: no data for 150 ms/);
        assert.ok(deltas.length > 0);
        assert.equal(server.requests.length, 1);
      });
    });

    test('a server that reads the request and never answers: "no response headers"', async () => {
      await withServer(protocol, [{ kind: 'hang' }], async (server) => {
        const provider = createProvider(fast(protocol.config(server.url), {
          timeoutMs: 150,
          resilience: { retries: 0 },
        }));
        const error = await failure(provider.complete({ ...ask, onDelta: () => undefined }));
        assert.equal(error.code, 'ERR_ANSWER_TIMEOUT');
        assert.match(error.message, new RegExp(`^${protocol.name} sent no response headers ` +
          'within 150 ms$'));
        assert.equal(server.requests.length, 1, 'the request did arrive');
        assert.doesNotMatch(error.message, /connecting/);
      });
    });

    test('the caller\'s time budget cuts retries short and says what was awaited', async () => {
      await withServer(protocol, [{ kind: 'hang' }], async (server) => {
        const provider = createProvider(fast(protocol.config(server.url), {
          timeoutMs: 200,
          resilience: { retries: 5 },
        }));
        const started = Date.now();
        const signal = AbortSignal.timeout(500);
        const error = await failure(provider.complete({ ...ask, signal }));
        assert.ok(Date.now() - started < 900, `took ${Date.now() - started} ms`);
        assert.equal(error.code, 'ERR_ANSWER_TIMEOUT');
        const cut = /sent no response headers within \d+ ms \(attempt [23]; time budget ran out/;
        assert.match(error.message, cut);
        assert.ok(server.requests.length >= 2 && server.requests.length <= 3);
      });
    });

    test('a stream that trickles keep-alives but no answer ends at the time budget', async () => {
      await withServer(protocol, [{ kind: 'trickle', everyMs: 40 }], async (server) => {
        const provider = createProvider(fast(protocol.config(server.url), {
          timeoutMs: 5000,
          idleTimeoutMs: 5000,
        }));
        const started = Date.now();
        const streamed = { ...ask, onDelta: () => undefined, signal: AbortSignal.timeout(400) };
        const error = await failure(provider.complete(streamed));
        assert.ok(Date.now() - started < 800, `took ${Date.now() - started} ms`);
        assert.equal(error.code, 'ERR_ANSWER_TIMEOUT');
        const cut = /stream did not finish within \d+ ms \(no data for the last \d+ ms\)/;
        assert.match(error.message, cut);
        assert.equal(server.requests.length, 1);
      });
    });

    test('a caller that goes away cancels; that is not a timeout of the provider', async () => {
      await withServer(protocol, [{ kind: 'hang' }], async (server) => {
        const provider = createProvider(fast(protocol.config(server.url), {
          timeoutMs: 5000,
          resilience: { breakerThreshold: 1 },
        }));
        const caller = new AbortController();
        setTimeout(() => caller.abort(), 100);
        const error = await failure(provider.complete({ ...ask, signal: caller.signal }));
        assert.match(error.message, /call was cancelled$/);
        assert.equal(provider.circuitState?.(), 'closed');
      });
    });

    test('a dropped connection is retried, then reported as a network error', async () => {
      await withServer(protocol, [{ kind: 'drop' }], async (server) => {
        const provider = createProvider(fast(protocol.config(server.url)));
        const error = await failure(provider.complete(ask));
        assert.equal(error.code, 'ERR_ANSWER_PROVIDER');
        assert.match(error.message, /network error/);
        assert.equal(server.requests.length, 3);
      });
    });

    test('the circuit opens after repeated failures, fails fast, and closes again', async () => {
      let healthy = false;
      const script: Script = () =>
        healthy ? { kind: 'reply', text: DANISH } : { kind: 'status', status: 503 };
      await withServer(protocol, script, async (server) => {
        const provider = createProvider(fast(protocol.config(server.url), {
          resilience: { retries: 0, breakerThreshold: 2, halfOpenAfterMs: 200 },
        }));
        assert.equal(provider.circuitState?.(), 'closed');
        await failure(provider.complete(ask));
        await failure(provider.complete(ask));
        assert.equal(provider.circuitState?.(), 'open');

        const error = await failure(provider.complete(ask));
        assert.equal(error.code, 'ERR_ANSWER_CIRCUIT_OPEN');
        assert.equal(server.requests.length, 2, 'an open circuit sends nothing');

        healthy = true;
        await new Promise((resolve) => setTimeout(resolve, 250));
        assert.equal((await provider.complete(ask)).text, DANISH);
        assert.equal(provider.circuitState?.(), 'closed');
      });
    });

    test('the concurrency limit queues calls and rejects beyond the queue', async () => {
      const slow: Script = [{ kind: 'reply', text: DANISH, delayMs: 100 }];
      await withServer(protocol, slow, async (server) => {
        const provider: AnswerProvider = createProvider(fast(protocol.config(server.url), {
          timeoutMs: 2000,
          resilience: { concurrency: 1, queue: 1 },
        }));
        const started = Date.now();
        const calls = [provider.complete(ask), provider.complete(ask), provider.complete(ask)];
        const results = await Promise.allSettled(calls);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2);
        const rejected = results.find((r) => r.status === 'rejected');
        assert.ok(rejected?.status === 'rejected');
        assert.ok(isLexhopError(rejected.reason, 'ERR_ANSWER_BUSY'));
        assert.ok(Date.now() - started >= 190, 'the queued call waited for the first');
      });
    });

    test('the deadline bounds the whole call, retries and waits included', async () => {
      const slow: Script = [{ kind: 'reply', text: DANISH, delayMs: 3000 }];
      await withServer(protocol, slow, async (server) => {
        const provider = createProvider(fast(protocol.config(server.url), {
          timeoutMs: 5000,
          resilience: { deadlineMs: 250 },
        }));
        const started = Date.now();
        assert.equal((await failure(provider.complete(ask))).code, 'ERR_ANSWER_TIMEOUT');
        assert.ok(Date.now() - started < 600);
      });
    });
  });
}
