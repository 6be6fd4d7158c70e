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

const secretFiles = new Map<string, string>();

/** A file (made once per process) holding `value`, as a mounted Secret holds the real one. */
function secretFileOf(name: string, value: string): string {
  let file = secretFiles.get(name);
  if (!file) {
    file = join(mkdtempSync(join(tmpdir(), `todo-${name}-`)), name);
    writeFileSync(file, `${value}\n`, { mode: 0o600 });
    secretFiles.set(name, file);
  }
  return file;
}

/** A file holding TEST_TOKEN_KEY (API_TOKEN_KEY_FILE). */
export const tokenKeyFile = (): string => secretFileOf('api-token-key', TEST_TOKEN_KEY);

/** A file holding TEST_AUTH_SECRET (AUTH_SECRET_FILE). */
export const authSecretFile = (): string => secretFileOf('auth-secret', TEST_AUTH_SECRET);

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
