import { startWorkers } from '@todo/harness/load-workers';

export type PageOutcome = { path: string; status: number; ms: number };

const PATHS = ['/', '/active', '/completed', '/?limit=5', '/healthz'];

/** Browsers reading the web's pages one after another until stopped; every answer is kept. */
export function startPageLoad(baseUrl: string, workers: number, pauseMs: number) {
  const outcomes: PageOutcome[] = [];
  const readOnePage = async () => {
    const path = PATHS[Math.floor(Math.random() * PATHS.length)] ?? '/';
    const started = performance.now();
    const status = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(10_000) }).then(
      async (response) => {
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
