import { TIMEOUT_HEADER } from '@todo/api/problem-types';
import { apiBudgetMs } from '../api/client';
import type { ConnectUpstream } from './relay';

type UpstreamOptions = {
  apiUrl: string;
  /** How long the api has to start answering (API_TIMEOUT_MS); the stream then runs on. */
  timeoutMs: number;
  authorization: (account: string) => Promise<{ authorization: string }>;
};

/**
 * Opens `GET /v1/events` for an account with a fresh token. Only the wait for the answer's
 * headers has a deadline: the stream itself lasts until the api ends it or the relay drops it.
 */
export function apiEventStream(options: UpstreamOptions): ConnectUpstream {
  const url = `${options.apiUrl}/v1/events`;
  const budget = String(apiBudgetMs(options.timeoutMs));
  return async (account, lastEventId, signal) => {
    const headers: Record<string, string> = {
      accept: 'text/event-stream',
      [TIMEOUT_HEADER]: budget,
      ...(await options.authorization(account)),
    };
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    const attempt = new AbortController();
    const stop = () => attempt.abort(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    const timer = setTimeout(
      () => attempt.abort(new Error(`the api did not answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    try {
      return await fetch(url, { headers, signal: attempt.signal, cache: 'no-store' });
    } finally {
      clearTimeout(timer);
    }
  };
}
