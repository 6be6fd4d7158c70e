import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The two secrets a local run needs, generated once under `.data/secrets/` (git-ignored) and
 * reused by every later run, so sessions and tokens survive a restart: Better Auth's secret
 * (web, AUTH_SECRET_FILE) and the api token key (web and api, API_TOKEN_KEY_FILE). Each file
 * is readable by its owner only. A variable the user set wins: it names a file of their own.
 */
export type LocalSecrets = { AUTH_SECRET_FILE: string; API_TOKEN_KEY_FILE: string };

function ensureSecret(path: string, log: (line: string) => void): string {
  if (existsSync(path) && readFileSync(path, 'utf8').trim().length >= 32) {
    chmodSync(path, 0o600);
    return path;
  }
  // 48 random bytes, base64: 64 characters, well over the 32 both rules ask for.
  writeFileSync(path, `${randomBytes(48).toString('base64')}\n`, { mode: 0o600 });
  log(`generated ${path}`);
  return path;
}

export function localSecrets(
  root: string,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): LocalSecrets {
  const dir = join(root, '.data', 'secrets');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return {
    AUTH_SECRET_FILE: env.AUTH_SECRET_FILE || ensureSecret(join(dir, 'auth-secret'), log),
    API_TOKEN_KEY_FILE: env.API_TOKEN_KEY_FILE || ensureSecret(join(dir, 'api-token-key'), log),
  };
}
