import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { webDistDir, webServerEntry } from '@todo/harness/paths';
import { freePort } from '@todo/harness/ports';
import { describe, expect, it } from 'vitest';

// The web build takes only types from the api: no api code, no database driver, in the
// standalone server or in what the browser downloads.

const standalone = path.join(webDistDir, 'standalone');
const browserChunks = path.join(webDistDir, 'static', 'chunks');

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the production build', () => {
  it('ships no api package, database driver or ORM in the standalone server', () => {
    for (const name of [
      'api',
      'node_modules/@todo',
      'node_modules/mysql2',
      'node_modules/drizzle-orm',
      'node_modules/@hono/zod-openapi',
    ]) {
      expect(existsSync(path.join(standalone, name)), name).toBe(false);
    }
    const serverCode = filesUnder(path.join(standalone, 'web'))
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(file, 'utf8'));
    expect(serverCode.some((code) => code.includes('drizzle-orm'))).toBe(false);
  });

  it('sends the browser no server code: no api client, no zod, no api routes', () => {
    const chunks = filesUnder(browserChunks)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(file, 'utf8'));
    expect(chunks.length).toBeGreaterThan(0);
    for (const marker of ['API_URL', 'API_TIMEOUT_MS', '/readyz', 'drizzle', 'ZodError']) {
      expect(
        chunks.some((code) => code.includes(marker)),
        marker,
      ).toBe(false);
    }
  });
});

describe('the standalone server', () => {
  it.each([
    ['API_URL', 'ftp://api.internal'],
    ['API_TIMEOUT_MS', 'soon'],
  ])('stops at start-up with one line naming a bad %s', async (variable, value) => {
    // A port of its own: Next reads PORT=0 as its default 3000, which anything may hold.
    const port = String(await freePort());
    const run = spawnSync(process.execPath, [webServerEntry], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: port, [variable]: value },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^web: invalid ${variable}: .+$`, 'm'));
  });
});
