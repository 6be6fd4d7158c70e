import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const TOKEN_KEY = 'k'.repeat(32);
const NEXT_TOKEN_KEY = 'n'.repeat(40);
const files: Record<string, string> = {
  '/run/secrets/db-password': 's3cr:et@/\n',
  '/run/secrets/api-token-key': `${TOKEN_KEY}\n`,
  '/run/secrets/rotating-keys': `${NEXT_TOKEN_KEY}\r\n${TOKEN_KEY}\n\n`,
  '/run/secrets/empty': '\n',
  '/run/secrets/short-key': 'short\n',
};
const readFile = (path: string) => {
  const content = files[path];
  if (content === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
  return content;
};
// Every case has a token key unless it says otherwise.
const withKey = (env: Record<string, string>) => ({
  API_TOKEN_KEY_FILE: '/run/secrets/api-token-key',
  ...env,
});
const load = (env: Record<string, string>) => loadConfig(withKey(env), readFile);
const bytes = (text: string) => new TextEncoder().encode(text);

function expectError(env: Record<string, string>, variable: string, text: RegExp) {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(text);
    expect((error as Error).message).not.toContain('\n');
    return;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads DATABASE_URL with defaults for the rest', () => {
    const config = load({ DATABASE_URL: 'mysql://app:p%40ss@db.internal:3307/todo' });
    expect(config).toEqual({
      port: 4000,
      tokenKeys: [bytes(TOKEN_KEY)],
      database: {
        primary: {
          host: 'db.internal',
          port: 3307,
          user: 'app',
          password: 'p@ss',
          database: 'todo',
        },
        replica: null,
      },
      poolSize: 10,
      queryTimeoutMs: 5000,
      shutdownTimeoutMs: 10_000,
      logLevel: 'info',
    });
  });

  it('reads DB_* parts with the password from a mounted Secret file', () => {
    const config = load({
      DB_HOST: 'mysql',
      DB_USER: 'todo',
      DB_NAME: 'todo',
      DB_PASSWORD_FILE: '/run/secrets/db-password',
      PORT: '8080',
      DB_POOL_SIZE: '25',
      LOG_LEVEL: 'warn',
    });
    expect(config.database.primary).toEqual({
      host: 'mysql',
      port: 3306,
      user: 'todo',
      password: 's3cr:et@/',
      database: 'todo',
    });
    expect(config).toMatchObject({ port: 8080, poolSize: 25, logLevel: 'warn' });
  });

  it('sends reads to DATABASE_READ_URL, reusing the primary password when it has none', () => {
    const config = load({
      DB_HOST: 'cluster',
      DB_PORT: '6446',
      DB_USER: 'todo',
      DB_NAME: 'todo',
      DB_PASSWORD: 'pw',
      DATABASE_READ_URL: 'mysql://todo@cluster:6447/todo',
    });
    expect(config.database.replica).toEqual({
      host: 'cluster',
      port: 6447,
      user: 'todo',
      password: 'pw',
      database: 'todo',
    });
  });

  it('reads every token key, one per line, for rotation', () => {
    const config = load({
      DATABASE_URL: 'mysql://u@h/todo',
      API_TOKEN_KEY_FILE: '/run/secrets/rotating-keys',
    });
    expect(config.tokenKeys).toEqual([bytes(NEXT_TOKEN_KEY), bytes(TOKEN_KEY)]);
  });

  it.each([
    [{}, 'DB_HOST', /DB_HOST is required/],
    [
      { DATABASE_URL: 'mysql://u@h/todo', API_TOKEN_KEY_FILE: '' },
      'API_TOKEN_KEY_FILE',
      /required/,
    ],
    [
      { DATABASE_URL: 'mysql://u@h/todo', API_TOKEN_KEY_FILE: '/missing' },
      'API_TOKEN_KEY_FILE',
      /cannot be read.*ENOENT/,
    ],
    [
      { DATABASE_URL: 'mysql://u@h/todo', API_TOKEN_KEY_FILE: '/run/secrets/empty' },
      'API_TOKEN_KEY_FILE',
      /holds no key/,
    ],
    [
      { DATABASE_URL: 'mysql://u@h/todo', API_TOKEN_KEY_FILE: '/run/secrets/short-key' },
      'API_TOKEN_KEY_FILE',
      /shorter than 32 bytes/,
    ],
    [{ DB_HOST: 'h', DB_NAME: 'todo' }, 'DB_USER', /required/],
    [{ DB_HOST: 'h', DB_USER: 'u' }, 'DB_NAME', /required/],
    [{ DB_HOST: 'h', DB_USER: 'u', DB_NAME: 'to do' }, 'DB_NAME', /database name/],
    [{ DATABASE_URL: 'postgres://u@h/db' }, 'DATABASE_URL', /mysql: scheme/],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', /must be a URL/],
    [{ DATABASE_URL: 'mysql://u@h:3306/' }, 'DATABASE_URL', /database/],
    [{ DATABASE_URL: 'mysql://u@h/todo', PORT: 'eighty' }, 'PORT', /whole number/],
    [{ DATABASE_URL: 'mysql://u@h/todo', PORT: '70000' }, 'PORT', /PORT must be from 1 to 65535/],
    [{ DATABASE_URL: 'mysql://u@h/todo', DB_POOL_SIZE: '0' }, 'DB_POOL_SIZE', /from 1 to 500/],
    [{ DATABASE_URL: 'mysql://u@h/todo', LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /Invalid option/],
    [
      { DB_HOST: 'h', DB_USER: 'u', DB_NAME: 'd', DB_PASSWORD_FILE: '/missing' },
      'DB_PASSWORD_FILE',
      /cannot be read.*ENOENT/,
    ],
    [
      {
        DB_HOST: 'h',
        DB_USER: 'u',
        DB_NAME: 'd',
        DB_PASSWORD: 'x',
        DB_PASSWORD_FILE: '/run/secrets/db-password',
      },
      'DB_PASSWORD_FILE',
      /together/,
    ],
    [
      { DATABASE_URL: 'mysql://u@h/todo', DATABASE_READ_URL: 'http://x' },
      'DATABASE_READ_URL',
      /mysql/,
    ],
  ])('refuses %j naming %s', (env, variable, text) => {
    expectError(env as Record<string, string>, variable, text);
  });
});
