import { useSession } from '@todo/harness/sessions';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { artifactPath, newPage, watchPage } from './support/browser';
import { todoPage } from './support/todo-page';
import { todoTest } from './support/todo-test';

// The look in both colour schemes (prefers-color-scheme), on a desktop and a phone: a list with
// active and completed tasks, a row being edited, and an inline error. The screenshots land in
// .artifacts/web-e2e/ (look-<scheme>-<device>-<state>.png) to be looked at; the test checks what
// a machine can: the dark page is dark, the light one light, text on the card readable.

const it = todoTest({ javascript: true });

const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;

/** Relative luminance (WCAG) of a computed CSS colour `rgb(r, g, b)`. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((part) => {
    const value = Number(part) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

async function backgrounds(page: Page) {
  return page.evaluate(() => ({
    page: getComputedStyle(document.documentElement).backgroundColor,
    card: getComputedStyle(document.querySelector('.todoapp') as Element).backgroundColor,
  }));
}

async function colours(page: Page) {
  return page.evaluate(() => {
    const style = (selector: string) =>
      getComputedStyle(document.querySelector(selector) as Element);
    return {
      page: style('html').backgroundColor,
      card: style('.todoapp').backgroundColor,
      title: style('.task-title').color,
      muted: style('.todo-count').color,
    };
  });
}

describe.each(['light', 'dark'] as const)('the %s scheme', (scheme) => {
  it.for(Object.keys(DEVICES) as Array<keyof typeof DEVICES>)(
    'on a %s: list, editing row, error',
    async (device, { account, browser, stack }) => {
      await stack.seed(['Water the plants', 'Book the dentist', 'Renew the passport']);
      const { context, page } = await newPage(browser, {
        ...DEVICES[device],
        colorScheme: scheme,
      });
      const { problems, settled } = watchPage(page, stack.webUrl);
      await useSession(context, stack.webUrl, account.session);
      const app = todoPage(page, stack.webUrl, { settled });
      const shot = (state: string) =>
        page.screenshot({ path: artifactPath(`look-${scheme}-${device}-${state}.png`) });

      await app.open();
      await app.toggle('Book the dentist').click();
      await expect.poll(app.count).toBe('2 items left');
      await app.newTask.fill('Buy oat milk');
      const seen = await colours(page);
      const [pageLight, cardLight] = [luminance(seen.page), luminance(seen.card)];
      if (scheme === 'dark') {
        expect(pageLight).toBeLessThan(0.05);
        expect(cardLight).toBeLessThan(0.05);
      } else {
        expect(pageLight).toBeGreaterThan(0.8);
        expect(cardLight).toBeGreaterThan(0.9);
      }
      expect(contrast(luminance(seen.title), cardLight)).toBeGreaterThan(7);
      expect(contrast(luminance(seen.muted), cardLight)).toBeGreaterThan(4.5);
      await shot('list');

      await app.edit('Renew the passport').click();
      await expect.poll(() => app.editField('Renew the passport').count()).toBe(1);
      await shot('editing');
      await page.keyboard.press('Escape');

      await app.add('x'.repeat(256));
      await expect
        .poll(() => page.locator('#new-task-message').textContent())
        .toBe('Keep the title to 255 characters or fewer.');
      await shot('error');

      await settled();
      await context.close();
      expect(problems).toEqual([]);
    },
  );

  it('the sign-in page, with a failed sign-in', async ({ browser, stack }) => {
    const { context, page } = await newPage(browser, { ...DEVICES.phone, colorScheme: scheme });
    await page.goto(`${stack.webUrl}/sign-in`);
    await page.getByLabel('Email address').fill('nobody@example.test');
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: /./ }).waitFor();
    const seen = await backgrounds(page);
    const light = Math.max(luminance(seen.page), luminance(seen.card));
    if (scheme === 'dark') expect(light).toBeLessThan(0.05);
    else expect(light).toBeGreaterThan(0.8);
    await page.screenshot({ path: artifactPath(`look-${scheme}-phone-sign-in.png`) });
    await context.close();
  });
});
