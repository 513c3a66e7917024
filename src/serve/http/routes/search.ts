/** POST /v1/search: ranked provisions for a query, answered from the cache when it can. */
import type { FastifyInstance } from 'fastify';
import type { SearchRequest } from '../../../retrieve/types.js';
import type { RouteContext } from '../context.js';
import {
  ErrorSchema,
  SearchRequestSchema,
  SearchResponseSchema,
  type SearchBody,
} from '../schemas.js';
import { normalizeSearchRequest, searchCacheKey } from '../search-cache.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Registers POST /v1/search. */
export async function searchRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const { state, cache, metrics } = context;

  app.post<{ Body: SearchBody }>(
    '/v1/search',
    {
      schema: {
        summary: 'Search provisions',
        description: 'Citations in the query (`straffeloven § 263`) are resolved first.',
        tags: ['search'],
        body: SearchRequestSchema,
        response: { 200: SearchResponseSchema, '4xx': ErrorSchema, '5xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      const started = process.hrtime.bigint();
      const lexhop = state.require();
      const searchRequest = normalizeSearchRequest(request.body as SearchRequest);
      const key = searchCacheKey(searchRequest);
      const generation = state.generation();

      // The response is cached serialized, so a hit costs a lookup and a write.
      const cached = cache.enabled ? cache.get(key, generation) : undefined;
      if (cached !== undefined) {
        metrics.searchDuration.observe({ cache: 'hit' }, secondsSince(started));
        return reply.header('content-type', JSON_TYPE).header('x-cache', 'hit').send(cached);
      }

      const response = await lexhop.search(searchRequest);
      const json = JSON.stringify(response);
      if (cache.enabled) cache.set(key, generation, json);

      metrics.searchDuration.observe({ cache: 'miss' }, secondsSince(started));
      return reply.header('content-type', JSON_TYPE).header('x-cache', 'miss').send(json);
    },
  );
}

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}
