import { accessSync, constants } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); nothing is ever downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless in a container without a GPU, and quiet: no updates, sync or background traffic. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Why Chromium cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return undefined;
  } catch {
    return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
  }
}

/** Fails before anything is started, with what to install. */
export function assertChromium(): void {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/**
 * Waits until React has hydrated the element (it then carries React's own properties): before
 * that a form submits as a plain no-JavaScript POST, not as a Server Action call. Network idle
 * alone is not enough on a busy machine, where hydration can lag behind the last download.
 *
 * Polled from here, one short evaluation at a time: `page.waitForFunction` polls inside the
 * page with eval, which the app's CSP (rightly) forbids, so it fails whenever hydration is
 * not already done at the first look.
 */
export async function waitForHydration(page: Page, selector: string, timeoutMs = 15_000) {
  const element = page.locator(selector);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hydrated = await element
      .evaluate((node) => Object.keys(node).some((key) => key.startsWith('__react')), undefined, {
        timeout: 1000,
      })
      .catch(() => false);
    if (hydrated) return;
    if (Date.now() > deadline) {
      throw new Error(`${selector} was not hydrated within ${timeoutMs} ms`);
    }
    await page.waitForTimeout(100);
  }
}
