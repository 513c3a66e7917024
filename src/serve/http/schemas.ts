/**
 * Request and response schemas of the HTTP API, in TypeBox. They validate
 * requests (Fastify compiles them with ajv) and document the API (OpenAPI).
 */
import {
  Type,
  type Static,
  type TArray,
  type TObject,
  type TOptional,
  type TSchema,
  type TString,
  type TUnsafe,
} from '@sinclair/typebox';

const ISO_DATE = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
/** A tenant id, as every route and `--tenant-token` accept it. */
export const TENANT = '^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$';
const CHUNK_ID = '^[0-9]{1,15}$';
/** Some character that is not white space: a blank query is as empty as `''`. */
const NOT_BLANK = '\\S';

/** What each pattern means, for error messages a person can act on. */
export const patternHints: Readonly<Record<string, string>> = {
  [ISO_DATE]: 'a date as YYYY-MM-DD',
  [TENANT]: 'letters, digits and ._:@- (at most 128)',
  [CHUNK_ID]: 'a chunk id (digits)',
  [NOT_BLANK]: 'more than white space',
};

/** An ISO calendar date, `YYYY-MM-DD`. */
export const IsoDate = Type.String({
  pattern: ISO_DATE,
  description: 'ISO date, YYYY-MM-DD',
  examples: ['2024-11-05'],
});

/** A tenant id: letters, digits and `._:@-`, at most 128 characters. */
export const TenantId = Type.String({
  pattern: TENANT,
  description: 'tenant whose private documents are visible besides public ones',
});

const Label = (maxLength: number): TSchema => Type.String({ minLength: 1, maxLength });

/** A string enum as plain JSON schema, so a wrong value gets one clear error. */
function StringEnum<T extends string>(values: readonly T[]): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'string', enum: [...values] });
}

export const SearchFiltersSchema = Type.Object(
  {
    docTypes: Type.Optional(Type.Array(Label(50), { maxItems: 50 })),
    dateFrom: Type.Optional(IsoDate),
    dateTo: Type.Optional(IsoDate),
    act: Type.Optional(Label(500)),
    documentKeys: Type.Optional(Type.Array(Label(500), { maxItems: 1000 })),
  },
  { additionalProperties: false },
);

export const SearchRequestSchema = Type.Object(
  {
    query: Type.String({
      minLength: 1,
      maxLength: 2000,
      pattern: NOT_BLANK,
      examples: ['opsigelse af lejemål'],
    }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 10 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000, default: 0 })),
    filters: Type.Optional(SearchFiltersSchema),
    versions: Type.Optional(StringEnum(['current', 'all'] as const)),
    asOf: Type.Optional(IsoDate),
    perDocument: Type.Optional(Type.Integer({ minimum: 0, maximum: 200, default: 3 })),
    tenant: Type.Optional(TenantId),
    focus: Type.Optional(StringEnum(['auto', 'off'] as const)),
    spans: Type.Optional(StringEnum(['chunk', 'tight'] as const)),
  },
  { additionalProperties: false },
);

export type SearchBody = Static<typeof SearchRequestSchema>;

const HitDocumentSchema = Type.Object(
  {
    key: Type.String(),
    family: Type.String(),
    title: Type.String(),
    shortTitle: Type.Optional(Type.String()),
    docType: Type.String(),
    issuedDate: Type.Optional(Type.String()),
    url: Type.Optional(Type.String()),
    current: Type.Boolean(),
    tenant: Type.Optional(Type.String({ description: 'owner of a private document' })),
  },
  { additionalProperties: true },
);

const CitationRefSchema = Type.Object(
  {
    act: Type.Optional(Type.String()),
    section: Type.String(),
    subsection: Type.Optional(Type.Integer()),
    item: Type.Optional(Type.Integer()),
    start: Type.Integer(),
    end: Type.Integer(),
    outcome: Type.Union([
      Type.Literal('found'), Type.Literal('no-subsection'), Type.Literal('no-section'),
      Type.Literal('out-of-scope'), Type.Literal('unknown-act'), Type.Literal('no-act'),
    ], {
      description: 'found; no-subsection (the whole section is returned); no-section, ' +
        'out-of-scope (no version passes versions, asOf, tenant or filters), unknown-act, ' +
        'no-act (the hits match the words only)',
    }),
    actName: Type.Optional(Type.String({ description: 'the act it resolved to' })),
  },
  { additionalProperties: true },
);

const SearchHitSchema = Type.Object(
  {
    chunkId: Type.Integer(),
    documentKey: Type.String(),
    citation: Type.String(),
    score: Type.Number(),
    start: Type.Integer(),
    end: Type.Integer(),
    chunkStart: Type.Optional(Type.Integer()),
    chunkEnd: Type.Optional(Type.Integer()),
    snippet: Type.String({ description: 'matched terms wrapped in « and »' }),
    text: Type.String(),
    section: Type.Optional(Type.String()),
    subsection: Type.Optional(Type.Integer()),
    heading: Type.Optional(Type.String()),
    matchedBy: StringEnum(['citation', 'text'] as const),
    document: HitDocumentSchema,
  },
  { additionalProperties: true },
);

