import { webConfig } from '../config';

// A good answer is trusted for a second, so a busy page costs the api about one probe a second;
// a bad one is not cached at all, so the page comes back as soon as the api does. Any failed
// call to the api ends that trust at once (`distrustApi`): the next page asks again, and
// answers the 503 page instead of failing half-way through rendering.
const TRUST_READY_MS = 1000;

type ReadinessState = { readyUntil: number; inFlight: Promise<boolean> | undefined };

// proxy.ts and the pages are bundled apart, each with its own copy of this module; the verdict
// lives on globalThis so that a page's failed call is seen by the proxy's next check.
const STATE_KEY = Symbol.for('todo.web.apiReadiness');
const state: ReadinessState = ((globalThis as Record<symbol, unknown>)[STATE_KEY] as
  | ReadinessState
  | undefined) ?? { readyUntil: 0, inFlight: undefined };
(globalThis as Record<symbol, unknown>)[STATE_KEY] = state;

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
  if (now < state.readyUntil) return true;
  state.inFlight ??= probe().finally(() => {
    state.inFlight = undefined;
  });
  const ready = await state.inFlight;
  if (ready) state.readyUntil = Date.now() + TRUST_READY_MS;
  return ready;
}

/** A call to the api just failed for want of an answer: probe again before the next page. */
export function distrustApi(): void {
  state.readyUntil = 0;
}
