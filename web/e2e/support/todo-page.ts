import { waitForHydration } from '@todo/harness/chromium';
import type { Page } from 'playwright-core';

/** The list as a user sees it, and the few moves every test makes. */
type Options = {
  javascript?: boolean;
  /** Waits until no request is in flight (see watchPage): a reload never cuts off an action. */
  settled?: () => Promise<void>;
};

export type TodoPage = ReturnType<typeof todoPage>;

export function todoPage(page: Page, baseUrl: string, options: Options = {}) {
  const { javascript = true, settled } = options;
  const newTask = page.getByLabel('New task');
  return {
    newTask,
    async open(path = '/') {
      await settled?.();
      const response = await page.goto(`${baseUrl}${path}`);
      await this.hydrated();
      return response;
    },
    /** React has attached to the server-rendered form, so JavaScript handles what follows. */
    async hydrated() {
      if (!javascript) return;
      await waitForHydration(page, '#new-task-title');
    },
    titles: () => page.locator('.todo-list .task-title').allTextContents(),
    async add(title: string) {
      await newTask.fill(title);
      await newTask.press('Enter');
    },
    item: (title: string) => page.locator('.todo-list li', { hasText: title }),
    toggle: (title: string) => page.getByRole('button', { name: `Mark “${title}” done` }),
    remove: (title: string) => page.getByRole('button', { name: `Delete “${title}”` }),
    edit: (title: string) => page.getByRole('link', { name: `Edit “${title}”` }),
    editField: (title: string) => page.getByLabel(`New title for “${title}”`),
    markAll: () => page.getByRole('button', { name: 'Mark all as done' }),
    /** The same button once every task is done: it says what pressing it does now. */
    reopenAll: () => page.getByRole('button', { name: 'Mark all as not done' }),
    clearCompleted: () => page.getByRole('button', { name: 'Clear completed' }),
    count: () => page.locator('.todo-count').textContent(),
    filter: (name: 'All' | 'Active' | 'Completed') =>
      page.getByRole('navigation', { name: 'Show tasks' }).getByRole('link', { name }),
  };
}