export const SearchResponseSchema = Type.Object(
  {
    query: Type.String(),
    citations: Type.Array(CitationRefSchema),
    hits: Type.Array(SearchHitSchema),
    tookMs: Type.Number(),
  },
  { additionalProperties: true },
);

/** One document of POST /v1/documents; each is checked alone, so a bad one rejects only itself. */
export const DocumentInputSchema = Type.Object(
  {
    key: Type.Optional(Label(500)),
    title: Label(2000),
    text: Type.String({ minLength: 1 }),
    docType: Type.Optional(Label(50)),
    // A union, not StringEnum: TypeCompiler checks documents and knows no Unsafe kinds.
    language: Type.Optional(Type.Union([Type.Literal('da'), Type.Literal('en')])),
    issuedDate: Type.Optional(IsoDate),
    url: Type.Optional(Type.String({ maxLength: 2000 })),
    family: Type.Optional(Label(500)),
  },
  { additionalProperties: false },
);

type DocumentsRequest<T extends TSchema> = TObject<{
  documents: TArray<T>;
  tenant: TOptional<TString>;
}>;

function documentsRequest<T extends TSchema>(item: T): DocumentsRequest<T> {
  return Type.Object(
    {
      documents: Type.Array(item, { minItems: 1, maxItems: 100_000 }),
      tenant: Type.Optional(TenantId),
    },
    { additionalProperties: false },
  );
}

/**
 * The body of POST /v1/documents as validated: the items are left open, so
 * the route checks each document alone against `DocumentInputSchema`.
 */
export const DocumentsRequestSchema = documentsRequest(Type.Unknown());

/** The same body as OpenAPI shows it, with the shape of each document. */
export const DocumentsRequestDocsSchema = documentsRequest(DocumentInputSchema);

export type DocumentsBody = Static<typeof DocumentsRequestSchema>;

const SkippedSchema = Type.Object(
  {
    file: Type.String(),
    line: Type.Optional(Type.Integer()),
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String({ description: 'e.g. documents[3].text' })),
    index: Type.Optional(Type.Integer({ description: 'position in the request' })),
  },
  { additionalProperties: true },
);

export const IngestSummarySchema = Type.Object(
  {
    documents: Type.Integer(),
    chunks: Type.Integer(),
    unchanged: Type.Integer(),
    skipped: Type.Array(SkippedSchema),
    ms: Type.Number(),
  },
  { additionalProperties: true },
);

export const DocumentParamsSchema = Type.Object({
  key: Type.String({
    minLength: 1,
    maxLength: 500,
    description: 'document key, URL-encoded (as `documentKey` in search hits)',
    examples: ['file:contracts/aftale.txt'],
  }),
});

export type DocumentParams = Static<typeof DocumentParamsSchema>;

export const DocumentQuerySchema = Type.Object(
  {
    tenant: Type.Optional(Type.String({
      pattern: TENANT,
      description: 'owner of the document; absent means a public document',
    })),
  },
  { additionalProperties: false },
);

export type DocumentQuery = Static<typeof DocumentQuerySchema>;

export const DeletedSchema = Type.Object(
  { deleted: Type.Literal(true) },
  { additionalProperties: true },
);

export const ChunkParamsSchema = Type.Object({
  id: Type.String({ pattern: CHUNK_ID, description: 'chunk id' }),
});

export type ChunkParams = Static<typeof ChunkParamsSchema>;

export const ChunkQuerySchema = Type.Object(
  { tenant: Type.Optional(TenantId) },
  { additionalProperties: false },
);

export type ChunkQuery = Static<typeof ChunkQuerySchema>;

export const ChunkRecordSchema = Type.Object(
  {
    id: Type.Integer(),
    documentKey: Type.String(),
    ordinal: Type.Integer(),
    start: Type.Integer(),
    end: Type.Integer(),
    text: Type.String(),
    citation: Type.String(),
    chapter: Type.Optional(Type.String()),
    section: Type.Optional(Type.String()),
    subsection: Type.Optional(Type.Integer()),
    heading: Type.Optional(Type.String()),
    document: HitDocumentSchema,
  },
  { additionalProperties: true },
);

export const StatsSchema = Type.Object(
  {
    documents: Type.Integer(),
    currentDocuments: Type.Integer(),
    chunks: Type.Integer(),
    searchableChunks: Type.Integer(),
    engine: Type.String(),
    cache: Type.Object({
      entries: Type.Integer(),
      maxEntries: Type.Integer(),
      bytes: Type.Integer({ description: 'Bytes of response JSON held' }),
      maxBytes: Type.Integer(),
      hits: Type.Integer(),
      misses: Type.Integer(),
    }),
  },
  { additionalProperties: true },
);

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ examples: ['ERR_HTTP_BAD_REQUEST'] }),
      message: Type.String(),
      field: Type.Optional(Type.String({ examples: ['filters.dateFrom'] })),
    }),
  },
  { additionalProperties: true },
);

export const StatusSchema = Type.Object(
  { status: Type.String() },
  { additionalProperties: true },
);
