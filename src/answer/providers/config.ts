/**
 * Provider configuration from the environment (or from options), and the
 * factory that turns it into a resilient provider.
 *
 * | variable | meaning | default |
 * | --- | --- | --- |
 * | `LEXHOP_LLM_PROVIDER` | which provider (below) | `none` |
 * | `LEXHOP_LLM_BASE_URL` | API root, e.g. `http://127.0.0.1:11434/v1` | per provider |
 * | `LEXHOP_LLM_API_KEY` | key; required for OpenAI, Azure and Anthropic proper | none |
 * | `LEXHOP_LLM_MODEL` | model name | required, except Azure |
 * | `LEXHOP_LLM_AZURE_DEPLOYMENT` | Azure deployment | required for `azure` |
 * | `LEXHOP_LLM_AZURE_API_VERSION` | Azure `api-version` | `2024-10-21` |
 * | `LEXHOP_LLM_TIMEOUT_MS` | one attempt's wait for headers and first data | 20000 |
 * | `LEXHOP_LLM_IDLE_TIMEOUT_MS` | silence allowed inside a stream | 15000 |
 * | `LEXHOP_LLM_DEADLINE_MS` | whole call, retries included | 60000 |
 * | `LEXHOP_LLM_RETRIES` | attempts after the first | 2 |
 * | `LEXHOP_LLM_CONCURRENCY` | calls in flight per provider | 4 |
 * | `LEXHOP_LLM_MAX_TOKENS` | longest answer | 1024 |
 *
 * Inside an answer the answer's time budget (`budget.ms`, 10000 ms with a model) bounds
 * all of these: whichever ends first stops the call.
 *
 * Providers: `openai`, `azure`, `anthropic`, `ollama`, `vllm`, `lmstudio`, or `none` for
 * extractive answers. `ollama`, `vllm` and `lmstudio` speak the OpenAI protocol; they only set a
 * local default base URL and need no key.
 */
import { LexhopError } from '../../errors.js';
import type { AnswerProvider } from '../types.js';
import { AnthropicMessagesClient } from './anthropic.js';
import { OpenAiChatClient } from './openai.js';
import { ResilientProvider, type ResilienceOptions } from './resilient.js';

export type ProviderKind = 'openai' | 'azure' | 'anthropic';

/** Everything needed to build a provider. */
export interface LlmConfig {
  provider: ProviderKind;
  baseUrl: string;
  apiKey?: string;
  model: string;
  azureDeployment?: string;
  azureApiVersion?: string;
  /** One attempt's wait for response headers and first data. Default 20000 ms. */
  timeoutMs?: number;
  /** Default 15000 ms. */
  idleTimeoutMs?: number;
  /** Default 1024. */
  maxTokens?: number;
  resilience?: ResilienceOptions;
}

const LOCAL_SERVERS: Record<string, string> = {
  ollama: 'http://127.0.0.1:11434/v1',
  vllm: 'http://127.0.0.1:8000/v1',
  lmstudio: 'http://127.0.0.1:1234/v1',
};

const DEFAULT_URLS: Record<ProviderKind, string | undefined> = {
  openai: 'https://api.openai.com/v1',
  azure: undefined,
  anthropic: 'https://api.anthropic.com',
};

type Env = Record<string, string | undefined>;

function invalid(field: string, message: string): LexhopError {
  return new LexhopError('ERR_CONFIG_INVALID', message, { field });
}

function positiveInt(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) {
    throw invalid(name, `${name} must be a positive whole number, got '${raw}'`);
  }
  return Number(raw);
}

function nonNegativeInt(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw invalid(name, `${name} must be a whole number, got '${raw}'`);
  return Number(raw);
}

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Reads the provider configuration from the environment. Returns undefined
 * when no provider is configured (`LEXHOP_LLM_PROVIDER` unset or `none`).
 * Throws `ERR_CONFIG_INVALID` naming the variable that is wrong.
 */
