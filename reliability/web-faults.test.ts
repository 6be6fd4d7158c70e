import { launchChromium, waitForHydration } from '@todo/harness/chromium';
import { useSession } from '@todo/harness/sessions';
import type { RowDataPacket } from 'mysql2/promise';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFigures } from './support/figures.js';
import { sleep } from './support/readiness-watch.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

const API_TIMEOUT_MS = 1000;
// The web trusts a good /readyz for a second; a fault shows once that has run out.
const READY_TRUST_MS = 1100;

type Fault = { name: string; apply: (stack: WebStack) => Promise<void> };

// What the page says of a change while the api fails in each of these ways: with a proxy in
// front of it that accepts the connection, the web cannot know whether the api made the
// change (a reset after sending, no answer, or an answer that is not the api's), so it says
// so, retries with the same key from the browser, then asks the person to send it again.
const RETRYING = 'Not confirmed yet; retrying…';
const NOT_CONFIRMED =
  'The task service has not confirmed this change yet. Send it again: it will not be made twice.';

const GARBAGE_JSON: Fault = {
  name: 'the api answering 200 with garbage JSON',
  apply: async (stack) => stack.proxy.setMode({ kind: 'garbage-json' }),
};

const FAULTS: Fault[] = [
  { name: 'the api stopped', apply: (stack) => stack.stopApi() },
  {
    name: 'the api slower than the web timeout',
    apply: async (stack) => stack.proxy.setMode({ kind: 'hang' }),
  },
  GARBAGE_JSON,
  {
    name: 'the api answering bytes that are not HTTP',
    apply: async (stack) => stack.proxy.setMode({ kind: 'garbage-bytes' }),
  },
  {
    name: 'the api resetting connections',
    apply: async (stack) => stack.proxy.setMode({ kind: 'reset' }),
  },
];

async function taskCount(stack: WebStack): Promise<number> {
  const [row] = await stack.db.query<RowDataPacket[]>(
    'SELECT COUNT(*) AS n FROM Todo WHERE owner_id = ?',
    [stack.accountId],
  );
  return Number(row?.n);
}

/** A list page as the stack's account. */
const signedIn = (stack: WebStack, signal?: AbortSignal) => ({
  headers: { cookie: stack.session.cookie },
  ...(signal ? { signal } : {}),
});

async function heal(stack: WebStack) {
  stack.proxy.setMode({ kind: 'forward' });
  await stack.startApi();
}

/** Time until the list page answers 200 with the seeded task again. */
async function recovery(stack: WebStack): Promise<number> {
  const started = Date.now();
  for (;;) {
    const response = await fetch(
      `${stack.web.url}/`,
      signedIn(stack, AbortSignal.timeout(5000)),
    ).catch(() => null);
    if (response?.status === 200 && (await response.text()).includes('Seeded task'))
      return Date.now() - started;
    if (Date.now() - started > 10_000) throw new Error('web did not recover within 10 s');
    await sleep(100);
  }
}

let stack: WebStack;
let browser: Browser;
const figures: Record<string, unknown> = {};
beforeAll(async () => {
  stack = await startWebStack(API_TIMEOUT_MS);
  await stack.addTask('Seeded task');
  browser = await launchChromium();
});
afterAll(async () => {
  reportFigures('web under api faults', figures);
  await browser?.close();
  await stack?.stop();
});

describe('web while the api fails', () => {
  const pageFault = async (fault: Fault) => {
    expect((await fetch(`${stack.web.url}/`, signedIn(stack))).status).toBe(200);
    await fault.apply(stack);
    await sleep(READY_TRUST_MS);
    const answers: Array<{ path: string; status: number; ms: number; errorState: boolean }> = [];
    for (const path of ['/', '/active', '/completed?limit=10']) {
      const started = Date.now();
      const response = await fetch(
        `${stack.web.url}${path}`,
        signedIn(stack, AbortSignal.timeout(15_000)),
      );
      const html = await response.text();
      answers.push({
        path,
        status: response.status,
        ms: Date.now() - started,
        errorState: html.includes('Tasks are unavailable'),
      });
    }
    const live = await fetch(`${stack.web.url}/healthz`);
    await heal(stack);
    const recoveredMs = await recovery(stack);
    figures[fault.name] = {
      statuses: answers.map((answer) => answer.status),
      maxMs: Math.max(...answers.map((answer) => answer.ms)),
      recoveredMs,
    };

    expect(answers.map((answer) => [answer.path, answer.status, answer.errorState])).toEqual(
      answers.map((answer) => [answer.path, 503, true]),
    );
    expect(live.status).toBe(200);
    expect(stack.web.child.exitCode).toBeNull();
  };

  it.each(FAULTS.filter((fault) => fault !== GARBAGE_JSON))(
    'list pages answer the 503 error state when $name, then recover',
    pageFault,
  );

  // Garbage from /readyz must count as not ready (web/lib/api/readiness.ts checks the body).
  it('list pages answer the 503 error state when the api answers 200 with garbage JSON', () =>
    pageFault(GARBAGE_JSON));

  it.each(FAULTS.slice(0, 3))(
    'adding a task shows a message when $name, and changes nothing',
    async (fault) => {
      // The previous fault may still be draining (a readiness probe in flight): start healthy.
      await recovery(stack);
      const context = await browser.newContext();
      await useSession(context, stack.web.url, stack.session);
      const page = await context.newPage();
      try {
        await page.goto(`${stack.web.url}/`);
        await waitForHydration(page, '#new-task-title');
        const before = await taskCount(stack);
        await fault.apply(stack);
        await page.fill('#new-task-title', 'Written while the api fails');
        await page.press('#new-task-title', 'Enter');
        const message = page.locator('#new-task-message');
        // First the quiet notice while the browser sends the same change again, then, once
        // its tries are over, the message: it may not have been made, send it again.
        await message.filter({ hasText: RETRYING }).waitFor({ timeout: 15_000 });
        await message.filter({ hasText: NOT_CONFIRMED }).waitFor({ timeout: 30_000 });
        const text = (await message.textContent()) ?? '';
        await heal(stack);
        const after = await taskCount(stack);
        figures[`action message, ${fault.name}`] = text;

        expect(text).toBe(NOT_CONFIRMED);
        expect(after).toBe(before);
        // The typed text is given back, so nothing the user wrote is lost.
        expect(await page.inputValue('#new-task-title')).toBe('Written while the api fails');
        expect(stack.web.child.exitCode).toBeNull();
      } finally {
        await context.close();
        await heal(stack);
      }
    },
  );
});
