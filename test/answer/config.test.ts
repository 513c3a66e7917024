import assert from 'node:assert/strict';
import { test } from 'node:test';
import { llmConfigFromEnv, providerFromEnv } from '../../src/answer/providers/config.js';
import { LexhopError } from '../../src/errors.js';

function configError(env: Record<string, string>): LexhopError {
  try {
    llmConfigFromEnv(env);
  } catch (error) {
    assert.ok(error instanceof LexhopError);
    return error;
  }
  assert.fail('expected ERR_CONFIG_INVALID');
}

test('config: no provider, or none, means extractive answers', () => {
  assert.equal(llmConfigFromEnv({}), undefined);
  assert.equal(providerFromEnv({ LEXHOP_LLM_PROVIDER: 'none' }), undefined);
});

test('config: local OpenAI-compatible servers get their default URL and need no key', () => {
  const config = llmConfigFromEnv({ LEXHOP_LLM_PROVIDER: 'ollama', LEXHOP_LLM_MODEL: 'llama3.1' });
  assert.equal(config?.provider, 'openai');
  assert.equal(config?.baseUrl, 'http://127.0.0.1:11434/v1');
  assert.equal(config?.apiKey, undefined);
});

test('config: azure needs a deployment and a key; numbers are checked', () => {
  const env = { LEXHOP_LLM_PROVIDER: 'azure', LEXHOP_LLM_BASE_URL: 'https://x.openai.azure.com' };
  assert.equal(configError(env).details.field, 'LEXHOP_LLM_AZURE_DEPLOYMENT');
  const withDeployment = { ...env, LEXHOP_LLM_AZURE_DEPLOYMENT: 'gpt' };
  assert.equal(configError(withDeployment).details.field, 'LEXHOP_LLM_API_KEY');
  const config = llmConfigFromEnv({
    ...withDeployment,
    LEXHOP_LLM_API_KEY: 'k-123456',
    LEXHOP_LLM_DEADLINE_MS: '5000',
    LEXHOP_LLM_RETRIES: '0',
  });
  assert.deepEqual(config?.resilience, { deadlineMs: 5000, retries: 0 });
  const bad = { ...withDeployment, LEXHOP_LLM_API_KEY: 'k', LEXHOP_LLM_TIMEOUT_MS: 'soon' };
  assert.equal(configError(bad).details.field, 'LEXHOP_LLM_TIMEOUT_MS');
});

test('config: an unknown provider and a missing model name the variable, never the key', () => {
  const secret = 'sk-live-abcdefghijklmnop';
  const unknown = configError({ LEXHOP_LLM_PROVIDER: 'gemini', LEXHOP_LLM_API_KEY: secret });
  assert.equal(unknown.details.field, 'LEXHOP_LLM_PROVIDER');
  const noModel = configError({ LEXHOP_LLM_PROVIDER: 'anthropic', LEXHOP_LLM_API_KEY: secret });
  assert.equal(noModel.details.field, 'LEXHOP_LLM_MODEL');
  for (const error of [unknown, noModel]) {
    assert.ok(!error.message.includes(secret));
    assert.ok(!JSON.stringify(error.details).includes(secret));
  }
});
