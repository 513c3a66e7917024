/**
 * Bearer tokens for the API. Only `/v1/*` is guarded: probes, metrics and
 * docs stay open so orchestrators and scrapers need no secret.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LexhopError } from '../../errors.js';

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Tokens from a comma-separated list such as `LEXHOP_API_TOKENS`; blanks dropped. */
export function parseTokenList(list: string | undefined): string[] {
  if (list === undefined) return [];
  return list
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
}

/**
 * An onRequest hook that rejects `/v1/*` requests without one of `tokens`.
 * Digests are compared in constant time, so the time taken tells nothing
 * about how much of a guess was right. Returns undefined when `tokens` is empty.
 */
export function bearerAuth(
  tokens: string[],
): ((request: FastifyRequest, reply: FastifyReply) => Promise<void>) | undefined {
  if (tokens.length === 0) return undefined;
  const accepted = tokens.map(digest);

  return async (request: FastifyRequest): Promise<void> => {
    // The matched route pattern, not the raw URL, so no spelling of a path slips past.
    const route = request.routeOptions.url;
    const path = route ?? request.url;
    if (!path.startsWith('/v1/')) return;

    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer +(\S+) *$/i.exec(header);
    const offered = match?.[1];
    if (offered === undefined) {
      throw new LexhopError('ERR_HTTP_UNAUTHORIZED', 'send Authorization: Bearer <token>', {
        field: 'authorization',
      });
    }

    const offeredDigest = digest(offered);
    let ok = false;
    for (const token of accepted) ok = timingSafeEqual(token, offeredDigest) || ok;
    if (!ok) {
      throw new LexhopError('ERR_HTTP_UNAUTHORIZED', 'API token is not valid', {
        field: 'authorization',
      });
    }
  };
}
