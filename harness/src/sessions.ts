import { randomBytes } from 'node:crypto';
import type { RowDataPacket } from 'mysql2/promise';
import type { BrowserContext } from 'playwright-core';
import { adminQuery, splitDatabaseUrl } from './database-server.js';

/**
 * Accounts made the way people make them, through the web's own account forms: for fetch-based
 * tests and scripts (a session cookie to send) and for browser contexts (the same cookies,
 * stored in the context). Each form post is one sign-in or sign-up attempt, which the web
 * rate-limits per client address: suites that make many accounts start web with
 * ACCOUNT_TEST_ENV.
 */
export type Session = {
  email: string;
  password: string;
  /** The Cookie header of the session (`todo.session_token=…; todo.session_data=…`). */
  cookie: string;
  /** The cookies as the web set them, for a browser context. */
  setCookies: string[];
};

/** A web environment for suites that sign up an account per test: a roomy attempt limit. */
export const ACCOUNT_TEST_ENV = { AUTH_RATE_LIMIT_MAX: '10000' };

export const TEST_PASSWORD = 'correct horse battery staple';

/** A fresh, unique email address (`name-<random>@example.test`). */
export function newEmail(name = 'person'): string {
  return `${name}-${randomBytes(5).toString('hex')}@example.test`;
}

async function postForm(webUrl: string, form: string, fields: Record<string, string>) {
  const body = new URLSearchParams(fields).toString();
  return fetch(`${webUrl}/auth/${form}`, {
    method: 'POST',
    headers: { origin: webUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
}

function sessionFrom(response: Response, email: string, password: string, what: string): Session {
  const setCookies = response.headers.getSetCookie();
  if (response.status !== 303 || setCookies.length === 0) {
    throw new Error(`${what} ${email}: the web answered ${response.status}, not 303 with a cookie`);
  }
  const cookie = setCookies
    .map((line) => line.split(';')[0] ?? '')
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
  return { email, password, cookie, setCookies };
}

/** Creates an account through the web's sign-up form; resolves to its signed-in session. */
export async function signUp(
  webUrl: string,
  email: string = newEmail(),
  password: string = TEST_PASSWORD,
): Promise<Session> {
  const response = await postForm(webUrl, 'sign-up', { email, password, passwordAgain: password });
  await response.body?.cancel();
  return sessionFrom(response, email, password, 'signing up');
}

/** Signs in through the web's sign-in form. */
export async function signIn(webUrl: string, email: string, password: string): Promise<Session> {
  const response = await postForm(webUrl, 'sign-in', { email, password });
  await response.body?.cancel();
  return sessionFrom(response, email, password, 'signing in');
}

/** The account id (Better Auth's user id, the api's owner) of an email, from the database. */
export async function accountIdOf(databaseUrl: string, email: string): Promise<string> {
  const rows = await adminQuery<Array<{ id: string } & RowDataPacket>>(
    'SELECT id FROM AuthUser WHERE email = ?',
    [email.toLowerCase()],
    splitDatabaseUrl(databaseUrl),
  );
  const id = rows[0]?.id;
  if (!id) throw new Error(`no account for ${email}`);
  return id;
}

/** Puts a session's cookies into a browser context, as if it had signed in itself. */
export async function useSession(context: BrowserContext, webUrl: string, session: Session) {
  const kept = session.setCookies.filter((line) => !/^[^=]+=;/.test(line));
  await context.addCookies(
    kept.map((line) => {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const equals = pair.indexOf('=');
      const has = (name: string) =>
        attributes.some((attribute) => attribute.toLowerCase() === name);
      return {
        name: pair.slice(0, equals),
        value: pair.slice(equals + 1),
        url: webUrl,
        httpOnly: has('httponly'),
        secure: has('secure'),
        sameSite: 'Lax' as const,
      };
    }),
  );
}
