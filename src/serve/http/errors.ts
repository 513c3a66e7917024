/**
 * How failures become HTTP answers: every error body is
 * `{ error: { code, message, field? } }` with a code from the registry, and
 * a failed validation names the property that failed, e.g. `filters.dateFrom`.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isLexhopError, statusOf, type ErrorCode } from '../../errors.js';
import { patternHints } from './schemas.js';

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

/** An ajv error as Fastify passes it on in `error.validation`. */
export interface ValidationIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** `/filters/docTypes/0` → `filters.docTypes[0]`; ajv escapes `/` and `~` as `~1`, `~0`. */
export function fieldFromPointer(pointer: string): string {
  let field = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (/^[0-9]+$/.test(segment)) field += `[${segment}]`;
    else field += field === '' ? segment : `.${segment}`;
  }
  return field;
}

function joinField(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`;
}

/**
 * The field an ajv error is about, and a message naming it. `context` is the
 * part of the request (`body`, `params`, `querystring`), used when the error
 * is about the whole part.
 */
export function describeIssue(
  issue: ValidationIssue,
  context = 'body',
): { field: string; message: string } {
  const path = fieldFromPointer(issue.instancePath);
  const { missingProperty, additionalProperty, allowedValues, pattern } = issue.params;

  if (issue.keyword === 'required' && typeof missingProperty === 'string') {
    const field = joinField(path, missingProperty);
    return { field, message: `${field} is required` };
  }

  if (issue.keyword === 'additionalProperties' && typeof additionalProperty === 'string') {
    const field = joinField(path, additionalProperty);
    return { field, message: `${field} is not a known property` };
  }

  const field = path === '' ? context : path;
  if (issue.keyword === 'enum' && Array.isArray(allowedValues)) {
    return { field, message: `${field} must be one of ${allowedValues.join(', ')}` };
  }
  if (issue.keyword === 'pattern' && typeof pattern === 'string') {
    const hint = patternHints[pattern] ?? 'in the expected form';
    return { field, message: `${field} must be ${hint}` };
  }
  return { field, message: `${field} ${issue.message ?? 'is invalid'}` };
}

function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/** Maps Fastify's own error codes; undefined for errors that are not Fastify's. */
function fromFastify(error: FastifyError): { status: number; body: ErrorBody } | undefined {
  if (Array.isArray(error.validation) && error.validation.length > 0) {
    const issue = error.validation[0] as ValidationIssue;
    const { field, message } = describeIssue(issue, error.validationContext ?? 'body');
    return { status: 400, body: errorBody('ERR_HTTP_BAD_REQUEST', message, field) };
  }

  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: errorBody('ERR_HTTP_TOO_LARGE', 'request body is too large') };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        status: 400,
        body: errorBody('ERR_HTTP_BAD_REQUEST', 'body is not valid JSON', 'body'),
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: errorBody('ERR_HTTP_BAD_REQUEST', 'body is empty', 'body') };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: errorBody('ERR_HTTP_UNSUPPORTED_MEDIA', 'send the body as application/json'),
      };
  }

  // Other client errors Fastify raises (bad content-length, proto poisoning, …).
  const status = error.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: errorBody('ERR_HTTP_BAD_REQUEST', error.message) };
  }
  return undefined;
}

/** Status and body for any error; unknown errors become a 500 that reveals nothing. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (isLexhopError(error)) {
    const field = typeof error.details.field === 'string' ? error.details.field : undefined;
    return { status: error.status, body: errorBody(error.code, error.message, field) };
  }

  if (error instanceof Error) {
    const mapped = fromFastify(error as FastifyError);
    if (mapped !== undefined) return mapped;
  }

  return { status: statusOf('ERR_INTERNAL'), body: errorBody('ERR_INTERNAL', 'internal error') };
}

/**
 * The server's error handler. 5xx are logged at error with the stack; 4xx at
 * info with the code and field only, since messages may quote the request.
 */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorResponse(error);

  if (status >= 500) request.log.error({ err: error, code: body.error.code }, 'request failed');
  else request.log.info({ code: body.error.code, field: body.error.field }, 'request rejected');

  if (status === 401) reply.header('www-authenticate', 'Bearer');
  void reply.status(status).send(body);
}

/** Answers routes that do not exist. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split('?', 1)[0] ?? request.url;
  void reply
    .status(404)
    .send(errorBody('ERR_HTTP_NOT_FOUND', `no route ${request.method} ${path}`));
}
