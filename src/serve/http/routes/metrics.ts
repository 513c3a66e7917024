/** GET /metrics: Prometheus exposition. */
import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../context.js';

/** Registers GET /metrics. */
export async function metricsRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  app.get(
    '/metrics',
    { schema: { summary: 'Prometheus metrics', tags: ['probes'] } },
    async (_request, reply) => {
      const text = await context.metricsText();
      return reply.header('content-type', context.metricsContentType).send(text);
    },
  );
}
