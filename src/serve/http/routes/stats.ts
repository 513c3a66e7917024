/** GET /v1/stats: what the data folder holds and how the cache is doing. */
import type { FastifyInstance } from 'fastify';
import type { LexhopStats } from '../../../api.js';
import type { RouteContext } from '../context.js';
import { ErrorSchema, StatsSchema } from '../schemas.js';

/** Registers GET /v1/stats. */
export async function statsRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const { state, cache } = context;

  app.get(
    '/v1/stats',
    {
      schema: {
        summary: 'Index statistics',
        tags: ['stats'],
        response: { 200: StatsSchema, '4xx': ErrorSchema, '5xx': ErrorSchema },
      },
    },
    async () => {
      // The data folder's path is the operator's business, not the client's.
      const stats: Partial<LexhopStats> = { ...state.require().stats() };
      delete stats.dataDir;
      return { ...stats, cache: cache.stats() };
    },
  );
}
