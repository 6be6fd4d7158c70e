import { mkdirSync } from 'node:fs';
import { artifactsDir } from '@todo/harness/paths';
import type { Browser, BrowserContextOptions, Page, Request } from 'playwright-core';

/**
 * Collects what the browser console says and what the page requests: a clean page logs no
 * errors or warnings (CSP violations are logged as errors) and asks no other host for anything.
 */
export function watchPage(page: Page, origin: string) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  let pending = 0;
  // The live updates' stream (/events) stays open as long as the page: it is never "in flight".
  const counted = (request: Request) => new URL(request.url()).pathname !== '/events';
  page.on('request', (request) => {
    if (counted(request)) pending++;
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:'))
      problems.push(`outside request: ${url}`);
  });
  page.on('requestfinished', (request) => counted(request) && pending--);
  page.on('requestfailed', (request) => counted(request) && pending--);
  /** Resolves once no request of the page is in flight (a Server Action still running, say). */
  const settled = async () => {
    while (pending > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  return { problems, settled };
}

export async function newPage(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  return { context, page };
}

/** Where a screenshot is kept: .artifacts/web-e2e/ (git-ignored). */
export function artifactPath(name: string): string {
  const dir = `${artifactsDir}/web-e2e`;
  mkdirSync(dir, { recursive: true });
  return `${dir}/${name}`;
}
