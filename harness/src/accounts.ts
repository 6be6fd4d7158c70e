import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { adminQuery, splitDatabaseUrl } from './database-server.js';

/**
 * Accounts as the tests and scripts need them: the key the api verifies the web's tokens with
 * (one for every api and web the harness starts), tokens made as the web makes them, and the
 * AuthUser row an account needs before it can own tasks.
 */
export const TEST_TOKEN_KEY = 'test-only-token-key-0123456789abcdef';

/** Better Auth's secret for every web server the harness starts (AUTH_SECRET_FILE). */
export const TEST_AUTH_SECRET = 'test-only-auth-secret-0123456789abcdefghij';

/** The account tests and scripts act for unless they say otherwise. */
export const TEST_ACCOUNT = 'account-a';

let keyFile: string | undefined;

/** A file holding TEST_TOKEN_KEY, as a mounted Secret holds the real one (API_TOKEN_KEY_FILE). */
export function tokenKeyFile(): string {
  if (!keyFile) {
    keyFile = join(mkdtempSync(join(tmpdir(), 'todo-token-key-')), 'api-token-key');
    writeFileSync(keyFile, `${TEST_TOKEN_KEY}\n`, { mode: 0o600 });
  }
  return keyFile;
}

let secretFile: string | undefined;

/** A file holding TEST_AUTH_SECRET, as a mounted Secret holds the real one (AUTH_SECRET_FILE). */
export function authSecretFile(): string {
  if (!secretFile) {
    secretFile = join(mkdtempSync(join(tmpdir(), 'todo-auth-secret-')), 'auth-secret');
    writeFileSync(secretFile, `${TEST_AUTH_SECRET}\n`, { mode: 0o600 });
  }
  return secretFile;
}

/** A token as the web makes it: HS256, one minute, for `account`. */
export function tokenFor(account: string = TEST_ACCOUNT, key: string = TEST_TOKEN_KEY) {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(account)
    .setAudience('todo-api')
    .setIssuer('todo-web')
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(new TextEncoder().encode(key));
}

/** `{ authorization: 'Bearer …' }` for `account`. */
export async function bearer(account: string = TEST_ACCOUNT): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(account)}` };
}

/**
 * `bearer()` for long runs (load, soak): a token is made once and made again after half its
 * minute, so a request never pays for signing and never carries an expired token.
 */
export function bearerSource(
  account: string = TEST_ACCOUNT,
): () => Promise<Record<string, string>> {
  let current: { headers: Record<string, string>; madeAt: number } | undefined;
  return async () => {
    if (!current || Date.now() - current.madeAt > 30_000) {
      current = { headers: await bearer(account), madeAt: Date.now() };
    }
    return current.headers;
  };
}

/** The AuthUser row of an account, as signing up makes it; nothing happens if it exists. */
export function accountRowSql(account: string): [string, unknown[]] {
  return [
    `INSERT IGNORE INTO AuthUser (id, name, email, email_verified, created_at, updated_at)
     VALUES (?, ?, ?, false, CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3))`,
    [account, account, `${account}@example.test`],
  ];
}

/** Makes sure `account` exists in the database at `databaseUrl` (mysql://…/name). */
export async function ensureAccount(databaseUrl: string, account: string = TEST_ACCOUNT) {
  const [sql, params] = accountRowSql(account);
  await adminQuery(sql, params, splitDatabaseUrl(databaseUrl));
}
