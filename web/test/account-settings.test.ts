// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseTokenKey } from '@/lib/api/token-key';
import { parseAuthSettings } from '@/lib/auth/settings';
import { parseDatabaseSettings } from '@/lib/db/settings';

// The settings of accounts, as the server reads them at start-up: every refusal names its
// variable (the standalone server's own refusals are checked in e2e/build-output.e2e.ts).

const SECRET = 'an-auth-secret-of-enough-characters-0123456789';
const KEY = 'a-token-key-of-at-least-32-bytes-0123456789';
const files: Record<string, string> = {
  '/secrets/auth': `${SECRET}\n`,
  '/secrets/short': 'too short\n',
  '/secrets/key': `${KEY}\nan-older-key-still-accepted-by-the-api-0123\n`,
  '/secrets/oidc': 'the client secret\n',
  '/secrets/db': 'p@ss word\n',
};
const readFile = (path: string) => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
  return text;
};

describe('the api token key', () => {
  it('is the first line of API_TOKEN_KEY_FILE', () => {
    const key = parseTokenKey({ API_TOKEN_KEY_FILE: '/secrets/key' }, readFile);
    expect(new TextDecoder().decode(key)).toBe(KEY);
  });

  it.each([
    [{}, /^invalid API_TOKEN_KEY_FILE: is required/],
    [{ API_TOKEN_KEY_FILE: '/secrets/none' }, /^invalid API_TOKEN_KEY_FILE: cannot be read/],
    [{ API_TOKEN_KEY_FILE: '/secrets/short' }, /shorter than 32 bytes/],
  ])('refuses %j', (env, message) => {
    expect(() => parseTokenKey(env, readFile)).toThrow(message);
  });
});

describe('the database settings', () => {
  it('reads DATABASE_URL, or the DB_* variables with a password file, as the api does', () => {
    expect(parseDatabaseSettings({ DATABASE_URL: 'mysql://todo:s%40cret@db:3307/todo' })).toEqual({
      host: 'db',
      port: 3307,
      user: 'todo',
      password: 's@cret',
      database: 'todo',
      poolSize: 5,
    });
    expect(
      parseDatabaseSettings(
        {
          DB_HOST: 'mysql',
          DB_USER: 'todo',
          DB_NAME: 'todo',
          DB_PASSWORD_FILE: '/secrets/db',
          DB_POOL_SIZE: '3',
        },
        readFile,
      ),
    ).toEqual({
      host: 'mysql',
      port: 3306,
      user: 'todo',
      password: 'p@ss word',
      database: 'todo',
      poolSize: 3,
    });
  });

  it.each([
    [{ DATABASE_URL: 'postgres://db/todo' }, /^invalid DATABASE_URL: must use the mysql: scheme/],
    [{ DATABASE_URL: 'mysql://db/' }, /^invalid DATABASE_URL: must name a database/],
    [{}, /^invalid DB_HOST: is required/],
    [{ DB_HOST: 'h', DB_USER: 'u', DB_NAME: 'a-b' }, /^invalid DB_NAME/],
    [{ DB_HOST: 'h', DB_USER: 'u', DB_NAME: 'n', DB_PORT: '0' }, /^invalid DB_PORT/],
    [{ DATABASE_URL: 'mysql://u@h/n', DB_POOL_SIZE: 'many' }, /^invalid DB_POOL_SIZE/],
    [
      {
        DB_HOST: 'h',
        DB_USER: 'u',
        DB_NAME: 'n',
        DB_PASSWORD: 'x',
        DB_PASSWORD_FILE: '/secrets/db',
      },
      /^invalid DB_PASSWORD_FILE: cannot be set together with DB_PASSWORD/,
    ],
  ])('refuses %j', (env, message) => {
    expect(() => parseDatabaseSettings(env, readFile)).toThrow(message);
  });
});

