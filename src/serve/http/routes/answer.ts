/**
 * POST /v1/answer: an answer with numbered citations, as JSON or, with
 * `Accept: text/event-stream` or `"stream": true`, as server-sent events:
 * `hop`, `sources`, `delta` (answer text as it is written), `degraded`,
 * `citations`, `done` (the whole response) and, on failure, `error`.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { answerQuestion } from '../../../answer/index.js';
import { answerMetrics, type AnswerMetrics } from '../../../answer/metrics.js';
import { providerFromEnv } from '../../../answer/providers/config.js';
import type {
  AnswerBudget,
  AnswerEvent,
  AnswerProvider,
  AnswerRequest,
  AnswerResponse,
} from '../../../answer/types.js';
import type { LexhopApi } from '../../../api.js';
import type { SearchFilters } from '../../../retrieve/types.js';
import { toErrorResponse } from '../errors.js';
import { ErrorSchema, IsoDate, SearchFiltersSchema, TenantId } from '../schemas.js';

export interface AnswerRouteOptions {
  /** The facade, or a getter that throws `ERR_HTTP_NOT_READY` while it opens. */
  lexhop: LexhopApi | (() => LexhopApi);
  /** The model. Default: from `LEXHOP_LLM_*`; `null`: none, extractive answers. */
  provider?: AnswerProvider | null;
  /** Registry for answer metrics and the circuit breaker gauge. Default: none. */
  registry?: Registry;
  /** Hop and time budget. Default: `answerQuestion`'s (6 hops; 3000 ms, 10000 with a model). */
  budget?: AnswerBudget;
  /** Keep-alive comment interval on event streams. Default 15000 ms. */
  heartbeatMs?: number;
}

export const AnswerRequestSchema = Type.Object(
  {
    question: Type.String({
      minLength: 1,
      maxLength: 2000,
      pattern: '\\S',
      examples: ['Hvornår kan en lejer opsige lejemålet?'],
    }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })),
    filters: Type.Optional(SearchFiltersSchema),
    tenant: Type.Optional(TenantId),
    asOf: Type.Optional(IsoDate),
    decompose: Type.Optional(Type.Boolean()),
    stream: Type.Optional(Type.Boolean({ description: 'answer as server-sent events' })),
  },
  { additionalProperties: false },
);

export type AnswerBody = Static<typeof AnswerRequestSchema>;

function requestOf(body: AnswerBody): AnswerRequest {
  const request: AnswerRequest = { question: body.question };
  if (body.limit !== undefined) request.limit = body.limit;
  // The schema checked the filters; TypeBox types their labels loosely.
  if (body.filters !== undefined) request.filters = body.filters as SearchFilters;
  if (body.tenant !== undefined) request.tenant = body.tenant;
  if (body.asOf !== undefined) request.asOf = body.asOf;
  if (body.decompose !== undefined) request.decompose = body.decompose;
  return request;
}

function wantsStream(request: FastifyRequest<{ Body: AnswerBody }>): boolean {
  if (request.body.stream !== undefined) return request.body.stream;
  return (request.headers.accept ?? '').includes('text/event-stream');
}

/** One SSE block; data is one JSON line, so it never needs splitting. */
function sseBlock(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function eventPayload(event: AnswerEvent): unknown {
  const { type, ...payload } = event;
  void type;
  return payload;
}

/** Registers POST /v1/answer. */
export async function answerRoutes(
  app: FastifyInstance,
  options: AnswerRouteOptions,
): Promise<void> {
  const given = options.lexhop;
  const lexhopOf = typeof given === 'function' ? given : (): LexhopApi => given;
  const provider = options.provider === null
    ? undefined
    : (options.provider ?? providerFromEnv(process.env));
  const metrics = options.registry === undefined
    ? undefined
    : answerMetrics(options.registry, provider);
  const heartbeatMs = options.heartbeatMs ?? 15_000;

  app.post<{ Body: AnswerBody }>(
    '/v1/answer',
    {
      schema: {
        summary: 'Answer a question with numbered citations',
        description:
          'Retrieves provisions, follows references and definitions, and answers with `[n]` ' +
          'markers mapped to chunks. Extractive (quoted) unless a language model is configured.',
        tags: ['answer'],
        body: AnswerRequestSchema,
        response: { '4xx': ErrorSchema, '5xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      const lexhop = lexhopOf();
      const answerRequest = requestOf(request.body);
      const run = (extra: { onEvent?: (event: AnswerEvent) => void; signal: AbortSignal }) =>
        answerQuestion(lexhop, answerRequest, {
          ...extra,
          ...(provider === undefined ? {} : { provider }),
          ...(options.budget === undefined ? {} : { budget: options.budget }),
        });

      if (!wantsStream(request)) {
        const controller = new AbortController();
        reply.raw.on('close', () => {
          if (!reply.raw.writableFinished) controller.abort();
        });
        const response = await run({ signal: controller.signal });
        metrics?.observe(response);
        return reply.send(response);
      }
      await streamAnswer(request, reply, { run, metrics, heartbeatMs });
      return reply;
    },
  );
}

async function streamAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    run: (extra: {
      onEvent: (event: AnswerEvent) => void;
      signal: AbortSignal;
    }) => Promise<AnswerResponse>;
    metrics: AnswerMetrics | undefined;
    heartbeatMs: number;
  },
): Promise<void> {
  const raw = reply.raw;
  const controller = new AbortController();
  raw.on('close', () => {
    if (!raw.writableFinished) controller.abort();
  });

  // Headers set by hooks (x-request-id) go out with the hijacked response.
  reply.hijack();
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const write = (text: string): void => {
    if (!raw.destroyed && !raw.writableEnded) raw.write(text);
  };
  const heartbeat = setInterval(() => write(': keep-alive\n\n'), options.heartbeatMs);

  try {
    const response = await options.run({
      onEvent: (event) => write(sseBlock(event.type, eventPayload(event))),
      signal: controller.signal,
    });
    options.metrics?.observe(response);
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    if (status >= 500) request.log.error({ err: error, code: body.error.code }, 'answer failed');
    write(sseBlock('error', { status, ...body }));
  } finally {
    clearInterval(heartbeat);
    if (!raw.writableEnded) raw.end();
  }
}
