/**
 * The HTTP server: a Fastify app over the library facade. `buildServer`
 * returns an app that is not listening yet, so tests can `inject()` into it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { LexhopApi } from '../../api.js';
import { levelForStatus, silentLogger, type Logger } from '../../log.js';
import { bearerAuth, enforceTenant, type TenantToken } from './auth.js';
import type { RouteContext } from './context.js';
import { handleError, handleNotFound } from './errors.js';
import { createMetrics } from './metrics.js';
import { answerRoutes, type AnswerRouteOptions } from './routes/answer.js';
import { chunkRoutes } from './routes/chunks.js';
import { documentRoutes } from './routes/documents.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { searchRoutes } from './routes/search.js';
import { statsRoutes } from './routes/stats.js';
import { SearchCache } from './search-cache.js';
import { ServerState, type DeleteDocuments, type WriteDocuments } from './state.js';

export interface ServerOptions {
  /** The facade, or a promise of it: until it resolves, /readyz answers 503. */
  lexhop: LexhopApi | Promise<LexhopApi>;
  /** Request logs. Default: silent. */
  logger?: Logger;
  /** Tokens accepted as `Authorization: Bearer <token>` on /v1/*. Default: none, no auth. */
  apiTokens?: string[];
  /** Tokens that act for one tenant each. Default: none. */
  tenantTokens?: TenantToken[];
  /** Largest POST /v1/documents body in bytes. Default 50 MiB. */
  documentsBodyLimit?: number;
  /** Largest body of any other request in bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** Search result cache size in entries. Default 10,000; 0 turns it off. */
  cacheEntries?: number;
  /** Search result cache size in MiB of response JSON. Default 64. */
  cacheMb?: number;
  /** How often to pick up other processes' writes, in ms. Default 500; 0 never. */
  refreshIntervalMs?: number;
  /**
   * Changes applied per slice when picking up other processes' writes;
   * requests are answered between slices. Default 1,000 (about 50-100 ms).
   */
  refreshSliceChanges?: number;
  /** Where writes go. Default: the facade's addDocuments; cluster workers forward. */
  writeDocuments?: WriteDocuments;
  /** Where deletes go. Default: the facade's deleteDocuments; cluster workers forward. */
  deleteDocuments?: DeleteDocuments;
  /** The metrics exposition. Default: this server's registry; cluster mode sums workers. */
  metricsText?: () => Promise<string>;
  /** Registry to record metrics in. Default: a fresh one for this server. */
  metricsRegistry?: Registry;
  /** Labels on every metric, e.g. `{ worker: '1' }`. Default none. */
  metricsLabels?: Record<string, string>;
  /** Options of POST /v1/answer (model, budget). Default: model from `LEXHOP_LLM_*`. */
  answer?: Omit<AnswerRouteOptions, 'lexhop' | 'registry'>;
  /** Close the facade when the server closes. Default true. */
  closeLexhop?: boolean;
}

/** An id from `x-request-id` when it is a sane token, else a fresh UUID. */
function requestIdOf(request: IncomingMessage): string {
  const offered = request.headers['x-request-id'];
  if (typeof offered === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(offered)) return offered;
  return randomUUID();
}

const states = new WeakMap<FastifyInstance, ServerState>();

