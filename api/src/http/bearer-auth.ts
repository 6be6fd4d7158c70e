import type { MiddlewareHandler } from 'hono';
import { verifyBearerToken } from '../auth/bearer-token.js';
import { createVerifiedTokens } from '../auth/verified-tokens.js';
import { ProblemError } from './problem.js';
import type { AppEnv } from './request-context.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

/**
 * Every `/v1` request must carry the web's short-lived token naming one account; everything the
 * request touches is that account's. The api believes nothing else: not a header, not the
 * network it is reached from.
 */
export function bearerAuth(keys: Uint8Array[]): MiddlewareHandler<AppEnv> {
  const verified = createVerifiedTokens();
  return async (c, next) => {
    const header = c.req.header('authorization');
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
    const known = token === undefined ? undefined : verified.get(token);
    if (known !== undefined) {
      c.set('account', known);
      return next();
    }
    const check = token
      ? await verifyBearerToken(token, keys)
      : {
          ok: false as const,
          reason:
            header === undefined
              ? 'no token was sent'
              : 'the Authorization header is not a bearer token',
        };
    if (!check.ok) {
      // RFC 6750: a request with no token at all learns only that one is needed.
      const challenge =
        token === undefined && header === undefined
          ? 'Bearer realm="todo-api"'
          : 'Bearer realm="todo-api", error="invalid_token"';
      throw new ProblemError(401, `Not authenticated: ${check.reason}`, {
        headers: { 'WWW-Authenticate': challenge },
      });
    }
    if (token !== undefined) verified.set(token, check.account, check.expiresAt);
    c.set('account', check.account);
    await next();
  };
}
