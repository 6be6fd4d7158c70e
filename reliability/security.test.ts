import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { bearer } from '@todo/harness/accounts';
import { repoRoot } from '@todo/harness/paths';
import { type Connection, createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFigures } from './support/figures.js';
import { sendRaw } from './support/hostile/raw-http.js';
import { watchWrites, writesSoFar } from './support/hostile/table-fingerprint.js';
import { sleep } from './support/readiness-watch.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

const run = promisify(execFile);

let stack: WebStack;
let connection: Connection;
let taskId: number;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  stack = await startWebStack(2000);
  connection = await createConnection(stack.db.settings);
  await watchWrites(connection);
  taskId = await stack.addTask('Guarded task');
});
afterAll(async () => {
  reportFigures('security checks', figures);
  await connection?.end();
  await stack?.stop();
});

const apiUrl = () => {
  const api = stack.api();
  if (!api) throw new Error('the api is not running');
  return api.url;
};

describe('no route mutates on GET', () => {
  it('api: GET, HEAD and OPTIONS on every documented path write nothing', async () => {
    const document = (await (await fetch(`${apiUrl()}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    const paths = Object.keys(document.paths).map((path) => path.replace('{id}', String(taskId)));
    expect(paths).toContain('/v1/tasks');
    const before = await writesSoFar(connection);
    for (const path of paths) {
      for (const query of ['', '?status=completed', '?status=ongoing&limit=1']) {
        for (const method of ['GET', 'HEAD', 'OPTIONS']) {
          const response = await fetch(`${apiUrl()}${path}${query}`, {
            method,
            headers: await bearer(),
          });
          await response.body?.cancel();
          expect(response.status).toBeLessThan(500);
        }
      }
    }
    expect(await writesSoFar(connection)).toBe(before);
    figures.apiPathsProbedWithGet = paths.length;
  });

  it('web: every page, with any query and even a Server Action header, writes nothing on GET', async () => {
    const before = await writesSoFar(connection);
    const probes = [
      '/',
      '/active',
      '/completed',
      `/?edit=${taskId}`,
      '/?limit=1',
      `/?title=x&status=completed&id=${taskId}`,
      '/healthz',
      '/icon.svg',
      '/nothing-here',
      '/sign-in',
      '/sign-up',
      '/delete-account',
      '/auth/sign-out',
      '/auth/delete-account',
      '/forms/clear-completed',
      '/api/auth/get-session',
      '/api/auth/sign-out',
    ];
    for (const path of probes) {
      const variants: Array<Record<string, string>> = [
        {},
        { 'next-action': '0'.repeat(42), accept: 'text/x-component' },
      ];
      // Signed out, and signed in: neither makes a GET change anything.
      const sessions: Array<Record<string, string>> = [{}, { cookie: stack.session.cookie }];
      for (const cookie of sessions) {
        for (const headers of variants) {
          const response = await fetch(`${stack.web.url}${path}`, {
            headers: { ...headers, ...cookie },
            redirect: 'manual',
          });
          await response.body?.cancel();
          expect(response.status, path).toBeLessThan(500);
        }
      }
    }
    expect(await writesSoFar(connection)).toBe(before);
    // The session is still good after a GET of every sign-out and delete address.
    const list = await fetch(`${stack.web.url}/`, { headers: { cookie: stack.session.cookie } });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('Guarded task');
  });
});

describe('forms', () => {
  /** The hidden fields of the add form as the signed-in page renders them (key, list). */
  async function addFormFields(): Promise<Array<[string, string]>> {
    const html = await (
      await fetch(`${stack.web.url}/`, { headers: { cookie: stack.session.cookie } })
    ).text();
    const form = /<form class="new-task"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    const fields = [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)];
    const decode = (text: string) =>
      text
        .replace(/&quot;/g, '"')
        .replace(/&#x27;|&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    return fields.map((field) => [decode(field[1] ?? ''), decode(field[2] ?? '')]);
  }

  // The classic cross-site request forgery: another site's page posting the app's own form
  // (the no-JavaScript path of the add form, exactly as a browser would send it, the victim's
  // session cookie included).
  it('the add form posted from a foreign Origin is refused; the same post from the app works', async () => {
    const fields = await addFormFields();
    expect(fields.map(([name]) => name).sort()).toEqual(['formKey', 'returnTo']);
    const post = async (origin: string, title: string) => {
      const form = new URLSearchParams(fields);
      form.append('title', title);
      const before = await writesSoFar(connection);
      const response = await fetch(`${stack.web.url}/forms/add`, {
        method: 'POST',
        headers: { origin, cookie: stack.session.cookie },
        body: form,
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
      });
      await response.text();
      return {
        status: response.status,
        location: response.headers.get('location'),
        wrote: (await writesSoFar(connection)) - before,
      };
    };
    const foreign = await post('https://evil.example', 'Posted from evil.example');
    const sameOrigin = await post(stack.web.url, 'Posted from the app');
    figures.formForeignOrigin = foreign;
    figures.formSameOrigin = sameOrigin;

    expect(foreign).toEqual({ status: 403, location: null, wrote: 0 });
    // The control: the very same post from the app's own origin is a valid change.
    expect(sameOrigin.status).toBe(303);
    expect(sameOrigin.location).toBe('/');
    expect(sameOrigin.wrote).toBeGreaterThan(0);
  });
});

describe('headers', () => {
  const checkHeaders = (headers: Headers, where: string) => {
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp, where).toMatch(/script-src [^;]*'nonce-[^']+'/);
    expect(csp, where).not.toMatch(/script-src [^;]*'unsafe-inline'/);
    expect(csp, where).toMatch(/frame-ancestors 'none'/);
    expect(csp, where).toMatch(/object-src 'none'/);
    expect(headers.get('x-content-type-options'), where).toBe('nosniff');
    expect(headers.get('x-frame-options'), where).toBe('DENY');
    expect(headers.get('referrer-policy'), where).toBeTruthy();
    expect(headers.get('x-powered-by'), where).toBeNull();
  };

  const signedIn = { headers: { cookie: '' } };

  it('pages carry a nonce CSP and the security headers: list, 404, and the 503 state', async () => {
    signedIn.headers.cookie = stack.session.cookie;
    const list = await fetch(`${stack.web.url}/`, signedIn);
    expect(list.status).toBe(200);
    checkHeaders(list.headers, '/');
    const missing = await fetch(`${stack.web.url}/nothing-here`);
    expect(missing.status).toBe(404);
    checkHeaders(missing.headers, '404');
    const nonces = new Set(
      await Promise.all(
        [1, 2].map(async () =>
          (await fetch(`${stack.web.url}/`, signedIn)).headers.get('content-security-policy'),
        ),
      ),
    );
    expect(nonces.size).toBe(2);

    await stack.stopApi();
    try {
      await sleep(1100);
      const unavailable = await fetch(`${stack.web.url}/`, signedIn);
      expect(unavailable.status).toBe(503);
      checkHeaders(unavailable.headers, '503');
    } finally {
      await stack.startApi();
    }
    figures.csp = list.headers.get('content-security-policy');
    // The account pages too, signed out.
    for (const path of ['/sign-in', '/sign-up']) {
      const page = await fetch(`${stack.web.url}${path}`);
      expect(page.status, path).toBe(200);
      checkHeaders(page.headers, path);
    }
  });
});

describe('the api is not reachable through the web', () => {
  it('no path, Host or absolute-form target makes the web forward to the api', async () => {
    const apiPort = new URL(apiUrl()).port;
    const looksLikeApi = /"nextCursor"|"openapi"|# HELP|"items"|"status":"ok"/;
    const forwardedBefore = stack.proxy.seen.length;
    const paths = [
      '/v1/tasks',
      `/v1/tasks/${taskId}`,
      '/api/v1/tasks',
      '/readyz',
      '/metrics',
      '/openapi.json',
      `/_next/image?url=${encodeURIComponent(`http://127.0.0.1:${apiPort}/v1/tasks`)}&w=64&q=75`,
      `/${encodeURIComponent(`http://127.0.0.1:${apiPort}/v1/tasks`)}`,
      '//127.0.0.1/v1/tasks',
    ];
    for (const path of paths) {
      const response = await fetch(`${stack.web.url}${path}`, {
        redirect: 'manual',
        headers: { cookie: stack.session.cookie },
      });
      const body = await response.text();
      expect(looksLikeApi.test(body), path).toBe(false);
      expect(response.status, path).toBeLessThan(500);
    }
    for (const method of ['DELETE', 'PATCH']) {
      const response = await fetch(`${stack.web.url}/v1/tasks?status=completed`, { method });
      expect(looksLikeApi.test(await response.text())).toBe(false);
    }
    // Absolute-form request target and a Host naming the api, as an HTTP proxy would be asked.
    for (const bytes of [
      `GET http://127.0.0.1:${apiPort}/v1/tasks HTTP/1.1\r\nHost: 127.0.0.1:${apiPort}\r\nConnection: close\r\n\r\n`,
      `GET /v1/tasks HTTP/1.1\r\nHost: 127.0.0.1:${apiPort}\r\nConnection: close\r\n\r\n`,
      `CONNECT 127.0.0.1:${apiPort} HTTP/1.1\r\nHost: 127.0.0.1:${apiPort}\r\n\r\n`,
    ]) {
      const status = await sendRaw(stack.web.port, bytes);
      expect(status === 200).toBe(false);
    }
    // Nothing of the above reached the api (the web's own readiness probe may have).
    const forwarded = stack.proxy.seen
      .slice(forwardedBefore)
      .filter((seen) => seen.path !== '/readyz');
    expect(forwarded).toEqual([]);
  });
});

describe('dependencies', () => {
  it('npm audit --omit=dev finds no high or critical advisory', async (context) => {
    const audit = await run('npm', ['audit', '--omit=dev', '--json'], {
      cwd: repoRoot,
      timeout: 90_000,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(audit.stdout || '{}') as {
      metadata?: { vulnerabilities?: Record<string, number> };
      message?: string;
      error?: unknown;
    };
    if (report.error !== undefined || !report.metadata) {
      // Only the advisory service can answer this; a registry mirror without it (405 on the
      // bulk endpoint) leaves the question open, which is reported rather than passed.
      figures.npmAuditOmitDev = `not checked: ${report.message ?? 'no answer from the advisory endpoint'}`;
      context.skip(`npm audit could not reach the advisory endpoint: ${report.message ?? ''}`);
      return;
    }
    const counts = report.metadata.vulnerabilities ?? {};
    figures.npmAuditOmitDev = counts;
    expect(counts.high ?? 0).toBe(0);
    expect(counts.critical ?? 0).toBe(0);
  }, 120_000);
});
