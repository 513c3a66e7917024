/** `lexhop ask`, run in-process on a fixture data folder. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AnswerResponse } from '../../src/answer/types.js';
import { main } from '../../src/serve/cli/main.js';
import { openFixture, type Fixture } from './fixtures.js';
import { startOpenAiServer } from './servers/openai-protocol-server.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'lexhop', 'ask', ...args], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

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
    const model = await startOpenAiServer([{ kind: 'hang' }]);
    const env = {
      LEXHOP_LLM_PROVIDER: 'openai',
      LEXHOP_LLM_BASE_URL: `${model.url}/v1`,
      LEXHOP_LLM_MODEL: 'gpt-test',
    };
    const saved = Object.keys(env).map((name) => [name, process.env[name]] as const);
    Object.assign(process.env, env);
    try {
      const started = Date.now();
      const question = 'Med hvilket varsel kan en lejer opsige lejeaftalen?';
      const result = await run([question, '--data', data, '--budget-ms', '800']);
      const took = Date.now() - started;
      assert.equal(result.code, 0, result.stderr);
      // Opening the data folder comes on top of the answer's budget.
      assert.ok(took < 800 + 1500, `took ${took} ms`);
      assert.match(result.stderr, /language model failed \(timeout\); answering by quotation/);
      assert.match(result.stdout, /Extractive answer \(language model unavailable: timeout\)/);
      assert.match(result.stdout, /note: language model failed: openai sent no response headers/);
      assert.equal(model.requests.length, 1, 'the request reached the model');
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await model.close();
    }
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
