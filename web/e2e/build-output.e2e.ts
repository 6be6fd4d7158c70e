import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { authSecretFile, tokenKeyFile } from '@todo/harness/accounts';
import { webDistDir, webServerEntry } from '@todo/harness/paths';
import { freePort } from '@todo/harness/ports';
import { describe, expect, it } from 'vitest';

// The web build takes only types from the api, and the tables of accounts (which web now keeps
// in the database itself): no api code in the standalone server, and no server code, database
// driver or secret's name in what the browser downloads.

const standalone = path.join(webDistDir, 'standalone');
const browserChunks = path.join(webDistDir, 'static', 'chunks');

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the production build', () => {
  it('ships no api package or api code in the standalone server, only the tables of accounts', () => {
    for (const name of ['api', 'node_modules/@todo', 'node_modules/@hono/zod-openapi']) {
      expect(existsSync(path.join(standalone, name)), name).toBe(false);
    }
    const serverCode = filesUnder(path.join(standalone, 'web'))
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(file, 'utf8'));
    // The accounts' tables (@todo/api/auth-schema) are in; the api's own tables are not.
    expect(serverCode.some((code) => code.includes('AuthSession'))).toBe(true);
    for (const table of ['TodoCounter', 'IdempotencyKey', 'TodoTrash']) {
      expect(
        serverCode.some((code) => code.includes(table)),
        table,
      ).toBe(false);
    }
  });

  it('sends the browser no server code: no api client, no zod, no api routes', () => {
    const chunks = filesUnder(browserChunks)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(file, 'utf8'));
    expect(chunks.length).toBeGreaterThan(0);
    for (const marker of [
      'API_URL',
      'API_TIMEOUT_MS',
      '/readyz',
      'drizzle',
      'ZodError',
      'AUTH_SECRET_FILE',
      'API_TOKEN_KEY_FILE',
      'AuthSession',
      'mysql2',
      'better-auth',
    ]) {
      expect(
        chunks.some((code) => code.includes(marker)),
        marker,
      ).toBe(false);
    }
  });
});

/** A file holding `text`, as a mounted Secret would. */
function fileWith(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'web-config-')), 'secret');
  writeFileSync(file, text);
  return file;
}

describe('the standalone server', () => {
  // What it needs to start at all; each case below spoils one setting. Nothing is connected
  // to at start-up, so the database need not answer.
  const valid = () => ({
    API_TOKEN_KEY_FILE: tokenKeyFile(),
    AUTH_SECRET_FILE: authSecretFile(),
    DATABASE_URL: 'mysql://todo@127.0.0.1:1/todo',
  });

  it.each([
    ['API_URL', { API_URL: 'ftp://api.internal' }],
    ['API_TIMEOUT_MS', { API_TIMEOUT_MS: 'soon' }],
    ['API_TOKEN_KEY_FILE', { API_TOKEN_KEY_FILE: '' }],
    ['API_TOKEN_KEY_FILE', { API_TOKEN_KEY_FILE: '/nonexistent/api-token-key' }],
    ['API_TOKEN_KEY_FILE', { API_TOKEN_KEY_FILE: fileWith('too-short\n') }],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://todo@db/todo' }],
    ['DB_HOST', { DATABASE_URL: '' }],
    ['AUTH_SECRET_FILE', { AUTH_SECRET_FILE: '' }],
    ['AUTH_SECRET_FILE', { AUTH_SECRET_FILE: fileWith('short secret\n') }],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://todo.example.com' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'https://todo.example.com/app' }],
    ['OIDC_ISSUER', { OIDC_ISSUER: 'http://idp.example.com' }],
    ['OIDC_CLIENT_ID', { OIDC_ISSUER: 'https://idp.example.com' }],
    ['OIDC_CLIENT_SECRET_FILE', { OIDC_ISSUER: 'https://idp.example.com', OIDC_CLIENT_ID: 'todo' }],
    ['OIDC_CLIENT_ID', { OIDC_CLIENT_ID: 'todo' }],
    ['AUTH_RATE_LIMIT_MAX', { AUTH_RATE_LIMIT_MAX: '0' }],
  ])('stops at start-up with one line naming a bad %s (%j)', async (variable, spoiled) => {
    // A port of its own: Next reads PORT=0 as its default 3000, which anything may hold.
    const port = String(await freePort());
    const run = spawnSync(process.execPath, [webServerEntry], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        PORT: port,
        ...valid(),
        ...(spoiled as Record<string, string>),
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^web: invalid ${variable}: .+$`, 'm'));
  });
});
