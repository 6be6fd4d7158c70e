import { launchChromium } from '@todo/harness/chromium';
import type { NodeService } from '@todo/harness/node-service';
import { startWeb } from '@todo/harness/services';
import { accountIdOf, newEmail, type Session, signIn, signUp } from '@todo/harness/sessions';
import { type Stack, startStack } from '@todo/harness/stack';
import { createTestDatabase } from '@todo/harness/test-database';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRows, query } from './support/account-rows';
import { artifactPath, newPage, watchPage } from './support/browser';

// Guessing passwords and forging account forms from another site, against two web processes
// that share the database (two replicas): the sign-in limit is counted in the database, so it
// holds across them, and answers 429 with Retry-After, with or without JavaScript; a form from
// another origin is refused by the request guard and, behind it, by Better Auth's own check.

const LIMIT = 3;
const WINDOW_SECONDS = 6;
const limits = {
  AUTH_RATE_LIMIT_MAX: String(LIMIT),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
};

let stack: Stack<{ database: string; web: true }>;
let databaseUrl: string;
let replica: NodeService;
let browser: Browser;

beforeAll(async () => {
  const database = await createTestDatabase({ prefix: 'todo_web_attacks' });
  databaseUrl = database.url;
  [stack, browser] = await Promise.all([
    startStack({ database, web: { env: limits }, testAccount: false }),
    launchChromium(),
  ]);
  replica = await startWeb({ apiUrl: stack.apiUrl, databaseUrl, env: limits });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await replica?.stop();
  await stack?.stop();
});

function postForm(
  webUrl: string,
  form: string,
  fields: Record<string, string>,
  headers: Record<string, string> = { origin: webUrl },
) {
  return fetch(`${webUrl}/auth/${form}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

const messageOf = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1];

describe('guessing a password', () => {
  it('answers 429 with Retry-After past the limit, on both replicas, and the password works after the window', async () => {
    const email = newEmail('victim');
    const password = 'the right password';
    await signUp(stack.webUrl, email, password);
    const webs = [stack.webUrl, replica.url];

    // The limit's attempts, alternating between the replicas: each a wrong password.
    for (let attempt = 0; attempt < LIMIT; attempt++) {
      const answer = await postForm(webs[attempt % 2] ?? '', 'sign-in', {
        email,
        password: `guess ${attempt}`,
      });
      expect(answer.status).toBe(401);
      await answer.body?.cancel();
    }
    const [row] = await query<{ count: number }>(
      databaseUrl,
      "SELECT count FROM AuthRateLimit WHERE `key` = '127.0.0.1|/sign-in/email'",
    );
    expect(row?.count).toBe(LIMIT);

    // One more, on either replica, and even with the right password: 429.
    for (const [web, guess] of [
      [replica.url, 'guess again'],
      [stack.webUrl, password],
    ] as const) {
      const limited = await postForm(web, 'sign-in', { email, password: guess });
      expect(limited.status).toBe(429);
      expect(limited.headers.getSetCookie()).toEqual([]);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
      expect(messageOf(await limited.text())).toMatch(
        /^Too many attempts\. Wait \d+ seconds?, then try again\.$/,
      );
    }

    // Without JavaScript, the browser shows a page that says so, with the form.
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    const watched = watchPage(page, replica.url);
    try {
      await page.goto(`${replica.url}/sign-in`);
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password').fill('one more guess');
      const [answer] = await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: 'Sign in', exact: true }).click(),
      ]);
      expect(answer?.status()).toBe(429);
      expect(await page.getByRole('alert').textContent()).toMatch(/^Too many attempts\./);
      expect(await page.getByLabel('Email address').inputValue()).toBe(email);
      await page.setViewportSize({ width: 390, height: 760 });
      await page.screenshot({ path: artifactPath('sign-in-too-many-phone.png'), fullPage: true });
      expect(watched.problems.filter((line) => !line.includes('status of 429'))).toEqual([]);
    } finally {
      await context.close();
    }
    const id = await accountIdOf(databaseUrl, email);
    expect((await accountRows(databaseUrl, id)).sessions).toBe(1);

    // Once the window has passed, the right password signs in again.
    let session: Session | undefined;
    await expect
      .poll(
        async () => {
          session = await signIn(replica.url, email, password).catch(() => undefined);
          return session !== undefined;
        },
        { timeout: (WINDOW_SECONDS + 10) * 1000, interval: 1000 },
      )
      .toBe(true);
    const list = await fetch(`${stack.webUrl}/`, { headers: { cookie: session?.cookie ?? '' } });
    expect(list.status).toBe(200);
    expect((await accountRows(databaseUrl, id)).sessions).toBe(2);
  });
});

describe('an account form from another site', () => {
  it('is refused with 403 and writes nothing, whatever the form', async () => {
    const email = newEmail('target');
    const password = 'another right password';
    const session = await signUp(replica.url, email, password);
    const id = await accountIdOf(databaseUrl, email);
    const before = await accountRows(databaseUrl, id);
    const stranger = newEmail('stranger');
    const forms: Array<[string, Record<string, string>, Record<string, string>]> = [
      ['sign-in', { email, password }, {}],
      ['sign-up', { email: stranger, password, passwordAgain: password }, {}],
      ['sign-out', {}, { cookie: session.cookie }],
      ['delete-account', { password }, { cookie: session.cookie }],
    ];
    for (const [form, fields, extra] of forms) {
      const origins: Array<Record<string, string>> = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        {},
      ];
      for (const origin of origins) {
        const answer = await postForm(stack.webUrl, form, fields, { ...origin, ...extra });
        expect(answer.status, `${form} ${JSON.stringify(origin)}`).toBe(403);
        expect(answer.headers.getSetCookie()).toEqual([]);
        await answer.body?.cancel();
      }
    }
    expect(await accountRows(databaseUrl, id)).toEqual(before);
    expect(await query(databaseUrl, 'SELECT id FROM AuthUser WHERE email = ?', [stranger])).toEqual(
      [],
    );
    // The session is still good.
    expect((await fetch(`${stack.webUrl}/`, { headers: { cookie: session.cookie } })).status).toBe(
      200,
    );
  });

  it("is refused by Better Auth's own check where the request guard trusts a forged host", async () => {
    // A web told to trust forwarding headers, reached directly: its request guard takes the
    // host a client forwards as its own, but Better Auth checks the Origin against PUBLIC_URL.
    const trusting = await startWeb({
      apiUrl: stack.apiUrl,
      databaseUrl,
      env: { ...limits, TRUST_PROXY_HEADERS: 'true' },
    });
    try {
      const email = newEmail('forged');
      const answer = await postForm(
        trusting.url,
        'sign-up',
        { email, password: 'a long enough password', passwordAgain: 'a long enough password' },
        {
          origin: 'https://evil.example',
          'x-forwarded-host': 'evil.example',
          'x-forwarded-proto': 'https',
        },
      );
      expect(answer.status).toBe(403);
      expect(messageOf(await answer.text())).toBe(
        'This form was sent from another site, so it was refused.',
      );
      expect(await query(databaseUrl, 'SELECT id FROM AuthUser WHERE email = ?', [email])).toEqual(
        [],
      );
    } finally {
      await trusting.stop();
    }
  });
});
