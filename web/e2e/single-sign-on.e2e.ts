import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '@todo/harness/chromium';
import type { NodeService } from '@todo/harness/node-service';
import { startWeb } from '@todo/harness/services';
import { ACCOUNT_TEST_ENV, signIn, signUp, TEST_PASSWORD } from '@todo/harness/sessions';
import { type Stack, startStack } from '@todo/harness/stack';
import { createTestDatabase } from '@todo/harness/test-database';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRows, query } from './support/account-rows';
import { newPage, watchPage } from './support/browser';
import { type OidcProvider, startOidcProvider } from './support/oidc-provider';
import { todoPage } from './support/todo-page';

// Single sign-on through an OpenID Connect provider (a small one of our own on loopback):
// discovery, the redirect to the provider and back to PUBLIC_URL/api/auth/oauth2/callback/oidc,
// the code exchanged with PKCE and the client secret from its file, the ID token checked
// against the provider's keys, and the account made or found. With JavaScript on and off.

let stack: Stack<{ database: string; web: true }>;
let databaseUrl: string;
let provider: OidcProvider;
let sso: NodeService;
let browser: Browser;

beforeAll(async () => {
  const database = await createTestDatabase({ prefix: 'todo_web_sso' });
  databaseUrl = database.url;
  [stack, provider, browser] = await Promise.all([
    startStack({ database, web: { env: ACCOUNT_TEST_ENV }, testAccount: false }),
    startOidcProvider({ sub: 'idp-user-1', email: 'grace@idp.example', name: 'Grace' }),
    launchChromium(),
  ]);
  const secretFile = path.join(mkdtempSync(path.join(tmpdir(), 'todo-oidc-')), 'client-secret');
  writeFileSync(secretFile, `${provider.clientSecret}\n`);
  // Not a fresh install (whose first visit goes to sign up): someone has an account already.
  await signUp(stack.webUrl, 'first@example.test');
  sso = await startWeb({
    apiUrl: stack.apiUrl,
    databaseUrl,
    env: {
      ...ACCOUNT_TEST_ENV,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET_FILE: secretFile,
      OIDC_NAME: 'Test IdP',
    },
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sso?.stop();
  await provider?.stop();
  await stack?.stop();
});

/** Presses "Sign in with Test IdP" and waits for the page the round trip ends on. */
async function singleSignOn(page: Page) {
  const [landed] = await Promise.all([
    page.waitForURL((url) => url.origin === sso.url && !url.pathname.startsWith('/api/auth')),
    page.getByRole('button', { name: 'Sign in with Test IdP' }).click(),
  ]);
  return landed;
}

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
])('single sign-on, %s', (_mode, javascript) => {
  it('goes to the provider and back, and signs in the account it names (made once)', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: javascript });
    const watched = watchPage(page, sso.url);
    try {
      await page.goto(`${sso.url}/sign-in?returnTo=%2Factive`);
      await singleSignOn(page);
      expect(page.url()).toBe(`${sso.url}/active`);
      const app = todoPage(page, sso.url, { javascript });
      await app.hydrated();
      expect(await page.getByRole('navigation', { name: 'Your account' }).textContent()).toContain(
        'grace@idp.example',
      );
      // The redirect URI the provider was given is the one to register with it.
      expect(provider.redirectUris.at(-1)).toBe(`${sso.url}/api/auth/oauth2/callback/oidc`);
      const logins = await query<{ user_id: string; account_id: string }>(
        databaseUrl,
        "SELECT user_id, account_id FROM AuthAccount WHERE provider_id = 'oidc'",
      );
      expect(logins).toEqual([{ user_id: expect.any(String), account_id: 'idp-user-1' }]);
      // The only requests to another host were the round trip to the provider.
      expect(
        watched.problems.filter((line) => !line.startsWith(`outside request: ${provider.issuer}/`)),
      ).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('single sign-on', () => {
  it('never takes over an account that signs in with a password, and says why', async () => {
    await signUp(sso.url, 'linus@idp.example', 'a password of his own');
    const other = await startOidcProvider({
      sub: 'idp-user-2',
      email: 'linus@idp.example',
      name: 'Linus',
    });
    const secretFile = path.join(mkdtempSync(path.join(tmpdir(), 'todo-oidc-')), 'secret');
    writeFileSync(secretFile, other.clientSecret);
    const web = await startWeb({
      apiUrl: stack.apiUrl,
      databaseUrl,
      env: {
        ...ACCOUNT_TEST_ENV,
        OIDC_ISSUER: other.issuer,
        OIDC_CLIENT_ID: other.clientId,
        OIDC_CLIENT_SECRET_FILE: secretFile,
        OIDC_NAME: 'Test IdP',
      },
    });
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${web.url}/sign-in`);
      await Promise.all([
        page.waitForURL(
          (url) => url.origin === web.url && url.pathname === '/sign-in' && url.search !== '',
        ),
        page.getByRole('button', { name: 'Sign in with Test IdP' }).click(),
      ]);
      expect(await page.locator('#sign-in-message').textContent()).toBe(
        'An account with this email address signs in with a password here. Sign in with it instead.',
      );
      const linked = await query(
        databaseUrl,
        "SELECT id FROM AuthAccount WHERE provider_id = 'oidc' AND account_id = 'idp-user-2'",
      );
      expect(linked).toEqual([]);
    } finally {
      await context.close();
      await web.stop();
      await other.stop();
    }
  });

  it('lets an account without a password delete itself from a fresh session, with a tick', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${sso.url}/sign-in`);
      await singleSignOn(page);
      const [grace] = await query<{ id: string }>(
        databaseUrl,
        "SELECT id FROM AuthUser WHERE email = 'grace@idp.example'",
      );
      await page.goto(`${sso.url}/delete-account`);
      expect(await page.getByLabel('Your password, to confirm').count()).toBe(0);
      await page.getByLabel('Yes, delete the account and all its tasks').check();
      await Promise.all([
        page.waitForURL(`${sso.url}/sign-up?deleted=1`),
        page.getByRole('button', { name: 'Delete my account and tasks' }).click(),
      ]);
      expect(await accountRows(databaseUrl, grace?.id ?? '')).toMatchObject({
        users: 0,
        sessions: 0,
        logins: 0,
      });
    } finally {
      await context.close();
    }
  });

  it('with a provider that never answers, holds up nothing but its own button, which gives up after its deadline', async () => {
    // Accepts connections, never answers: a provider behind a firewall that drops the replies.
    const held = new Set<Socket>();
    const silent = createServer((socket) => held.add(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const issuer = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const secretFile = path.join(mkdtempSync(path.join(tmpdir(), 'todo-oidc-')), 'secret');
    writeFileSync(secretFile, 'a client secret');
    const web = await startWeb({
      apiUrl: stack.apiUrl,
      databaseUrl,
      env: {
        ...ACCOUNT_TEST_ENV,
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: 'todo',
        OIDC_CLIENT_SECRET_FILE: secretFile,
      },
    });
    try {
      // Pages, sessions and passwords go on as if the provider were not there.
      const session = await signIn(web.url, 'first@example.test', TEST_PASSWORD);
      const list = await fetch(`${web.url}/`, { headers: { cookie: session.cookie } });
      expect(list.status).toBe(200);
      const form = await fetch(`${web.url}/sign-in`);
      expect(await form.text()).toContain('Sign in with single sign-on');
      // The button itself gives up after its deadline, with a page that says why.
      const answer = await fetch(`${web.url}/auth/single-sign-on`, {
        method: 'POST',
        headers: { origin: web.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
        redirect: 'manual',
      });
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(await answer.text()).toContain(
        'The single sign-on provider is not answering. Try again in a moment.',
      );
    } finally {
      await web.stop();
      for (const socket of held) socket.destroy();
      silent.close();
    }
  }, 60_000);

  it('is not there unless configured: no button, no callback, nothing else of Better Auth', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signUp(stack.webUrl, 'plain@example.test');
      await page.goto(`${stack.webUrl}/sign-in`);
      expect(await page.getByRole('button', { name: /Sign in with/ }).count()).toBe(0);
    } finally {
      await context.close();
    }
    for (const [web, route] of [
      [stack.webUrl, '/api/auth/oauth2/callback/oidc?code=x&state=y'],
      [sso.url, '/api/auth/get-session'],
      [sso.url, '/api/auth/list-sessions'],
      [sso.url, '/api/auth/callback/oidc?code=x&state=y'],
    ] as const) {
      const answer = await fetch(`${web}${route}`, { redirect: 'manual' });
      expect(answer.status, route).toBe(404);
      await answer.body?.cancel();
    }
    const post = await fetch(`${sso.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { origin: sso.url, 'content-type': 'application/json' },
      body: '{"email":"grace@idp.example","password":"x"}',
    });
    expect(post.status).toBe(405);
  });
});