describe('the account settings', () => {
  it('has defaults for a local run: PUBLIC_URL on the port, no single sign-on, 5 a minute', () => {
    expect(
      parseAuthSettings({ AUTH_SECRET_FILE: '/secrets/auth', PORT: '3100' }, readFile),
    ).toEqual({
      publicUrl: 'http://127.0.0.1:3100',
      publicUrlSet: false,
      secret: SECRET,
      oidc: null,
      rateLimit: { windowSeconds: 60, max: 5 },
    });
  });

  it('takes PUBLIC_URL (a trailing slash dropped) and single sign-on with its secret file', () => {
    const settings = parseAuthSettings(
      {
        AUTH_SECRET_FILE: '/secrets/auth',
        PUBLIC_URL: 'https://todo.example.com/',
        OIDC_ISSUER: 'https://keycloak.example.com/realms/todo/',
        OIDC_CLIENT_ID: 'todo',
        OIDC_CLIENT_SECRET_FILE: '/secrets/oidc',
        OIDC_NAME: 'Keycloak',
        AUTH_RATE_LIMIT_MAX: '10',
        AUTH_RATE_LIMIT_WINDOW_SECONDS: '300',
      },
      readFile,
    );
    expect(settings).toEqual({
      publicUrl: 'https://todo.example.com',
      publicUrlSet: true,
      secret: SECRET,
      oidc: {
        issuer: 'https://keycloak.example.com/realms/todo',
        clientId: 'todo',
        clientSecret: 'the client secret',
        name: 'Keycloak',
      },
      rateLimit: { windowSeconds: 300, max: 10 },
    });
  });

  const base = { AUTH_SECRET_FILE: '/secrets/auth' };
  const oidc = { OIDC_CLIENT_ID: 'todo', OIDC_CLIENT_SECRET_FILE: '/secrets/oidc' };
  it.each([
    [{}, /^invalid AUTH_SECRET_FILE: is required/],
    [
      { AUTH_SECRET_FILE: '/secrets/short' },
      /^invalid AUTH_SECRET_FILE: the secret must be at least 32/,
    ],
    [{ ...base, PUBLIC_URL: 'todo.example.com' }, /^invalid PUBLIC_URL/],
    [{ ...base, PUBLIC_URL: 'ftp://todo.example.com' }, /^invalid PUBLIC_URL/],
    [
      { ...base, PUBLIC_URL: 'https://todo.example.com/app' },
      /^invalid PUBLIC_URL: must be an origin/,
    ],
    [{ ...base, PUBLIC_URL: 'https://todo.example.com/?a=b' }, /^invalid PUBLIC_URL/],
    [
      { ...base, ...oidc, OIDC_ISSUER: 'http://idp.example.com' },
      /^invalid OIDC_ISSUER: must be an https URL/,
    ],
    [{ ...base, OIDC_ISSUER: 'https://idp.example.com' }, /^invalid OIDC_CLIENT_ID/],
    [
      { ...base, OIDC_ISSUER: 'https://idp.example.com', OIDC_CLIENT_ID: 'todo' },
      /^invalid OIDC_CLIENT_SECRET_FILE/,
    ],
    [{ ...base, ...oidc }, /^invalid OIDC_CLIENT_ID: is set, but OIDC_ISSUER is not/],
    [
      { ...base, ...oidc, OIDC_ISSUER: 'https://idp.example.com', OIDC_NAME: 'x'.repeat(61) },
      /^invalid OIDC_NAME/,
    ],
    [{ ...base, AUTH_RATE_LIMIT_MAX: '0' }, /^invalid AUTH_RATE_LIMIT_MAX/],
    [{ ...base, AUTH_RATE_LIMIT_WINDOW_SECONDS: '1.5' }, /^invalid AUTH_RATE_LIMIT_WINDOW_SECONDS/],
  ])('refuses %j', (env, message) => {
    expect(() => parseAuthSettings(env, readFile)).toThrow(message);
  });

  it('accepts an http issuer on loopback only (a provider on the developer machine)', () => {
    const local = parseAuthSettings(
      { ...base, ...oidc, OIDC_ISSUER: 'http://127.0.0.1:8080/realms/todo' },
      readFile,
    );
    expect(local.oidc?.issuer).toBe('http://127.0.0.1:8080/realms/todo');
  });
});
