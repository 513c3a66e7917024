/** `lexhop ask`, run in-process on a fixture data folder. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AnswerResponse } from '../../src/answer/types.js';
import { abandonedMarker } from '../../src/serve/cli/commands/ask.js';
import { main } from '../../src/serve/cli/main.js';
import { openFixture, type Fixture } from './fixtures.js';
import { startOpenAiServer } from './servers/openai-protocol-server.js';
import type { Script, ScriptedServer } from './servers/scripted-server.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Each write to standard output, in order. */
  writes: string[];
}

async function run(args: string[], options: { tty?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const writes: string[] = [];
  const code = await main(['node', 'lexhop', 'ask', ...args], {
    stdout: {
      write: (text: string) => {
        writes.push(text);
        stdout += text;
      },
      ...(options.tty === true ? { isTTY: true } : {}),
    },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr, writes };
}

/** Runs `body` with `LEXHOP_LLM_*` pointing at a local OpenAI-protocol server playing `script`. */
async function withModel(
  script: Script,
  body: (model: ScriptedServer) => Promise<void>,
): Promise<void> {
  const model = await startOpenAiServer(script);
  const env = {
    LEXHOP_LLM_PROVIDER: 'openai',
    LEXHOP_LLM_BASE_URL: `${model.url}/v1`,
    LEXHOP_LLM_MODEL: 'gpt-test',
  };
  const saved = Object.keys(env).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, env);
  try {
    await body(model);
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await model.close();
  }
}

const count = (text: string, pattern: RegExp): number =>
  text.match(new RegExp(pattern, 'g'))?.length ?? 0;

const TENANCY_QUESTION = 'Med hvilket varsel kan en lejer opsige lejeaftalen?';

/** Models that start an answer and are cut off by the time budget. */
const CUT_OFF: { name: string; script: Script; partial: string }[] = [
  {
    name: 'stalls',
    script: [{ kind: 'stall', text: 'Første del af svaret [1] og så intet mere.' }],
    partial: 'Første',
  },
  {
    name: 'streams a word every 400 ms',
    script: [{
      kind: 'reply',
      text: 'Dette er et svar der kommer ord for ord [1] og alt for langsomt frem.',
      chunkDelayMs: 400,
    }],
    partial: 'Dette er et',
  },
];

const EXTRACTIVE = /Extractive answer \(language model unavailable: timeout\)/;

describe('lexhop ask', () => {
  let fixture: Fixture;
  let data: string;
  before(async () => {
    fixture = await openFixture();
    data = path.join(fixture.dir, 'data');
    // The command opens the folder itself.
    await fixture.lexhop.close();
  });
  after(async () => {
    await fixture.close();
  });

  test('prints the extractive answer, its sources and its hops', async () => {
    const question = 'Med hvilket varsel kan en lejer opsige lejeaftalen?';
    const result = await run([question, '--data', data, '--no-llm']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Extractive answer \(no language model configured\)/);
    assert.match(result.stdout, /\nSources:\n\* \[1\] /);
    assert.match(result.stdout, /\n {2}reference from \[\d+\] "§ 11" → \[\d+\]/);
  });

  test('a bad --limit is a usage error naming the option', async () => {
    const result = await run(['opsigelse', '--data', data, '--limit', '99']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--limit must be a whole number from 1 to 20/);
  });

  test('a model that hangs after the request: quotation within --budget-ms', async () => {
    await withModel([{ kind: 'hang' }], async (model) => {
      const started = Date.now();
      const result = await run([TENANCY_QUESTION, '--data', data, '--budget-ms', '800']);
      const took = Date.now() - started;
      assert.equal(result.code, 0, result.stderr);
      // Opening the data folder comes on top of the answer's budget.
      assert.ok(took < 800 + 1500, `took ${took} ms`);
      assert.match(result.stdout, /^Extractive answer \(language model unavailable: timeout\)/);
      assert.match(result.stdout, /note: language model failed: openai sent no response headers/);
      assert.equal(model.requests.length, 1, 'the request reached the model');
    });
  });

  for (const { name, script, partial } of CUT_OFF) {
    test(`piped output had the partial text of a model that ${name}`, async () => {
      await withModel(script, async () => {
        const args = [TENANCY_QUESTION, '--data', data, '--budget-ms', '1500', '--no-decompose'];
        const result = await run(args);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, new RegExp(`^${EXTRACTIVE.source}`));
        assert.ok(!result.stdout.includes(partial), result.stdout);
      });
    });

    test(`a terminal showed the partial text of a model that ${name} unmarked`, async () => {
      await withModel(script, async () => {
        const args = [TENANCY_QUESTION, '--data', data, '--budget-ms', '1500', '--no-decompose'];
        const result = await run(args, { tty: true });
        assert.equal(result.code, 0, result.stderr);
        assert.ok(result.stdout.startsWith(partial), result.stdout);
        const marker = `\n${abandonedMarker('timeout')}\n\n`;
        const at = result.stdout.indexOf(marker);
        assert.ok(at > 0, result.stdout);
        // The quoted answer starts on the line after the marker's blank line.
        assert.match(result.stdout.slice(at + marker.length), new RegExp(`^${EXTRACTIVE.source}`));
      });
    });

    test(`the note on a model that ${name} was printed twice`, async () => {
      await withModel(script, async () => {
        const args = [TENANCY_QUESTION, '--data', data, '--budget-ms', '1500', '--no-decompose'];
        for (const tty of [false, true]) {
          const result = await run(args, { tty });
          const both = result.stdout + result.stderr;
          assert.equal(count(both, /language model failed/), 1, both);
          assert.match(result.stdout, /\nnote: language model failed: openai stream /);
        }
      });
    });
  }

  test('--json on a model whose stream stalls holds only the final answer', async () => {
    // Without a reader to stream to, the request asks for the whole reply; this one never ends.
    await withModel(CUT_OFF[0]?.script ?? [], async () => {
      const args = [TENANCY_QUESTION, '--data', data, '--budget-ms', '1500', '--json'];
      const result = await run([...args, '--no-decompose']);
      assert.equal(result.code, 0, result.stderr);
      const response = JSON.parse(result.stdout) as AnswerResponse;
      assert.equal(response.mode, 'extractive');
      assert.match(response.answer, new RegExp(`^${EXTRACTIVE.source}`));
      assert.equal(response.flags.degraded?.reason, 'timeout');
      assert.ok(!result.stdout.includes('Første'), result.stdout);
      assert.equal(result.stderr, '');
    });
  });

  test('a healthy model still streams to a terminal, and piped output is the answer', async () => {
    const text = 'En lejer kan opsige lejeaftalen med 3 måneders varsel [1].';
    await withModel([{ kind: 'reply', text, chunkDelayMs: 20 }], async () => {
      const args = [TENANCY_QUESTION, '--data', data, '--no-decompose'];
      const live = await run(args, { tty: true });
      assert.equal(live.code, 0, live.stderr);
      assert.ok(live.stdout.startsWith(`${text}\n\nSources:\n`), live.stdout);
      const pieces = live.writes.slice(0, live.writes.indexOf('\n'));
      assert.ok(pieces.length > 1, 'the answer came in pieces');
      assert.equal(pieces.join(''), text);

      const piped = await run(args);
      assert.equal(piped.code, 0, piped.stderr);
      assert.ok(piped.stdout.startsWith(`${text}\n\nSources:\n`), piped.stdout);
      assert.ok(!piped.stdout.includes('[model answer abandoned'));
    });
  });

  test('--json prints the AnswerResponse', async () => {
    const question = 'Hvor stort et depositum kan udlejer kræve?';
    const result = await run([question, '--data', data, '--json', '--no-llm']);
    assert.equal(result.code, 0, result.stderr);
    const response = JSON.parse(result.stdout) as AnswerResponse;
    assert.equal(response.mode, 'extractive');
    assert.ok(response.citations.length > 0);
  });
});
