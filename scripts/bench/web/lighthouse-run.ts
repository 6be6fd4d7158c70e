import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '@todo/harness/chromium';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

export type LighthouseScores = {
  performance: number;
  /** Every run's performance score, in order (the median run's scores are the others). */
  performanceRuns: number[];
  accessibility: number;
  bestPractices: number;
  /** Failed audits of the three categories, to say why a score is under 100. */
  failures: string[];
};

export type ColorScheme = 'light' | 'dark';

// Lighthouse has no setting for emulated media features; Blink's own setting makes the page
// see `prefers-color-scheme` as asked (0 dark, 1 light), headless included.
const SCHEME_FLAGS: Record<ColorScheme, string> = {
  dark: '--blink-settings=preferredColorScheme=0',
  light: '--blink-settings=preferredColorScheme=1',
};

/**
 * Lighthouse's default (mobile, simulated throttling) run in Debian's Chromium, headless, the
 * page seeing `scheme` as the preferred colour scheme; `headers` go with every request of the
 * page (a session cookie).
 */
export async function runLighthouse(
  url: string,
  headers: Record<string, string> = {},
  scheme: ColorScheme = 'light',
): Promise<LighthouseScores> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS, SCHEME_FLAGS[scheme]],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      extraHeaders: headers,
    });
    if (!result) throw new Error('lighthouse returned no result');
    const { categories, audits } = result.lhr;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    const failures = Object.values(categories).flatMap((category) =>
      category.auditRefs
        .filter((ref) => ref.weight > 0)
        .map((ref) => audits[ref.id])
        .filter((audit) => audit && audit.score !== null && audit.score < 0.9)
        .map((audit) => `${category.id}: ${audit?.id} (${audit?.displayValue ?? audit?.score})`),
    );
    // What the console said, when that is what cost a point.
    const consoleErrors = audits['errors-in-console'];
    if (consoleErrors?.score !== null && (consoleErrors?.score ?? 1) < 1) {
      const items = (consoleErrors?.details as { items?: Array<Record<string, unknown>> })?.items;
      for (const item of items ?? []) {
        failures.push(
          `  console: ${String(item.description ?? '')} ${String(item.sourceLocation ? JSON.stringify(item.sourceLocation) : (item.url ?? ''))}`,
        );
      }
    }
    if (result.lhr.runtimeError) {
      console.error(
        `lighthouse (${scheme}): ${result.lhr.runtimeError.code}: ${result.lhr.runtimeError.message}`,
      );
    }
    return {
      performance: score('performance'),
      performanceRuns: [score('performance')],
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      failures,
    };
  } finally {
    chrome.kill();
  }
}

/**
 * The median of `runs` runs, by performance: one run's total blocking time moves with whatever
 * else the two cores are doing (Lighthouse's own advice is to take the median of several).
 */
export async function runLighthouseMedian(
  url: string,
  headers: Record<string, string>,
  scheme: ColorScheme,
  runs = 3,
): Promise<LighthouseScores> {
  const results: LighthouseScores[] = [];
  for (let run = 0; run < runs; run++) results.push(await runLighthouse(url, headers, scheme));
  const sorted = [...results].sort((a, b) => a.performance - b.performance);
  const median = sorted[Math.floor(sorted.length / 2)] as LighthouseScores;
  return { ...median, performanceRuns: results.map((result) => result.performance) };
}
