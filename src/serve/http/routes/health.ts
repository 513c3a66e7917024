/**
 * Probes. /healthz says the process is alive; /readyz says it should get
 * traffic: the data folder is open, the index has caught up, and the server
 * is not draining. Returning 503 while draining lets a load balancer move
 * traffic away before connections close.
 */
import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../context.js';
import { ErrorSchema, StatusSchema } from '../schemas.js';

/** Registers GET /healthz and GET /readyz. */
export async function healthRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const { state } = context;

  app.get(
    '/healthz',
    { schema: { summary: 'Liveness', tags: ['probes'], response: { 200: StatusSchema } } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness',
        tags: ['probes'],
        response: { 200: StatusSchema, 503: ErrorSchema },
      },
    },
    async (_request, reply) => {
      const readiness = state.readiness();
      if (readiness.ready) return { status: 'ready' };

      return reply.status(503).send({
        error: { code: 'ERR_HTTP_NOT_READY', message: readiness.reason ?? 'not ready' },
      });
    },
  );
}
