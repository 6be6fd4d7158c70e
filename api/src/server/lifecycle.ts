/** Whether the process is on its way out; readiness and keep-alive follow it. */
export type Lifecycle = { readonly shuttingDown: boolean; beginShutdown(): void };

export function createLifecycle(): Lifecycle {
  let shuttingDown = false;
  return {
    get shuttingDown() {
      return shuttingDown;
    },
    beginShutdown() {
      shuttingDown = true;
    },
  };
}
