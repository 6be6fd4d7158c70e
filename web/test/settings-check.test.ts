// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { badSetting } from '@/lib/settings-check';

// The one check web/start.ts runs before Next listens (and the instrumentation hook repeats):
// each of the server's groups of settings is in it, and a good set passes. What each parser
// refuses is in account-settings.test.ts; the standalone server's exit in e2e/build-output.

const files: Record<string, string> = {
  '/secrets/auth': 'an-auth-secret-of-enough-characters-0123456789\n',
  '/secrets/key': 'a-token-key-of-at-least-32-bytes-0123456789\n',
};
const readFile = (path: string) => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
  return text;
};

const good = {
  API_TOKEN_KEY_FILE: '/secrets/key',
  AUTH_SECRET_FILE: '/secrets/auth',
  DATABASE_URL: 'mysql://todo@db:3306/todo',
};

describe('the settings check', () => {
  it('passes a complete set of settings', () => {
    expect(badSetting(good, readFile)).toBeNull();
    expect(
      badSetting(
        { ...good, API_URL: 'http://api:4000', PUBLIC_URL: 'https://todo.example.com' },
        readFile,
      ),
    ).toBeNull();
  });

  it.each([
    ['the api address', { API_URL: 'ftp://api.internal' }, /^invalid API_URL: /],
    ['the api deadline', { API_TIMEOUT_MS: 'soon' }, /^invalid API_TIMEOUT_MS: /],
    ['the proxy headers', { TRUST_PROXY_HEADERS: 'maybe' }, /^invalid TRUST_PROXY_HEADERS: /],
    ['the token key', { API_TOKEN_KEY_FILE: '/secrets/none' }, /^invalid API_TOKEN_KEY_FILE: /],
    ['the database', { DATABASE_URL: 'postgres://db/todo' }, /^invalid DATABASE_URL: /],
    ['the auth secret', { AUTH_SECRET_FILE: '' }, /^invalid AUTH_SECRET_FILE: /],
    ['the public URL', { PUBLIC_URL: 'https://todo.example.com/app' }, /^invalid PUBLIC_URL: /],
    ['single sign-on', { OIDC_ISSUER: 'https://idp.example.com' }, /^invalid OIDC_CLIENT_ID: /],
    ['the sign-in limit', { AUTH_RATE_LIMIT_MAX: '0' }, /^invalid AUTH_RATE_LIMIT_MAX: /],
  ])('names a bad setting of %s', (_group, spoiled, message) => {
    expect(badSetting({ ...good, ...spoiled }, readFile)).toMatch(message);
  });

  it('names the first bad setting when several are bad', () => {
    expect(badSetting({ API_URL: 'ftp://api.internal' }, readFile)).toMatch(/^invalid API_URL: /);
  });
});
