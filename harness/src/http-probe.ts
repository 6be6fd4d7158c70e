/** The status `url` answers with, or 0 when nothing answers within `timeoutMs`. */
export async function statusOf(url: string, timeoutMs = 2000): Promise<number> {
  return fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
    .then(async (response) => {
      await response.body?.cancel();
      return response.status;
    })
    .catch(() => 0);
}

export type WaitOptions = {
  timeoutMs: number;
  /** Whether an answer will do (default: 200). */
  accept?: (status: number) => boolean;
  /** Called between polls: a reason to give up now (the server process exited, say). */
  gaveUp?: () => string | undefined;
  pauseMs?: number;
};

/** Polls `url` until it answers acceptably; resolves with the milliseconds that took. */
export async function waitForHttp(url: string, options: WaitOptions): Promise<number> {
  const accept = options.accept ?? ((status: number) => status === 200);
  const started = Date.now();
  let last = 0;
  for (;;) {
    const reason = options.gaveUp?.();
    if (reason !== undefined) throw new Error(`${url}: ${reason}`);
    last = await statusOf(url);
    if (last !== 0 && accept(last)) return Date.now() - started;
    if (Date.now() - started > options.timeoutMs) {
      throw new Error(`${url} did not answer in ${options.timeoutMs} ms (last: ${last || 'none'})`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 100));
  }
}
