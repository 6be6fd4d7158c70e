import { type Balancer, startBalancer } from '@todo/harness/balancer';
import { launchChromium } from '@todo/harness/chromium';
import type { NodeService } from '@todo/harness/node-service';
import { startApi, startWeb } from '@todo/harness/services';
import {
  ACCOUNT_TEST_ENV,
  type Session,
  useSession as signInContext,
  signUp,
} from '@todo/harness/sessions';
import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, watchPage } from './support/browser';
import { type TodoPage, todoPage } from './support/todo-page';
import { undoButton } from './support/undo';

// Live updates as people see them: two tabs of one account, each on its own web process, each
// web process on its own api process, all on one database. Tab A reaches its web through a
// stand-in for the network (so its connection can be cut), and its web reaches the api through
// a stand-in for the api's Service (so the api process under it can be shut down as Kubernetes
// does). Tab B's changes show in tab A without a reload, and A's in B; a third tab, of another
// account, sees none of it.

let db: TestDatabase;
let apis: NodeService[];
let apiService: Balancer;
let network: Balancer;
let webs: NodeService[];
let browser: Browser;
let alice: Session;
let bob: Session;

type Tab = { page: Page; app: TodoPage; problems: string[]; close(): Promise<void> };

async function openTab(webUrl: string, session: Session): Promise<Tab> {
  const { context, page } = await newPage(browser);
  await signInContext(context, webUrl, session);
  const { problems, settled } = watchPage(page, webUrl);
  const app = todoPage(page, webUrl, { settled });
  await app.open();
  return {
    page,
    app,
    problems,
    async close() {
      await settled();
      await context.close();
    },
  };
}

