import type { AppType } from '@todo/api/app-type';
import { TIMEOUT_HEADER } from '@todo/api/problem-types';
import { hc } from 'hono/client';
import { webConfig } from '../config';

/**
 * How long the api may take, told to it with every call: a little less than this app waits,
 * so the api's verdict (and for a write, its promise about what happened) always arrives
 * before the web gives up. What is left covers the network and the answer itself.
 */
export function apiBudgetMs(timeoutMs: number): number {
  return Math.max(50, timeoutMs - Math.max(100, Math.round(timeoutMs * 0.1)));
}

/**
 * Every call gets the configured deadline, so a slow api turns into an error state instead of
 * a hanging page, and skips Next's fetch cache: each render shows the current list.
 */
function fetchWithDeadline(timeoutMs: number): typeof fetch {
  const budget = String(apiBudgetMs(timeoutMs));
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set(TIMEOUT_HEADER, budget);
    return fetch(input, {
      ...init,
      headers,
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
  };
}

export type ApiClient = ReturnType<typeof hc<AppType>>;

let client: ApiClient | undefined;

/** The typed client of the api (`hc<AppType>`); only types come from the api's routes. */
export function apiClient(): ApiClient {
  if (!client) {
    const { apiUrl, apiTimeoutMs } = webConfig();
    client = hc<AppType>(apiUrl, { fetch: fetchWithDeadline(apiTimeoutMs) });
  }
  return client;
}
