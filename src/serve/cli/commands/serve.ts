/**
 * `lexhop serve`: the HTTP API. With more than one worker it runs a cluster:
 * this process becomes the primary and forks the workers, which re-run this
 * command and land in the worker branch below.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { createLogger } from '../../../log.js';
import { runPrimary } from '../../cluster/primary.js';
import { runWorker } from '../../cluster/worker.js';
import type { ServeConfig } from '../../config.js';
import { checkTokensApart, parseTenantTokens, parseTokenList } from '../../http/auth.js';
import { startServer } from '../../start.js';
import {
  action,
  reportError,
  usageError,
  withCommonOptions,
  type CommandContext,
  type CommonOptions,
} from '../context.js';
import { integerOption, repeatOption } from '../parse.js';

interface ServeCliOptions extends CommonOptions {
  host: string;
  port: number;
  workers?: number;
  token?: string[];
  tenantToken?: string[];
  refreshMs: number;
  cacheEntries: number;
  cacheMb: number;
  drainMs: number;
}

/**
 * The tokens of a list variable. One that is set but holds none, empty
 * included (`LEXHOP_API_TOKENS=$SECRET` with the secret missing), is refused:
 * taken as no tokens, it would turn auth off unseen.
 */
function tokensOf(variable: 'LEXHOP_API_TOKENS' | 'LEXHOP_TENANT_TOKENS'): string[] {
  const value = process.env[variable];
  const tokens = parseTokenList(value);
  if (value !== undefined && tokens.length === 0) {
    throw usageError(variable, 'is set but holds no token; unset it, or give comma-separated tokens');
  }
  return tokens;
}

/** `--token` values: a blank one is a mistake, not a token. */
function flagTokens(tokens: readonly string[] | undefined): string[] {
  if (tokens?.some((token) => token.trim() === '') === true) {
    throw usageError('--token', 'is blank; give the secret clients send');
  }
  return [...(tokens ?? [])];
}

function configOf(options: ServeCliOptions): ServeConfig {
  const apiTokens = [...flagTokens(options.token), ...tokensOf('LEXHOP_API_TOKENS')];
  const tenantTokens = parseTenantTokens([
    ...(options.tenantToken ?? []), ...tokensOf('LEXHOP_TENANT_TOKENS'),
  ]);
  // Checked here too, so the primary refuses before it starts any worker.
  checkTokensApart(apiTokens, tenantTokens);
  return {
    host: options.host,
    port: options.port,
    workers: options.workers ?? availableParallelism(),
    apiTokens,
    tenantTokens,
    ...(options.data === undefined ? {} : { dataDir: options.data }),
    ...(options.engine === undefined ? {} : { engine: options.engine }),
    refreshIntervalMs: options.refreshMs,
    cacheEntries: options.cacheEntries,
    cacheMb: options.cacheMb,
    drainDelayMs: options.drainMs,
  };
}

function announce(
  context: CommandContext<ServeCliOptions>,
  url: string,
  config: ServeConfig,
): void {
  const auth = config.apiTokens.length + config.tenantTokens.length > 0 ? 'bearer token' : 'none';
  const workers = `${config.workers} ${config.workers === 1 ? 'worker' : 'workers'}`;
  context.print(
    { url, workers: config.workers, auth },
    () => `lexhop listening on ${url} (${workers}, auth: ${auth}; docs at ${url}/docs)`,
  );
}

/** Resolves on the first SIGTERM or SIGINT. */
function nextStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
}

async function serveOneProcess(
  context: CommandContext<ServeCliOptions>,
  config: ServeConfig,
): Promise<number> {
  const logger = createLogger();
  const running = await startServer({ config, logger });
  try {
    await running.opened;
  } catch (error) {
    await running.drain();
    throw error;
  }

  announce(context, running.url, config);
  await nextStopSignal();
  logger.info('draining');
  await running.drain();
  return 0;
}

async function serve(context: CommandContext<ServeCliOptions>): Promise<number> {
  const config = configOf(context.options);
  const logger = createLogger();

  if (cluster.isWorker) {
    await runWorker(config, logger);
    return 0;
  }
  if (config.workers <= 1) return serveOneProcess(context, config);

  return runPrimary({
    config,
    logger,
    onListening: (url) => announce(context, url, config),
    onStartFailed: (error) => reportError(context.io, error),
  });
}

/** Registers `serve`. */
export function register(program: Command): void {
  withCommonOptions(
    program
      .command('serve')
      .description('serve the HTTP API (docs at /docs, OpenAPI at /openapi.json)')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--port <port>', 'port, 0 for any free one', integerOption('--port', 0, 65_535), 8080)
      .option(
        '--workers <n>',
        'serving processes (default: number of CPUs)',
        integerOption('--workers', 1, 256),
      )
      .option(
        '--token <token>',
        'require Authorization: Bearer <token> on /v1/*; repeatable; also LEXHOP_API_TOKENS',
        repeatOption,
      )
      .option(
        '--tenant-token <tenant=token>',
        'a token that acts for one tenant only; repeatable; also LEXHOP_TENANT_TOKENS',
        repeatOption,
      )
      .option(
        '--refresh-ms <ms>',
        'how often to pick up writes of other processes',
        integerOption('--refresh-ms', 0, 3_600_000),
        500,
      )
      .option(
        '--cache-entries <n>',
        'search results cached per worker, 0 for none',
        integerOption('--cache-entries', 0, 10_000_000),
        10_000,
      )
      .option(
        '--cache-mb <n>',
        'most MiB of search results cached per worker',
        integerOption('--cache-mb', 1, 1_000_000),
        64,
      )
      .option(
        '--drain-ms <ms>',
        'on SIGTERM, time /readyz answers 503 before the listener closes',
        integerOption('--drain-ms', 0, 600_000),
        0,
      ),
  ).action(action(serve));
}
