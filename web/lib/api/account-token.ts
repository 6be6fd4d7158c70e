import { SignJWT } from 'jose';
import { apiTokenKey } from './token-key';

// The api's rules for the web's tokens (api/src/auth/bearer-token.ts): HS256, this issuer and
// audience, `sub` the account, at most a minute between iat and exp.
const AUDIENCE = 'todo-api';
const ISSUER = 'todo-web';
const LIFETIME_SECONDS = 60;
// A token is reused for half its life, so a call never pays for signing one and never carries
// one that expires on the way; the api allows a few seconds of clock drift on top.
const REUSE_MS = 30_000;
// Tokens of accounts that have gone quiet are dropped once this many are held.
const MAX_HELD = 10_000;

type Held = { token: Promise<string>; madeAt: number };

// proxy.ts and the routes are bundled apart; one cache per process, as the readiness verdict.
const CACHE_KEY = Symbol.for('todo.web.accountTokens');
const held: Map<string, Held> =
  ((globalThis as Record<symbol, unknown>)[CACHE_KEY] as Map<string, Held> | undefined) ??
  new Map();
(globalThis as Record<symbol, unknown>)[CACHE_KEY] = held;

function sign(account: string, key: Uint8Array, now: number): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(account)
    .setAudience(AUDIENCE)
    .setIssuer(ISSUER)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + LIFETIME_SECONDS)
    .sign(key);
}

function forgetStale(now: number): void {
  for (const [account, entry] of held) {
    if (now - entry.madeAt > REUSE_MS) held.delete(account);
  }
}

/**
 * The api token naming `account` (a Better Auth user id), made at most every 30 seconds per
 * account. `key` defaults to the first line of API_TOKEN_KEY_FILE.
 */
export function accountToken(
  account: string,
  key: Uint8Array = apiTokenKey(),
  now = Date.now(),
): Promise<string> {
  const entry = held.get(account);
  if (entry && now - entry.madeAt <= REUSE_MS) return entry.token;
  if (held.size >= MAX_HELD) forgetStale(now);
  const token = sign(account, key, now);
  held.set(account, { token, madeAt: now });
  // A failed signing is not kept: the next call tries again.
  token.catch(() => held.delete(account));
  return token;
}

/** `{ authorization: 'Bearer …' }` for a call to the api on behalf of `account`. */
export async function authorizationFor(account: string): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await accountToken(account)}` };
}
