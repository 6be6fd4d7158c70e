import type { Page } from 'playwright-core';

/**
 * Waits until React has hydrated the element (it then carries React's own properties): before
 * that a form submits as a plain no-JavaScript POST, not as a Server Action call. Network idle
 * alone is not enough on a busy machine, where hydration can lag behind the last download.
 */
export async function waitForHydration(page: Page, selector: string, timeoutMs = 15_000) {
  // An expression evaluated in the page (where `document` exists), not in this process.
  const hydrated = `(() => {
    const element = document.querySelector(${JSON.stringify(selector)});
    return element !== null && Object.keys(element).some((key) => key.startsWith('__react'));
  })()`;
  await page.waitForFunction(hydrated, undefined, { timeout: timeoutMs });
}
