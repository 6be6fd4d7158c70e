import type { AppType } from '@todo/api/app-type';
import { hc } from 'hono/client';
import { webConfig } from '../config';

/**
 * Every call gets the configured deadline, so a slow api turns into an error state instead of
 * a hanging page, and skips Next's fetch cache: each render shows the current list.
 */
function fetchWithDeadline(timeoutMs: number): typeof fetch {
  return (input, init) =>
    fetch(input, {
      ...init,
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
}

export type ApiClient = ReturnType<typeof hc<AppType>>;

let client: ApiClient | undefined;

/** The typed client of the api (`hc<AppType>`); only types come from the api package. */
export function apiClient(): ApiClient {
  if (!client) {
    const { apiUrl, apiTimeoutMs } = webConfig();
    client = hc<AppType>(apiUrl, { fetch: fetchWithDeadline(apiTimeoutMs) });
  }
  return client;
}
