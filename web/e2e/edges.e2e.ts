import { launchChromium } from '@todo/harness/chromium';
import { startProxy } from '@todo/harness/proxy';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newActionBody } from './support/action-body';
import { watchPage } from './support/browser';
import { type ControlledStack, startControlledStack } from './support/controlled-stack';
import { raw } from './support/raw-http';
import { todoPage } from './support/todo-page';

// The edges of the web server, each with its exact status, decided before Next's own handling
// (which used to answer these with 500): methods, Origin, body length, malformed Server Action
// calls, prefetches; and a reverse proxy in front, trusted or not.

let stack: ControlledStack;
let browser: Browser;
/** The id of the addTask Server Action, and a call of it as Chromium sent it. */
let action: { id: string; contentType: string; body: Buffer };

const origin = () => stack.webUrl;

function actionCall(
  headers: Record<string, string>,
  body: Buffer | string = action.body,
  contentType = action.contentType,
) {
  return raw(`${stack.webUrl}/`, {
    method: 'POST',
    headers: {
      'next-action': action.id,
      'content-type': contentType,
      accept: 'text/x-component',
      'content-length': String(Buffer.byteLength(body)),
      cookie: stack.session.cookie,
      ...headers,
    },
    body,
  });
}

function formPost(headers: Record<string, string>, fields = 'title=From+a+form&returnTo=%2F') {
  return raw(`${stack.webUrl}/forms/add`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(fields)),
      cookie: stack.session.cookie,
      ...headers,
    },
    body: fields,
  });
}

const titlesInDatabase = async () => (await stack.rows()).map((row) => row.title);

/** A GET as the file's account, with `headers` besides its session cookie. */
const signedIn = (headers: Record<string, string>) => ({
  method: 'GET',
  headers: { ...headers, cookie: stack.session.cookie },
});

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startControlledStack({ apiTimeoutMs: 5000 }),
    launchChromium(),
  ]);
  // Capture one real call of the addTask Server Action: its id, its multipart body.
  const { context, page } = await stack.newPage(browser);
  const { settled } = watchPage(page, stack.webUrl);
  const app = todoPage(page, stack.webUrl, { settled });
  const sent = new Promise<typeof action>((resolve) => {
    page.on('request', (request) => {
      const id = request.headers()['next-action'];
      const body = request.postDataBuffer();
      if (id && body) {
        resolve({ id, contentType: request.headers()['content-type'] ?? '', body });
      }
    });
  });
  await app.open();
  await app.add('Captured call');
  action = await sent;
  await settled();
  await context.close();
  // The calls below are composed the way this one was sent.
  const captured = action.body.toString('utf8');
  for (const field of ['_1_formKey', '_1_returnTo', '_1_title', '0']) {
    if (!captured.includes(`name="${field}"`)) throw new Error(`no field ${field} in ${captured}`);
  }
  await stack.resetTasks();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('methods', () => {
  it.each(['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    '%s answers 405 with Allow',
    async (method) => {
      const answer = await raw(`${stack.webUrl}/`, { method, headers: { origin: origin() } });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD, POST');
    },
  );

  it('a plain POST to a page answers 405: forms post to /forms/', async () => {
    const answer = await raw(`${stack.webUrl}/active`, {
      method: 'POST',
      headers: {
        origin: origin(),
        'content-length': '7',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'title=x',
    });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });
});

describe('the Origin of a POST', () => {
  const webHost = () => new URL(stack.webUrl).host;
  const refused: Array<[string, () => Record<string, string>]> = [
    ['missing', () => ({})],
    ['null', () => ({ origin: 'null' })],
    ['malformed', () => ({ origin: `${origin()}/` })],
    ['not a URL', () => ({ origin: 'not a url' })],
    ['a foreign host', () => ({ origin: 'https://evil.example' })],
    ['this host over another scheme', () => ({ origin: `https://${webHost()}` })],
    ['this host on another port', () => ({ origin: 'http://127.0.0.1:1' })],
    [
      'a forwarded host the server was not told to trust',
      () => ({
        origin: 'https://todo.example.com',
        'x-forwarded-host': 'todo.example.com',
        'x-forwarded-proto': 'https',
      }),
    ],
  ];

  it.each(refused)(
    '%s: a Server Action call answers 403 and changes nothing',
    async (_case, headers) => {
      const answer = await actionCall(headers());
      expect(answer.status).toBe(403);
      expect(await titlesInDatabase()).toEqual([]);
    },
  );

  it.each(refused)('%s: a form post answers 403 and changes nothing', async (_case, headers) => {
    const answer = await formPost(headers());
    expect(answer.status).toBe(403);
    expect(await titlesInDatabase()).toEqual([]);
  });

  it('this site: both are made, and the call Chromium sent, sent again, is made once', async () => {
    const { body, contentType } = await newActionBody('From a call');
    expect((await actionCall({ origin: origin() }, body, contentType)).status).toBe(200);
    // The captured call carries the key of a change already made: the api replays its answer.
    expect((await actionCall({ origin: origin() })).status).toBe(200);
    const posted = await formPost({ origin: origin() });
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe('/');
    expect(await titlesInDatabase()).toEqual(['From a call', 'From a form']);
    await stack.resetTasks();
  });
});

describe('the body of a POST', () => {
  it('over the limit answers 413, and without a length 411', async () => {
    const big = Buffer.alloc(64 * 1024 + 1, 'a');
    expect((await actionCall({ origin: origin() }, big)).status).toBe(413);
    expect((await formPost({ origin: origin() }, big.toString())).status).toBe(413);
    const chunked = await raw(`${stack.webUrl}/forms/add`, {
      method: 'POST',
      headers: {
        origin: origin(),
        'content-type': 'application/x-www-form-urlencoded',
        'transfer-encoding': 'chunked',
      },
      body: 'title=chunked',
    });
    expect(chunked.status).toBe(411);
    expect(await titlesInDatabase()).toEqual([]);
  });

  it.each([
    ['a JSON body of []', 'text/plain;charset=UTF-8', '[]'],
    ['a JSON body of wrong types', 'text/plain;charset=UTF-8', '[1,{"a":2}]'],
  ])('of a Server Action call, %s, answers 400', async (_case, contentType, body) => {
    const answer = await actionCall({ origin: origin(), 'content-type': contentType }, body);
    expect(answer.status).toBe(400);
  });

  it.each([
    ['no arguments', '[]'],
    ['wrong types', '[1,2]'],
    ['a promise where the form goes', '[{"status":"idle"},"$@1"]'],
    ['the form alone', '["$K1"]'],
  ])('of a Server Action call, multipart with %s, answers 400', async (_case, root) => {
    const boundary = 'edge-boundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n${root}\r\n--${boundary}--\r\n`;
    const answer = await actionCall(
      { origin: origin(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    );
    expect(answer.status).toBe(400);
    expect(await titlesInDatabase()).toEqual([]);
  });
});

describe('prefetches', () => {
  const prefetches: Array<[string, Record<string, string>]> = [
    ['Purpose: prefetch', { purpose: 'prefetch' }],
    ['Next-Router-Prefetch: 1', { 'next-router-prefetch': '1' }],
  ];

  it.each(prefetches)('%s gets a CSP nonce, on its scripts too', async (_case, headers) => {
    const answer = await raw(`${stack.webUrl}/`, {
      method: 'GET',
      headers: { ...headers, cookie: stack.session.cookie },
    });
    expect(answer.status).toBe(200);
    const nonce = /'nonce-([^']+)'/.exec(String(answer.headers['content-security-policy']))?.[1];
    expect(nonce).toBeTruthy();
    expect(answer.body).toContain(`nonce="${nonce}"`);
  });

  it('get the 503 page while the api is down, as any other page load', async () => {
    await stack.stopApi();
    try {
      for (const [, headers] of prefetches) {
        await expect
          .poll(async () => (await raw(`${stack.webUrl}/active`, signedIn(headers))).status)
          .toBe(503);
        const answer = await raw(`${stack.webUrl}/active`, signedIn(headers));
        expect(answer.headers['retry-after']).toBe('5');
        expect(answer.body).toContain('Tasks are unavailable');
        const nonce = /'nonce-([^']+)'/.exec(
          String(answer.headers['content-security-policy']),
        )?.[1];
        expect(answer.body).toContain(`<style nonce="${nonce}">`);
      }
    } finally {
      await stack.startApi();
    }
  });
});

