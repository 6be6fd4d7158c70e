import { webConfig } from '../config';

// A good answer is trusted for a second, so a busy page costs the api about one probe a second;
// a bad one is not cached at all, so the page comes back as soon as the api does.
const TRUST_READY_MS = 1000;

let readyUntil = 0;
let inFlight: Promise<boolean> | undefined;

async function probe(): Promise<boolean> {
  const { apiUrl, apiTimeoutMs } = webConfig();
  try {
    const response = await fetch(`${apiUrl}/readyz`, {
      cache: 'no-store',
      signal: AbortSignal.timeout(apiTimeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return false;
    }
    // Only the api's own answer counts: a proxy or a wrong service answering 200 with some
    // other body must not make the page render against an api that is not there.
    const body = (await response.json()) as { status?: unknown } | null;
    return body?.status === 'ok';
  } catch {
    return false;
  }
}

/** Whether the api says it can serve (its `/readyz`), probed at most once at a time. */
export async function apiIsReady(now = Date.now()): Promise<boolean> {
  if (now < readyUntil) return true;
  inFlight ??= probe().finally(() => {
    inFlight = undefined;
  });
  const ready = await inFlight;
  if (ready) readyUntil = Date.now() + TRUST_READY_MS;
  return ready;
}
