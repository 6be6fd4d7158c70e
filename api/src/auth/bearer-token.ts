import { errors, jwtVerify } from 'jose';

/** Who the web says it is calling for, and the rules its tokens must follow. */
export const TOKEN_AUDIENCE = 'todo-api';
export const TOKEN_ISSUER = 'todo-web';
/** A token lives for a minute at most: long enough for one page or action, no longer. */
export const MAX_TOKEN_AGE_SECONDS = 60;
// Pods' clocks drift a little; tokens are short, so a few seconds of tolerance are plenty.
const CLOCK_TOLERANCE_SECONDS = 5;
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,36}$/;

export type TokenCheck =
  | { ok: true; account: string; expiresAt: number }
  | { ok: false; reason: string };

/**
 * Verifies a bearer token: HS256 only (never `none`, never another algorithm), signed with one
 * of `keys`, for this audience and issuer, not expired, at most a minute old, naming an account.
 */
export async function verifyBearerToken(token: string, keys: Uint8Array[]): Promise<TokenCheck> {
  for (const key of keys) {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        audience: TOKEN_AUDIENCE,
        issuer: TOKEN_ISSUER,
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const { sub, exp, iat } = payload;
      if (typeof sub !== 'string' || !ACCOUNT_ID.test(sub)) {
        return { ok: false, reason: 'the token names no account' };
      }
      if (exp === undefined || iat === undefined || exp - iat > MAX_TOKEN_AGE_SECONDS) {
        return { ok: false, reason: 'the token lives longer than a minute' };
      }
      return { ok: true, account: sub, expiresAt: exp };
    } catch (error) {
      // A signature made with another key: the next key may be the one (rotation).
      if (error instanceof errors.JWSSignatureVerificationFailed) continue;
      return { ok: false, reason: describe(error) };
    }
  }
  return { ok: false, reason: 'the token is not signed with a key of this api' };
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with HS256';
  return 'the token is malformed';
}
