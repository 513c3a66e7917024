/**
 * The one registry of error codes. Every error lexhop raises on purpose is a
 * `LexhopError` with a code from here, a message a user can act on, and the
 * HTTP status the server answers with.
 */

const registry = {
  ERR_CONFIG_INVALID: { status: 500, message: 'invalid configuration' },
  ERR_INGEST_NOT_FOUND: { status: 400, message: 'input path does not exist' },
  ERR_INGEST_UNREADABLE: { status: 400, message: 'input cannot be read' },
  ERR_INGEST_BAD_GZIP: { status: 400, message: 'gzip stream is corrupt or truncated' },
  ERR_INGEST_BAD_JSON: { status: 400, message: 'line is not valid JSON' },
  ERR_INGEST_BAD_RECORD: { status: 400, message: 'record lacks a required field' },
  ERR_INGEST_BINARY: { status: 400, message: 'file looks binary, not text' },
  ERR_INGEST_BAD_UTF8: { status: 400, message: 'file is not valid UTF-8' },
  ERR_INGEST_EMPTY: { status: 400, message: 'input is empty' },
  ERR_INGEST_KEY_TAKEN: {
    status: 409, message: 'another file is stored under this document key',
  },
  ERR_INGEST_TOO_LARGE: { status: 413, message: 'input is larger than the limit' },
  ERR_INGEST_UNSUPPORTED: { status: 400, message: 'file type is not supported' },
  ERR_STORE_SCHEMA: { status: 500, message: 'data folder was written by an incompatible version' },
  ERR_STORE_LOCKED: { status: 503, message: 'data folder is busy' },
  ERR_STORE_MISSING: { status: 503, message: 'data folder holds no index yet; run lexhop ingest first' },
  ERR_STORE_UNKNOWN_KEY: { status: 404, message: 'no document is stored under this key' },
  ERR_STORE_READ_ONLY: { status: 405, message: 'data folder was opened read-only' },
  ERR_INDEX_CORRUPT: { status: 500, message: 'index snapshot is corrupt; it will be rebuilt' },
  ERR_SEARCH_BAD_QUERY: { status: 400, message: 'query is invalid' },
  ERR_SEARCH_BAD_FILTER: { status: 400, message: 'filter is invalid' },
  ERR_HTTP_BAD_REQUEST: { status: 400, message: 'request is invalid' },
  ERR_HTTP_UNAUTHORIZED: { status: 401, message: 'missing or wrong API token' },
  ERR_HTTP_NOT_FOUND: { status: 404, message: 'no such resource' },
  ERR_HTTP_TOO_LARGE: { status: 413, message: 'request body is too large' },
  ERR_HTTP_NOT_READY: { status: 503, message: 'server is not ready' },
  ERR_ANSWER_PROVIDER: { status: 502, message: 'answer provider failed' },
  ERR_ANSWER_TIMEOUT: { status: 504, message: 'answer provider timed out' },
  ERR_EVAL_BAD_BENCHMARK: { status: 400, message: 'benchmark folder is not in the expected layout' },
  ERR_INTERNAL: { status: 500, message: 'internal error' },
  ERR_ANSWER_BAD_REQUEST: { status: 400, message: 'answer request is invalid' },
  ERR_ANSWER_RATE_LIMITED: { status: 429, message: 'answer provider is rate limiting requests' },
  ERR_ANSWER_MALFORMED: { status: 502, message: 'answer provider returned malformed output' },
  ERR_ANSWER_CIRCUIT_OPEN: { status: 503, message: 'answer provider is failing; calls paused' },
  ERR_ANSWER_BUSY: { status: 503, message: 'too many answers in progress' },
  ERR_HTTP_UNSUPPORTED_MEDIA: { status: 415, message: 'send the body as application/json' },
  ERR_HTTP_WRITER_UNAVAILABLE: { status: 503, message: 'the writer is restarting; retry' },
  ERR_CLI_USAGE: { status: 400, message: 'command line is invalid; see --help' },
  ERR_HTTP_FORBIDDEN_TENANT: { status: 403, message: 'this API token acts for another tenant' },
} as const;

export type ErrorCode = keyof typeof registry;

/** Details that point at what is wrong: a file and line, or a request field. */
export interface ErrorDetails {
  file?: string;
  line?: number;
  field?: string;
  [key: string]: unknown;
}

/** An error with a stable code, an HTTP status and details naming the culprit. */
export class LexhopError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message?: string, details: ErrorDetails = {}, cause?: unknown) {
    super(message ?? registry[code].message, cause === undefined ? undefined : { cause });
    this.name = 'LexhopError';
    this.code = code;
    this.status = registry[code].status;
    this.details = details;
  }
}

/** HTTP status for a code, for layers that only hold the code. */
export function statusOf(code: ErrorCode): number {
  return registry[code].status;
}

/** True when `value` is a LexhopError with the given code (or any code). */
export function isLexhopError(value: unknown, code?: ErrorCode): value is LexhopError {
  return value instanceof LexhopError && (code === undefined || value.code === code);
}
