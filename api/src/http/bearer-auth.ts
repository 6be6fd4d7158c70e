import type { MiddlewareHandler } from 'hono';
import { verifyBearerToken } from '../auth/bearer-token.js';
import { ProblemError } from './problem.js';
import type { AppEnv } from './request-context.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

/**
 * Every `/v1` request must carry the web's short-lived token naming one account; everything the
 * request touches is that account's. The api believes nothing else: not a header, not the
 * network it is reached from.
 */
export function bearerAuth(keys: Uint8Array[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
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
      throw new ProblemError(401, `Not authenticated: ${check.reason}`, {
        headers: { 'WWW-Authenticate': 'Bearer realm="todo-api", error="invalid_token"' },
      });
    }
    c.set('account', check.account);
    await next();
  };
}
