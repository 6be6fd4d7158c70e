/**
 * `count` workers, each repeating its own step (made by `newStep`, so it can keep state of its
 * own) until stopped, with `pauseMs` between steps. `stop()` lets the steps in flight finish.
 */
export function startWorkers(
  count: number,
  newStep: () => () => Promise<void>,
  pauseMs = 0,
): { stop(): Promise<void> } {
  let stopped = false;
  const worker = async () => {
    const step = newStep();
    while (!stopped) {
      await step();
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const running = Promise.all(Array.from({ length: count }, worker));
  return {
    async stop() {
      stopped = true;
      await running;
    },
  };
}
