import { startWorkers } from '@todo/harness/load-workers';

export type PageOutcome = { path: string; status: number; ms: number };

const PATHS = ['/', '/active', '/completed', '/?limit=5', '/healthz'];

/**
 * The cookies of one browser: what the web set last (it renews the session's cookie cache
 * every minute), sent with every page as a browser would.
 */
function cookieJar(initial: string) {
  const cookies = new Map(
    initial.split('; ').map((pair) => [pair.slice(0, pair.indexOf('=')), pair] as const),
  );
  return {
    header: () => [...cookies.values()].join('; '),
    update(setCookies: string[]) {
      for (const line of setCookies) {
        const pair = line.split(';')[0] ?? '';
        const name = pair.slice(0, pair.indexOf('='));
        if (pair.endsWith('=')) cookies.delete(name);
        else cookies.set(name, pair);
      }
    },
  };
}

/**
 * Browsers of one signed-in account (`cookie`, its session) reading the web's pages one after
 * another until stopped; every answer is kept.
 */
export function startPageLoad(baseUrl: string, cookie: string, workers: number, pauseMs: number) {
  const outcomes: PageOutcome[] = [];
  const jar = cookieJar(cookie);
  const readOnePage = async () => {
    const path = PATHS[Math.floor(Math.random() * PATHS.length)] ?? '/';
    const started = performance.now();
    const status = await fetch(`${baseUrl}${path}`, {
      headers: { cookie: jar.header() },
      // A page answered with a redirect (the session gone) is a failure here, not a sign-in page.
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    }).then(
      async (response) => {
        jar.update(response.headers.getSetCookie());
        await response.arrayBuffer();
        return response.status;
      },
      () => 0,
    );
    outcomes.push({ path, status, ms: performance.now() - started });
  };
  const running = startWorkers(workers, () => readOnePage, pauseMs);
  return {
    outcomes,
    async stop() {
      await running.stop();
      return outcomes;
    },
  };
}
