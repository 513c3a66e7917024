/** GET /v1/chunks/:id: one chunk with its document, e.g. to show a hit in full. */
import type { FastifyInstance } from 'fastify';
import { LexhopError } from '../../../errors.js';
import type { RouteContext } from '../context.js';
import {
  ChunkParamsSchema,
  ChunkQuerySchema,
  ChunkRecordSchema,
  ErrorSchema,
  type ChunkParams,
  type ChunkQuery,
} from '../schemas.js';

/** A chunk record that may say which tenant owns its document. */
interface OwnedRecord {
  tenant?: unknown;
  document: { tenant?: unknown };
}

/** Registers GET /v1/chunks/:id. */
export async function chunkRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const { state } = context;

  app.get<{ Params: ChunkParams; Querystring: ChunkQuery }>(
    '/v1/chunks/:id',
    {
      schema: {
        summary: 'Get a chunk',
        tags: ['chunks'],
        params: ChunkParamsSchema,
        querystring: ChunkQuerySchema,
        response: { 200: ChunkRecordSchema, '4xx': ErrorSchema, '5xx': ErrorSchema },
      },
    },
    async (request) => {
      const lexhop = state.require();
      const id = Number(request.params.id);
      const record = lexhop.getChunk(id);

      // A private chunk of another tenant answers exactly like a missing one.
      const owner = record as OwnedRecord | undefined;
      const tenant = owner?.tenant ?? owner?.document.tenant;
      const visible = tenant === undefined || tenant === request.query.tenant;
      if (record === undefined || !visible) {
        throw new LexhopError('ERR_HTTP_NOT_FOUND', `no chunk ${id}`, { field: 'id' });
      }
      return record;
    },
  );
}
