import { statusOf, waitForHttp } from '@todo/harness/http-probe';

/** Polls a `/readyz` every `everyMs` and keeps what it answered, and when. */
export function watchReadiness(baseUrl: string, everyMs = 200) {
  const samples: Array<{ startedAt: number; status: number; ms: number }> = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const startedAt = Date.now();
      const status = await statusOf(`${baseUrl}/readyz`, 10_000);
      samples.push({ startedAt, status, ms: Date.now() - startedAt });
      await sleep(everyMs);
    }
  })();
  return {
    samples,
    async stop() {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

/** Resolves once `url` answers 200, polling; throws after `timeoutMs`. */
export function waitFor200(url: string, timeoutMs: number): Promise<number> {
  return waitForHttp(url, { timeoutMs, pauseMs: 50 });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
