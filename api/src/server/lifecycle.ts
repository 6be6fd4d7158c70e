/**
 * Whether the process is on its way out; readiness and keep-alive follow it, and whatever holds
 * a connection open for long (the change feed's streams) ends when it begins.
 */
export type Lifecycle = {
  readonly shuttingDown: boolean;
  beginShutdown(): void;
  /** Runs `close` when shutdown begins (at once if it has); returns a way to stop listening. */
  onShutdown(close: () => void): () => void;
};

export function createLifecycle(): Lifecycle {
  let shuttingDown = false;
  const closers = new Set<() => void>();
  return {
    get shuttingDown() {
      return shuttingDown;
    },
    beginShutdown() {
      shuttingDown = true;
      for (const close of closers) close();
      closers.clear();
    },
    onShutdown(close) {
      if (shuttingDown) {
        close();
        return () => {};
      }
      closers.add(close);
      return () => closers.delete(close);
    },
  };
}
