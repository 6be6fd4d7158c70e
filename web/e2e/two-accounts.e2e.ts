import { launchChromium } from '@todo/harness/chromium';
import {
  ACCOUNT_TEST_ENV,
  accountIdOf,
  newEmail,
  type Session,
  signUp,
  useSession,
} from '@todo/harness/sessions';
import { type Stack, startStack } from '@todo/harness/stack';
import { addTask, completeTask } from '@todo/harness/task-client';
import { createTestDatabase } from '@todo/harness/test-database';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { query } from './support/account-rows';
import { newPage, watchPage } from './support/browser';
import { type TodoPage, todoPage } from './support/todo-page';

// Two accounts through the real web app, with JavaScript on and off: neither sees the other's
// tasks or counts, and a form forged to name the other's task ids changes nothing and says that
// task no longer exists (exactly what it says of a task deleted meanwhile: nothing tells that
// it exists). What each account holds is read from the database after every move.

type Person = { session: Session; id: string; tasks: Record<string, number> };

let stack: Stack<{ database: string; web: true }>;
let databaseUrl: string;
let browser: Browser;
let ada: Person;
let bob: Person;

const NO_LONGER_EXISTS = 'That task no longer exists. Reload the list.';

async function person(email: string, titles: string[], completed: string[]): Promise<Person> {
  const session = await signUp(stack.webUrl, email);
  const id = await accountIdOf(databaseUrl, email);
  const tasks: Record<string, number> = {};
  for (const title of titles) tasks[title] = await addTask(stack.apiUrl, title, id);
  for (const title of completed) await completeTask(stack.apiUrl, tasks[title] ?? 0, id);
  return { session, id, tasks };
}

/** An account's tasks and counts as the database holds them. */
async function holdings(owner: Person) {
  const rows = await query<{ title: string; status: string }>(
    databaseUrl,
    'SELECT task AS title, status FROM Todo WHERE owner_id = ? ORDER BY task_id',
    [owner.id],
  );
  const [counted] = await query<{ ongoing: number | null; completed: number | null }>(
    databaseUrl,
    'SELECT SUM(ongoing) AS ongoing, SUM(completed) AS completed FROM TodoCounter WHERE owner_id = ?',
    [owner.id],
  );
  return {
    rows,
    counts: { ongoing: Number(counted?.ongoing ?? 0), completed: Number(counted?.completed ?? 0) },
  };
}