/**
 * Builds the app with every route registered and its hooks in place. The
 * facade is closed when the app closes, unless `closeLexhop` is false.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const documentsBodyLimit = options.documentsBodyLimit ?? 50 * 1024 * 1024;
  const state = new ServerState(options.lexhop, {
    writeDocuments: options.writeDocuments,
    deleteDocuments: options.deleteDocuments,
  });
  const cache = new SearchCache(options.cacheEntries ?? 10_000, options.cacheMb ?? 64);
  const metrics = createMetrics({
    cacheStats: () => cache.stats(),
    ...(options.metricsRegistry === undefined ? {} : { registry: options.metricsRegistry }),
    ...(options.metricsLabels === undefined ? {} : { defaultLabels: options.metricsLabels }),
  });

  const app = Fastify({
    loggerInstance: (options.logger ?? silentLogger) as FastifyBaseLogger,
    // One line per request, written in onResponse below, instead of Fastify's two.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'requestId',
    }),
    genReqId: requestIdOf,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  states.set(app, state);

  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  registerHooks(app, options, metrics, state);
  await registerDocs(app);

  const context: RouteContext = {
    state,
    metrics,
    cache,
    documentsBodyLimit,
    metricsText: options.metricsText ?? (() => metrics.registry.metrics()),
    metricsContentType: metrics.registry.contentType,
  };
  await app.register(healthRoutes, context);
  await app.register(metricsRoutes, context);
  await app.register(searchRoutes, context);
  await app.register(documentRoutes, context);
  await app.register(chunkRoutes, context);
  await app.register(statsRoutes, context);
  await app.register(answerRoutes, {
    ...options.answer,
    lexhop: () => state.require(),
    registry: metrics.registry,
  });

  startRefreshing(app, state, options.refreshIntervalMs ?? 500, options.refreshSliceChanges ?? 1000);
  app.addHook('onClose', async () => {
    await state.opened;
    if (options.closeLexhop !== false) await state.lexhop?.close();
  });

  return app;
}

// Callback hooks, not async ones: they run on every request, cache hits included.
function registerHooks(
  app: FastifyInstance,
  options: ServerOptions,
  metrics: ReturnType<typeof createMetrics>,
  state: ServerState,
): void {
  // Set first, so error answers and hijacked streams carry it too.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  const auth = bearerAuth(options.apiTokens ?? [], options.tenantTokens ?? []);
  if (auth !== undefined) {
    app.addHook('onRequest', auth);
    app.addHook('preHandler', enforceTenant);
  }

  // Answers given while draining close their connection, so keep-alive
  // sockets do not hold the process open once the listener is closed.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (state.draining) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('preClose', (done) => {
    state.startDraining();
    done();
  });

  // Method, route pattern, status and time only: never bodies, queries or headers.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const ms = reply.elapsedTime;
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(status) },
      ms / 1000,
    );
    request.log[levelForStatus(status)](
      { method: request.method, route, status, ms: Math.round(ms * 100) / 100 },
      'request',
    );
    done();
  });
}

async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'lexhop',
        description: 'Legal retrieval: exact provisions, checkable citations.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

/**
 * Picks up other processes' writes every `intervalMs`. A bulk ingest
 * elsewhere leaves tens of thousands of changes to apply, seconds of work:
 * they are applied `sliceChanges` at a time, yielding to waiting requests
 * between slices, until none is left.
 */
function startRefreshing(
  app: FastifyInstance,
  state: ServerState,
  intervalMs: number,
  sliceChanges: number,
): void {
  if (intervalMs <= 0) return;

  let running = false;
  let closed = false;
  const slice = (): void => {
    if (closed) {
      running = false;
      return;
    }
    try {
      state.refresh(sliceChanges);
    } catch (error) {
      app.log.error({ err: error }, 'refresh failed');
      running = false;
      return;
    }
    if ((state.pendingChanges() ?? 0) > 0) setImmediate(slice);
    else running = false;
  };
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    slice();
  }, intervalMs);
  // A pending refresh must not keep a process alive that is otherwise done.
  timer.unref();
  app.addHook('onClose', async () => {
    closed = true;
    clearInterval(timer);
  });
}

/** The shared state behind an app built by `buildServer`; for the cluster writer. */
export function serverState(app: FastifyInstance): ServerState | undefined {
  return states.get(app);
}

/**
 * Takes the server out of rotation, then closes it: /readyz answers 503 at
 * once, and after `delayMs` (default 0) the listener closes, in-flight
 * requests finish, and the facade is closed.
 */
export async function drainServer(app: FastifyInstance, delayMs = 0): Promise<void> {
  states.get(app)?.startDraining();
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  await app.close();
}
