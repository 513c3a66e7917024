/**
 * Starting one serving process: open the data folder, build the app, listen.
 * The facade opens in the background, so the port answers /healthz (and
 * /readyz with 503) while a large index loads.
 */
import type { FastifyInstance } from 'fastify';
import { LexhopError } from '../errors.js';
import { openLexhop } from '../lexhop.js';
import type { Logger } from '../log.js';
import type { ServeConfig } from './config.js';
import { buildServer, drainServer, type ServerOptions } from './http/server.js';

export interface RunningServer {
  app: FastifyInstance;
  /** The address it listens on, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  /** Resolves once the data folder is open; rejects when it cannot be opened. */
  opened: Promise<void>;
  /** Drains and closes: readyz 503, then no new connections, in-flight finish. */
  drain(): Promise<void>;
}

export interface StartOptions {
  config: ServeConfig;
  logger: Logger;
  /** Open read-only (cluster readers). Default false. */
  readOnly?: boolean;
  /** Passed to buildServer (write forwarding, metrics source, labels). */
  server?: Partial<ServerOptions>;
}

/** A LexhopError for the usual reasons a port cannot be had; other errors as they are. */
function listenError(error: unknown, config: ServeConfig): unknown {
  const code = (error as { code?: unknown }).code;
  const where = `${config.host}:${config.port}`;
  if (code === 'EADDRINUSE') {
    return new LexhopError('ERR_CONFIG_INVALID', `${where} is in use`, { field: '--port' });
  }
  if (code === 'EACCES') {
    return new LexhopError('ERR_CONFIG_INVALID', `no permission to listen on ${where}`, {
      field: '--port',
    });
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new LexhopError('ERR_CONFIG_INVALID', `cannot listen on ${where}`, { field: '--host' });
  }
  return error;
}

/** Opens the data folder, builds the server and listens on the configured address. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const lexhop = openLexhop({
    ...(config.dataDir === undefined ? {} : { dataDir: config.dataDir }),
    ...(config.engine === undefined ? {} : { engine: config.engine }),
    readOnly: options.readOnly ?? false,
    logger,
  });
  const opened = lexhop.then(() => undefined);
  // Observed here so a failed open is not an unhandled rejection before a caller looks.
  opened.catch(() => undefined);

  const app = await buildServer({
    lexhop,
    logger,
    apiTokens: config.apiTokens,
    tenantTokens: config.tenantTokens,
    refreshIntervalMs: config.refreshIntervalMs,
    cacheEntries: config.cacheEntries,
    cacheMb: config.cacheMb,
    ...options.server,
  });

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    throw listenError(error, config);
  }

  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return {
    app,
    url: `http://${host}:${port}`,
    port,
    opened,
    drain: () => drainServer(app, config.drainDelayMs),
  };
}
