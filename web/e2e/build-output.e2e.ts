import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { authSecretFile, tokenKeyFile } from '@todo/harness/accounts';
import { webDistDir, webServerEntry } from '@todo/harness/paths';
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

/** A port this process listens on, as another server would hold it, and how to let it go. */
async function heldPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const holder = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    holder.once('error', reject);
    holder.listen(0, '127.0.0.1', resolve);
  });
  const address = holder.address();
  if (address === null || typeof address === 'string') throw new Error('no port held');
  return {
    port: address.port,
    release: () => new Promise((resolve) => holder.close(() => resolve())),
  };
}

describe('the standalone server', () => {
  // What it needs to start at all; each case below spoils one setting. Nothing is connected
  // to at start-up, so the database need not answer.
  const valid = () => ({
    API_TOKEN_KEY_FILE: tokenKeyFile(),
    AUTH_SECRET_FILE: authSecretFile(),
    DATABASE_URL: 'mysql://todo@127.0.0.1:1/todo',
  });

  /**
   * Runs the server's entry point to its end on a port another socket holds: a server that
   * tries to listen fails with EADDRINUSE, so one that stops with a setting's message instead
   * checked it before listening (issue 10). spawnSync blocks this process, but the held port
   * stays bound in the kernel all the same.
   */
  async function runOnHeldPort(env: Record<string, string | undefined>, entry = webServerEntry) {
    const held = await heldPort();
    const settings = { ...valid(), ...env };
    try {
      return spawnSync(process.execPath, [entry], {
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          HOSTNAME: '127.0.0.1',
          PORT: String(held.port),
          // undefined leaves a setting out altogether (an empty one would still count as set)
          ...Object.fromEntries(
            Object.entries(settings).filter(([, value]) => value !== undefined),
          ),
        },
        encoding: 'utf8',
        timeout: 20_000,
      });
    } finally {
      await held.release();
    }
  }

  it('tries to listen with good settings, so a held port stops it with EADDRINUSE', async () => {
    // Proves the trap below: the same run with nothing spoiled gets as far as listening.
    const run = await runOnHeldPort({});
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/EADDRINUSE/);
    expect(run.stderr).not.toMatch(/^web: invalid/m);
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
  ])('stops before listening with one line naming a bad %s (%j)', async (variable, spoiled) => {
    const run = await runOnHeldPort(spoiled as Record<string, string>);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^web: invalid ${variable}: .+$`, 'm'));
    expect(run.stderr).not.toMatch(/EADDRINUSE/);
    // Nothing listened: Next prints its banner once its server does.
    expect(run.stdout).toBe('');
  });

  it('checks the settings Next will run with, those of a .env file in its folder included', async () => {
    // `next build` copies a .env into the standalone folder and Next loads it; a copy of the
    // folder gets one here, so the shared build stays as it is.
    const copy = mkdtempSync(path.join(tmpdir(), 'web-standalone-'));
    try {
      cpSync(standalone, copy, { recursive: true });
      const entry = path.join(copy, 'web', path.basename(webServerEntry));
      const envFile = path.join(copy, 'web', '.env');

      writeFileSync(envFile, `AUTH_SECRET_FILE=${authSecretFile()}\n`);
      const good = await runOnHeldPort({ AUTH_SECRET_FILE: undefined }, entry);
      expect(good.stderr).not.toMatch(/^web: invalid/m);
      expect(good.stderr).toMatch(/EADDRINUSE/);

      writeFileSync(envFile, 'AUTH_RATE_LIMIT_MAX=0\n');
      const spoiled = await runOnHeldPort({}, entry);
      expect(spoiled.status).toBe(1);
      expect(spoiled.stderr).toMatch(/^web: invalid AUTH_RATE_LIMIT_MAX: .+$/m);
      expect(spoiled.stderr).not.toMatch(/EADDRINUSE/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
