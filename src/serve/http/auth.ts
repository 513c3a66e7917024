/**
 * Bearer tokens for the API. Only `/v1/*` is guarded: probes, metrics and
 * docs stay open so orchestrators and scrapers need no secret.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LexhopError } from '../../errors.js';
import { TENANT } from './schemas.js';

const TENANT_ID = new RegExp(TENANT, 'u');

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** A token that acts for one tenant only: its requests see that tenant's documents and no other's. */
export interface TenantToken {
  tenant: string;
  token: string;
}

/**
 * Tenant tokens written `<tenant>=<token>` (a tenant id has no `=`), as in
 * `--tenant-token acme=s3cret` or `LEXHOP_TENANT_TOKENS=acme=s1,beta=s2`.
 * Throws on an entry without a tenant or a token.
 */
export function parseTenantTokens(entries: readonly string[]): TenantToken[] {
  return entries.map((entry) => {
    const at = entry.indexOf('=');
    const tenant = at < 0 ? '' : entry.slice(0, at).trim();
    const token = at < 0 ? '' : entry.slice(at + 1).trim();
    if (token === '' || !TENANT_ID.test(tenant)) {
      throw new LexhopError('ERR_CLI_USAGE', 'a tenant token is written <tenant>=<token>', {
        field: '--tenant-token',
      });
    }
    return { tenant, token };
  });
}

/**
 * Refuses one secret given two meanings: as an unbound token and a tenant's,
 * or as two tenants' tokens. Only one meaning can win when a request offers
 * it, so the other tenant's users would act for the wrong tenant, or an
 * unbound token would lose the tenant restriction meant for it. The error
 * names the tenants, never the secret.
 */
export function checkTokensApart(tokens: readonly string[], tenantTokens: readonly TenantToken[]): void {
  const meaning = new Map<string, string>(tokens.map((token) => [token, 'any tenant']));
  for (const { token, tenant } of tenantTokens) {
    const known = meaning.get(token);
    if (known !== undefined && known !== tenant) {
      throw new LexhopError(
        'ERR_CLI_USAGE',
        `one token is given for ${known === 'any tenant' ? 'any tenant (--token)' : `tenant ${known}`}` +
          ` and for tenant ${tenant}; give each tenant its own token`,
        { field: '--tenant-token' },
      );
    }
    meaning.set(token, tenant);
  }
}

/** Tokens from a comma-separated list such as `LEXHOP_API_TOKENS`; blanks dropped. */
export function parseTokenList(list: string | undefined): string[] {
  if (list === undefined) return [];
  return list
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
}

/** The tenant a request's token is bound to, set by the auth hook. */
const boundTenants = new WeakMap<FastifyRequest, string>();

/**
 * A preHandler hook (after validation) for requests whose token is bound to
 * a tenant: a `tenant` in the body or query must be that tenant, and an
 * absent one becomes it, so search, answers, chunks and writes all act for
 * the token's tenant and cannot name another.
 */
export async function enforceTenant(request: FastifyRequest): Promise<void> {
  const bound = boundTenants.get(request);
  if (bound === undefined) return;
  for (const holder of [request.body, request.query]) {
    if (typeof holder !== 'object' || holder === null || Array.isArray(holder)) continue;
    const fields = holder as { tenant?: unknown };
    if (fields.tenant !== undefined && fields.tenant !== bound) {
      throw new LexhopError('ERR_HTTP_FORBIDDEN_TENANT', undefined, { field: 'tenant' });
    }
    fields.tenant = bound;
  }
}

/**
 * An onRequest hook that rejects `/v1/*` requests without one of `tokens`
 * or `tenantTokens`; a tenant token binds the request to its tenant (see
 * `enforceTenant`). Digests are compared in constant time, so the time taken
 * tells nothing about how much of a guess was right. Returns undefined when
 * there are no tokens at all.
 */
export function bearerAuth(
  tokens: string[],
  tenantTokens: readonly TenantToken[] = [],
): ((request: FastifyRequest, reply: FastifyReply) => Promise<void>) | undefined {
  if (tokens.length === 0 && tenantTokens.length === 0) return undefined;
  checkTokensApart(tokens, tenantTokens);
  const accepted: { digest: Buffer; tenant?: string }[] = [
    ...tokens.map((token) => ({ digest: digest(token) })),
    ...tenantTokens.map(({ token, tenant }) => ({ digest: digest(token), tenant })),
  ];

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
    let matched: { tenant?: string } | undefined;
    for (const token of accepted) {
      // Every token is compared, matched or not, so timing tells nothing either.
      if (timingSafeEqual(token.digest, offeredDigest)) matched ??= token;
    }
    if (matched?.tenant !== undefined) boundTenants.set(request, matched.tenant);
    if (matched === undefined) {
      throw new LexhopError('ERR_HTTP_UNAUTHORIZED', 'API token is not valid', {
        field: 'authorization',
      });
    }
  };
}