describe('behind an ingress', () => {
  it('takes Server Actions through a proxy that forwards the public host', async () => {
    // The chart sets TRUST_PROXY_HEADERS for the web pods, which always sit behind one.
    const trusting = await stack.startWeb({ TRUST_PROXY_HEADERS: 'true' });
    const proxy = await startProxy(trusting.url, { asIngress: true });
    // Signed in: the session cookie is the host's (127.0.0.1), whichever port serves it.
    const viaProxy = await stack.newPage(browser);
    const watched = watchPage(viaProxy.page, proxy.url);
    try {
      const proxied = todoPage(viaProxy.page, proxy.url, { settled: watched.settled });
      await proxied.open();
      await proxied.add('Through the proxy');
      await expect.poll(proxied.titles).toEqual(['Through the proxy']);
      await proxied.open();
      expect(await proxied.titles()).toEqual(['Through the proxy']);
      expect(watched.problems).toEqual([]);
    } finally {
      await viaProxy.context.close();
      await proxy.stop();
      await trusting.stop();
      await stack.resetTasks();
    }
  });

  it('refuses the same proxy’s posts when the server was not told to trust it: 403', async () => {
    const proxy = await startProxy(stack.webUrl, { asIngress: true });
    try {
      const fields = 'title=Through+an+untrusted+proxy&returnTo=%2F';
      const answer = await raw(`${proxy.url}/forms/add`, {
        method: 'POST',
        headers: {
          origin: proxy.url,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(fields.length),
        },
        body: fields,
      });
      expect(answer.status).toBe(403);
      expect(await titlesInDatabase()).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });
});
