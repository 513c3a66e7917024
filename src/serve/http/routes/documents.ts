/**
 * POST /v1/documents: stores documents sent as JSON. One bad document rejects
 * itself, not the request: the good ones are kept and the answer lists the
 * rejected ones by position (`documents[3].text`), with status 207.
 *
 * DELETE /v1/documents/:key: deletes one document, so search stops finding it.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FastifyInstance } from 'fastify';
import type { DocumentInput } from '../../../api.js';
import { LexhopError } from '../../../errors.js';
import type { IngestSummary } from '../../../retrieve/types.js';
import type { RouteContext } from '../context.js';
import { fieldFromPointer } from '../errors.js';
import {
  DeletedSchema,
  DocumentInputSchema,
  DocumentParamsSchema,
  DocumentQuerySchema,
  DocumentsRequestDocsSchema,
  DocumentsRequestSchema,
  ErrorSchema,
  IngestSummarySchema,
  type DocumentParams,
  type DocumentQuery,
  type DocumentsBody,
} from '../schemas.js';

const documentCheck = TypeCompiler.Compile(DocumentInputSchema);

/** A skipped document as the API reports it. */
export interface RejectedDocument {
  file: string;
  line?: number;
  code: string;
  message: string;
  /** The failing property, e.g. `documents[3].text`. */
  field?: string;
  /** Position of the document in the request. */
  index?: number;
}

/** Why `value` is not a valid document, or undefined when it is one. */
function checkDocument(value: unknown, index: number): RejectedDocument | undefined {
  const first = documentCheck.Errors(value).First();
  if (first === undefined) return undefined;

  const property = fieldFromPointer(first.path);
  const file = `documents[${index}]`;
  const field = property === '' ? file : `${file}.${property}`;
  const message = `${field}: ${first.message}`;
  return { file, code: 'ERR_HTTP_BAD_REQUEST', message, field, index };
}

/**
 * Puts the facade's skips back in request positions: the facade saw only the
 * valid documents, so its `documents[i]` is the i-th valid one.
 */
function remapSkip(skip: IngestSummary['skipped'][number], positions: number[]): RejectedDocument {
  const named = (skip as { field?: unknown }).field;
  const pointer = typeof named === 'string' ? named : skip.file;
  const match = /^documents\[([0-9]+)\](.*)$/.exec(pointer);
  const position = match === null ? undefined : positions[Number(match[1])];
  if (match === null || position === undefined) return { ...skip };

  const file = `documents[${position}]`;
  return { ...skip, file, field: `${file}${match[2] ?? ''}`, index: position };
}

/** Registers POST /v1/documents and DELETE /v1/documents/:key. */
export async function documentRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const { state, metrics } = context;

  app.post<{ Body: DocumentsBody }>(
    '/v1/documents',
    {
      bodyLimit: context.documentsBodyLimit,
      config: {
        // Validation leaves the items open (see checkDocument); the docs show their shape.
        swaggerTransform: ({ schema, url }) => ({
          schema: { ...schema, body: DocumentsRequestDocsSchema },
          url,
        }),
      },
      schema: {
        summary: 'Store documents',
        description:
          'Re-sending a key replaces that document. Invalid documents are rejected one by ' +
          'one (207) and listed in `skipped` with their position.',
        tags: ['documents'],
        body: DocumentsRequestSchema,
        response: {
          200: IngestSummarySchema,
          207: IngestSummarySchema,
          '4xx': ErrorSchema,
          '5xx': ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { documents, tenant } = request.body;
      state.require();

      const valid: DocumentInput[] = [];
      const positions: number[] = [];
      const rejected: RejectedDocument[] = [];
      documents.forEach((document, index) => {
        const problem = checkDocument(document, index);
        if (problem === undefined) {
          valid.push(document as DocumentInput);
          positions.push(index);
        } else {
          rejected.push(problem);
        }
      });

      const summary: IngestSummary =
        valid.length === 0
          ? { documents: 0, chunks: 0, unchanged: 0, skipped: [], ms: 0 }
          : await state.writeDocuments(valid, tenant === undefined ? {} : { tenant });
      metrics.ingestedDocuments.inc(summary.documents);

      const skipped = [...rejected, ...summary.skipped.map((skip) => remapSkip(skip, positions))];
      skipped.sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity));
      const answer = { ...summary, skipped };

      if (summary.documents + summary.unchanged === 0) {
        const first = skipped[0];
        return reply.status(400).send({
          error: {
            code: 'ERR_HTTP_BAD_REQUEST',
            message: 'no document could be stored',
            ...(first?.field === undefined ? {} : { field: first.field }),
          },
          ...answer,
        });
      }
      return reply.status(skipped.length > 0 ? 207 : 200).send(answer);
    },
  );
  app.delete<{ Params: DocumentParams; Querystring: DocumentQuery }>(
    '/v1/documents/:key',
    {
      schema: {
        summary: 'Delete a document',
        description:
          'Deletes the document stored under `key` (URL-encoded) for `tenant`, or the public ' +
          'one when no tenant is given. A tenant token deletes only its own documents.',
        tags: ['documents'],
        params: DocumentParamsSchema,
        querystring: DocumentQuerySchema,
        response: { 200: DeletedSchema, '4xx': ErrorSchema, '5xx': ErrorSchema },
      },
    },
    async (request) => {
      const { key } = request.params;
      const { tenant } = request.query;
      state.require();

      const summary = await state.deleteDocuments([key], tenant === undefined ? {} : { tenant });
      if (summary.deleted.length === 0) {
        // Another tenant's document answers exactly like a missing one.
        throw new LexhopError('ERR_STORE_UNKNOWN_KEY', `no document is stored under ${key}`, {
          field: 'key',
        });
      }
      return { deleted: true };
    },
  );
}
