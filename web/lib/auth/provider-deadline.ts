/**
 * How long a single sign-on request may wait for the provider: Better Auth fetches its
 * discovery document, keys and tokens without a deadline of its own, and a provider that does
 * not answer (a firewall dropping the packets) would otherwise hold the request for minutes.
 */
export const PROVIDER_DEADLINE_MS = 15_000;

/** `work`, or `fallback` once the deadline has passed (the work goes on, unheard). */
export async function withinDeadline<T>(
  work: Promise<T>,
  fallback: T,
  ms = PROVIDER_DEADLINE_MS,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