/** How long `look` took to become true (polled every 25 ms), or a failure past `withinMs`. */
async function delayUntil(look: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = performance.now();
  while (!(await look())) {
    const waited = performance.now() - started;
    if (waited > withinMs) throw new Error(`not seen within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return performance.now() - started;
}

/** The items-left line as shown, or '' when the list is empty (and the footer gone). */
async function countOf(tab: Tab): Promise<string> {
  const line = tab.page.locator('.todo-count');
  return (await line.count()) === 0 ? '' : ((await line.textContent()) ?? '').trim();
}

const sameList = (tab: Tab, titles: string[], count: string) => async () =>
  JSON.stringify(await tab.app.titles()) === JSON.stringify(titles) &&
  (await countOf(tab)) === count;

beforeAll(async () => {
  db = await createTestDatabase({ prefix: 'todo_live_e2e' });
  apis = await Promise.all([startApi({ databaseUrl: db.url }), startApi({ databaseUrl: db.url })]);
  apiService = await startBalancer([apis[0]?.url ?? '']);
  network = await startBalancer([]);
  webs = await Promise.all([
    startWeb({
      apiUrl: apiService.url,
      databaseUrl: db.url,
      publicUrl: network.url,
      env: ACCOUNT_TEST_ENV,
    }),
    startWeb({ apiUrl: apis[1]?.url ?? '', databaseUrl: db.url, env: ACCOUNT_TEST_ENV }),
  ]);
  network.setTargets([webs[0]?.url ?? '']);
  alice = await signUp(webs[1]?.url ?? '');
  bob = await signUp(webs[1]?.url ?? '');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all((webs ?? []).map((web) => web.stop()));
  await network?.stop();
  await apiService?.stop();
  await Promise.all((apis ?? []).map((api) => api.stop()));
  await db?.drop();
});

describe('live updates across web and api processes', () => {
  it("shows each change of one tab in the other within a second, and nothing in another account's", async () => {
    const a = await openTab(network.url, alice);
    const b = await openTab(webs[1]?.url ?? '', alice);
    const other = await openTab(webs[1]?.url ?? '', bob);
    const delays: Record<string, number> = {};
    const step = async (
      name: string,
      act: () => Promise<void>,
      on: Tab,
      titles: string[],
      count: string,
    ) => {
      await act();
      delays[name] = Math.round(await delayUntil(sameList(on, titles, count), 1000));
    };

    await step('add', () => b.app.add('Buy milk'), a, ['Buy milk'], '1 item left');
    await step(
      'add in A',
      () => a.app.add('Call Ada'),
      b,
      ['Buy milk', 'Call Ada'],
      '2 items left',
    );
    await step(
      'rename',
      async () => {
        await b.app.edit('Buy milk').click();
        await b.app.editField('Buy milk').fill('Buy oat milk');
        await b.app.editField('Buy milk').press('Enter');
      },
      a,
      ['Buy oat milk', 'Call Ada'],
      '2 items left',
    );
    await step(
      'toggle',
      () => a.app.toggle('Call Ada').click(),
      b,
      ['Buy oat milk', 'Call Ada'],
      '1 item left',
    );
    expect(await b.app.item('Call Ada').getAttribute('class')).toContain('completed');
    await step(
      'delete',
      () => b.app.remove('Buy oat milk').click(),
      a,
      ['Call Ada'],
      '0 items left',
    );
    await step(
      'undo delete',
      () => undoButton(b.page).click(),
      a,
      ['Buy oat milk', 'Call Ada'],
      '1 item left',
    );
    await step(
      'delete again',
      () => b.app.remove('Buy oat milk').click(),
      a,
      ['Call Ada'],
      '0 items left',
    );
    await step(
      'add again',
      () => a.app.add('Water plants'),
      b,
      ['Call Ada', 'Water plants'],
      '1 item left',
    );
    await step(
      'mark all',
      () => b.app.markAll().click(),
      a,
      ['Call Ada', 'Water plants'],
      '0 items left',
    );
    await step('clear', () => a.app.clearCompleted().click(), b, [], '');
    await step(
      'undo clear',
      () => undoButton(a.page).click(),
      b,
      ['Call Ada', 'Water plants'],
      '0 items left',
    );
    await step('clear again', () => b.app.clearCompleted().click(), a, [], '');

    expect(await other.app.titles()).toEqual([]);
    expect(await other.page.locator('.todo-count').count()).toBe(0);
    for (const tab of [a, b, other]) {
      await tab.close();
      expect(tab.problems).toEqual([]);
    }
    console.log('live updates, change to other tab (ms):', delays);
  });

  it('keeps what the person is typing when the task is renamed in another tab', async () => {
    const a = await openTab(network.url, alice);
    const b = await openTab(webs[1]?.url ?? '', alice);
    await a.app.add('Draft');
    await delayUntil(sameList(b, ['Draft'], '1 item left'), 5000);
    await b.app.edit('Draft').click();
    await b.app.editField('Draft').fill('Draft, half typed');
    await a.app.edit('Draft').click();
    await a.app.editField('Draft').fill('Final');
    await a.app.editField('Draft').press('Enter');
    // The other tab's change arrives (the field's label follows the title), the typing stays.
    await delayUntil(async () => (await b.app.editField('Final').count()) === 1, 5000);
    expect(await b.app.editField('Final').inputValue()).toBe('Draft, half typed');
    await b.app.editField('Final').press('Escape');
    await a.app.remove('Final').click();
    await delayUntil(sameList(b, [], ''), 5000);
    for (const tab of [a, b]) await tab.close();
  });

  it('catches up after its connection was cut for five seconds, and says it is offline meanwhile', async () => {
    const a = await openTab(network.url, alice);
    const b = await openTab(webs[1]?.url ?? '', alice);
    await b.app.add('Before the cut');
    await delayUntil(sameList(a, ['Before the cut'], '1 item left'), 5000);

    network.setTargets([]);
    network.cutAll();
    await b.app.add('During the cut');
    await b.app.toggle('Before the cut').click();
    await delayUntil(
      async () => (await a.page.getByText('Offline, reconnecting…').count()) === 1,
      5000,
    );
    await new Promise((resolve) => setTimeout(resolve, 5000));
    network.setTargets([webs[0]?.url ?? '']);

    await delayUntil(sameList(a, ['Before the cut', 'During the cut'], '1 item left'), 10_000);
    expect(await a.app.item('Before the cut').getAttribute('class')).toContain('completed');
    await delayUntil(
      async () => (await a.page.getByText('Offline, reconnecting…').count()) === 0,
      5000,
    );
    await b.app.clearCompleted().click();
    await b.app.remove('During the cut').click();
    await delayUntil(sameList(a, [], ''), 5000);
    await b.close();
    await a.page.context().close();
  });

  it('moves to the other api process when the one under its stream shuts down, missing nothing', async () => {
    const a = await openTab(network.url, alice);
    const b = await openTab(webs[1]?.url ?? '', alice);
    await b.app.add('Before the shutdown');
    await delayUntil(sameList(a, ['Before the shutdown'], '1 item left'), 5000);

    // Kubernetes takes the terminating pod out of the Service, then sends it SIGTERM.
    apiService.setTargets([apis[1]?.url ?? '']);
    const stopped = apis[0]?.stop();
    await b.app.add('During the shutdown');
    expect(await stopped).toBe(0);
    await b.app.add('After the shutdown');
    await delayUntil(
      sameList(
        a,
        ['Before the shutdown', 'During the shutdown', 'After the shutdown'],
        '3 items left',
      ),
      10_000,
    );
    for (const tab of [a, b]) {
      await tab.close();
      expect(tab.problems).toEqual([]);
    }
  });
});