beforeAll(async () => {
  const database = await createTestDatabase({ prefix: 'todo_web_two' });
  databaseUrl = database.url;
  [stack, browser] = await Promise.all([
    startStack({ database, web: { env: ACCOUNT_TEST_ENV }, testAccount: false }),
    launchChromium(),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
])('two accounts, %s', (_mode, javascript) => {
  let adaPage: Page;
  let adaApp: TodoPage;
  let problems: string[];

  beforeEach(async () => {
    ada = await person(
      newEmail('ada'),
      ['Ada: write the notes', 'Ada: buy stamps', 'Ada: done already'],
      ['Ada: done already'],
    );
    bob = await person(
      newEmail('bob'),
      ['Bob: fix the bike', 'Bob: call the bank', 'Bob: finished', 'Bob: also finished'],
      ['Bob: finished', 'Bob: also finished'],
    );
    const opened = await newPage(browser, { javaScriptEnabled: javascript });
    await useSession(opened.context, stack.webUrl, ada.session);
    const watched = watchPage(opened.page, stack.webUrl);
    adaPage = opened.page;
    problems = watched.problems;
    adaApp = todoPage(adaPage, stack.webUrl, { javascript, settled: watched.settled });
    return async () => {
      await watched.settled();
      await opened.context.close();
      // The only console lines allowed are the browser's notes of the 404 answers provoked.
      expect(problems.filter((line) => !line.includes('status of 404'))).toEqual([]);
    };
  });

  it('each sees only its own tasks and counts, in every view', async () => {
    const bobOpened = await newPage(browser, { javaScriptEnabled: javascript });
    await useSession(bobOpened.context, stack.webUrl, bob.session);
    const bobApp = todoPage(bobOpened.page, stack.webUrl, { javascript });
    try {
      await adaApp.open();
      await bobApp.open();
      expect(await adaApp.titles()).toEqual([
        'Ada: write the notes',
        'Ada: buy stamps',
        'Ada: done already',
      ]);
      expect(await adaApp.count()).toBe('2 items left');
      expect(await bobApp.titles()).toEqual([
        'Bob: fix the bike',
        'Bob: call the bank',
        'Bob: finished',
        'Bob: also finished',
      ]);
      expect(await bobApp.count()).toBe('2 items left');
      await adaApp.open('/completed');
      expect(await adaApp.titles()).toEqual(['Ada: done already']);
      await bobApp.open('/active');
      expect(await bobApp.titles()).toEqual(['Bob: fix the bike', 'Bob: call the bank']);
    } finally {
      await bobOpened.context.close();
    }
  });

  it("a form forged with the other's task ids changes nothing and says it no longer exists", async () => {
    const bobBefore = await holdings(bob);
    const adaBefore = await holdings(ada);
    const bobTask = bob.tasks['Bob: fix the bike'] ?? 0;
    const bobDone = bob.tasks['Bob: finished'] ?? 0;
    await adaApp.open();
    const message = adaPage.locator('#rows-message');

    if (javascript) {
      // Ada's own buttons and fields, their values changed to Bob's ids in the page.
      await adaApp.toggle('Ada: write the notes').evaluate((button, id) => {
        button.setAttribute('value', String(id));
      }, bobTask);
      await adaApp.toggle('Ada: write the notes').click();
      await expect.poll(() => message.textContent()).toBe(NO_LONGER_EXISTS);
      await adaApp.open();
      await adaApp.toggle('Ada: done already').evaluate((button, id) => {
        button.setAttribute('value', String(id));
      }, bobDone);
      await adaApp.toggle('Ada: done already').click();
      await expect.poll(() => message.textContent()).toBe(NO_LONGER_EXISTS);
      await adaApp.open();
      await adaApp.edit('Ada: buy stamps').click();
      const editForm = adaPage.locator('form.task-edit');
      await editForm.locator('input[name="id"]').evaluate((input, id) => {
        (input as HTMLInputElement).value = String(id);
      }, bobTask);
      await adaApp.editField('Ada: buy stamps').fill('Hijacked by Ada');
      await adaApp.editField('Ada: buy stamps').press('Enter');
      await expect.poll(() => message.textContent()).toBe(NO_LONGER_EXISTS);
      await adaApp.open();
      await adaApp.remove('Ada: buy stamps').evaluate((button, id) => {
        button.setAttribute('value', String(id));
      }, bobTask);
      await adaApp.remove('Ada: buy stamps').click();
      await expect.poll(() => adaApp.titles()).toContain('Ada: buy stamps');
    } else {
      // The forms as a browser without JavaScript posts them, with this page's own key.
      const formKey = await adaPage.locator('form.new-task input[name="formKey"]').inputValue();
      const forged = async (path: string, fields: Record<string, string>) => {
        const answer = await adaPage.request.post(`${stack.webUrl}/forms/${path}`, {
          form: { formKey, returnTo: '/', ...fields },
          headers: { origin: stack.webUrl },
          maxRedirects: 0,
        });
        return { status: answer.status(), body: await answer.text() };
      };
      const toggles: Array<Record<string, string>> = [
        { complete: String(bobTask) },
        { reopen: String(bobDone) },
      ];
      for (const fields of toggles) {
        const answer = await forged('change', fields);
        expect(answer.status).toBe(404);
        expect(answer.body).toContain(NO_LONGER_EXISTS);
      }
      const renamed = await forged('rename', { id: String(bobTask), title: 'Hijacked by Ada' });
      expect(renamed.status).toBe(404);
      expect(renamed.body).toContain(NO_LONGER_EXISTS);
      // Deleting what is gone is what was asked: 303, and Bob's task is still there.
      expect((await forged('change', { delete: String(bobTask) })).status).toBe(303);
    }

    // Bob's tasks, statuses and counts are as they were; Ada's too.
    expect(await holdings(bob)).toEqual(bobBefore);
    expect(await holdings(ada)).toEqual(adaBefore);
  });

  it("marking all and clearing completed touch only the account's own tasks", async () => {
    const bobBefore = await holdings(bob);
    await adaApp.open();
    if (javascript) {
      await adaApp.markAll().click();
      await expect.poll(adaApp.count).toBe('0 items left');
      await adaApp.clearCompleted().click();
      await expect.poll(adaApp.titles).toEqual([]);
    } else {
      await Promise.all([adaPage.waitForNavigation(), adaApp.markAll().click()]);
      await Promise.all([adaPage.waitForNavigation(), adaApp.clearCompleted().click()]);
      expect(await adaApp.titles()).toEqual([]);
    }
    await expect.poll(async () => (await holdings(ada)).rows).toEqual([]);
    expect(await holdings(ada)).toEqual({ rows: [], counts: { ongoing: 0, completed: 0 } });
    expect(await holdings(bob)).toEqual(bobBefore);
  });
});