export function llmConfigFromEnv(env: Env = process.env): LlmConfig | undefined {
  const raw = (text(env, 'LEXHOP_LLM_PROVIDER') ?? 'none').toLowerCase();
  if (raw === 'none') return undefined;
  const local = LOCAL_SERVERS[raw];
  if (local === undefined && raw !== 'openai' && raw !== 'azure' && raw !== 'anthropic') {
    throw invalid(
      'LEXHOP_LLM_PROVIDER',
      'LEXHOP_LLM_PROVIDER must be openai, azure, anthropic, ollama, vllm, lmstudio or none, ' +
        `got '${raw}'`,
    );
  }
  const provider: ProviderKind = local === undefined ? (raw as ProviderKind) : 'openai';
  const baseUrl = text(env, 'LEXHOP_LLM_BASE_URL') ?? local ?? DEFAULT_URLS[provider];
  if (baseUrl === undefined) {
    throw invalid('LEXHOP_LLM_BASE_URL', `LEXHOP_LLM_BASE_URL is required for ${provider}`);
  }

  const config: LlmConfig = {
    provider,
    baseUrl,
    model: text(env, 'LEXHOP_LLM_MODEL') ?? '',
    resilience: {},
  };
  const apiKey = text(env, 'LEXHOP_LLM_API_KEY');
  if (apiKey !== undefined) config.apiKey = apiKey;
  const deployment = text(env, 'LEXHOP_LLM_AZURE_DEPLOYMENT');
  if (deployment !== undefined) config.azureDeployment = deployment;
  const version = text(env, 'LEXHOP_LLM_AZURE_API_VERSION');
  if (version !== undefined) config.azureApiVersion = version;

  const numbers = {
    timeoutMs: positiveInt(env, 'LEXHOP_LLM_TIMEOUT_MS'),
    idleTimeoutMs: positiveInt(env, 'LEXHOP_LLM_IDLE_TIMEOUT_MS'),
    maxTokens: positiveInt(env, 'LEXHOP_LLM_MAX_TOKENS'),
  };
  for (const [key, value] of Object.entries(numbers)) {
    if (value !== undefined) config[key as keyof typeof numbers] = value;
  }
  const resilience: ResilienceOptions = {};
  const deadlineMs = positiveInt(env, 'LEXHOP_LLM_DEADLINE_MS');
  const retries = nonNegativeInt(env, 'LEXHOP_LLM_RETRIES');
  const concurrency = positiveInt(env, 'LEXHOP_LLM_CONCURRENCY');
  if (deadlineMs !== undefined) resilience.deadlineMs = deadlineMs;
  if (retries !== undefined) resilience.retries = retries;
  if (concurrency !== undefined) resilience.concurrency = concurrency;
  config.resilience = resilience;

  validateLlmConfig(config, local !== undefined);
  return config;
}

/** Checks a configuration; `local` servers need no key. */
export function validateLlmConfig(config: LlmConfig, local = false): void {
  let url: URL;
  try {
    url = new URL(config.baseUrl);
  } catch {
    throw invalid('LEXHOP_LLM_BASE_URL', 'LEXHOP_LLM_BASE_URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('LEXHOP_LLM_BASE_URL', 'LEXHOP_LLM_BASE_URL must be an http or https URL');
  }
  if (config.provider === 'azure' && config.azureDeployment === undefined) {
    const field = 'LEXHOP_LLM_AZURE_DEPLOYMENT';
    throw invalid(field, `${field} is required for azure`);
  }
  if (config.provider !== 'azure' && config.model === '') {
    throw invalid('LEXHOP_LLM_MODEL', `LEXHOP_LLM_MODEL is required for ${config.provider}`);
  }
  const hosted = !local && config.baseUrl === DEFAULT_URLS[config.provider];
  if ((hosted || config.provider === 'azure') && config.apiKey === undefined) {
    throw invalid('LEXHOP_LLM_API_KEY', `LEXHOP_LLM_API_KEY is required for ${config.provider}`);
  }
}

/** Builds a provider with retries, a circuit breaker and a concurrency limit. */
export function createProvider(config: LlmConfig): AnswerProvider {
  const settings = {
    baseUrl: config.baseUrl,
    model: config.model,
    timeoutMs: config.timeoutMs ?? 20_000,
    idleTimeoutMs: config.idleTimeoutMs ?? 15_000,
    maxTokens: config.maxTokens ?? 1024,
    ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
  };
  const client = config.provider === 'anthropic'
    ? new AnthropicMessagesClient(settings)
    : new OpenAiChatClient({
      ...settings,
      flavour: config.provider,
      ...(config.azureDeployment === undefined ? {} : { azureDeployment: config.azureDeployment }),
      ...(config.azureApiVersion === undefined ? {} : { azureApiVersion: config.azureApiVersion }),
    });
  return new ResilientProvider(client, config.resilience);
}

/** The provider the environment configures, or undefined for extractive answers. */
export function providerFromEnv(env: Env = process.env): AnswerProvider | undefined {
  const config = llmConfigFromEnv(env);
  return config === undefined ? undefined : createProvider(config);
}
