import { SignJWT } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../src/auth/bearer-token.js';

/** The token key every in-process test app and test api process is started with. */
export const TEST_TOKEN_KEY = 'test-only-token-key-0123456789abcdef';
export const testTokenKeys = [new TextEncoder().encode(TEST_TOKEN_KEY)];

/** The account the tests act for unless they say otherwise. */
export const TEST_ACCOUNT = 'account-a';

/** A token as the web makes it: HS256, one minute, for `account`. */
export function tokenFor(account: string, key: string = TEST_TOKEN_KEY): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(account)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuer(TOKEN_ISSUER)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(new TextEncoder().encode(key));
}

/** The AuthUser row an account needs before it can own anything (as Better Auth makes it). */
export function accountRowSql(account: string): [string, unknown[]] {
  return [
    `INSERT IGNORE INTO AuthUser (id, name, email, email_verified, created_at, updated_at)
     VALUES (?, ?, ?, false, CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3))`,
    [account, account, `${account}@example.test`],
  ];
}
