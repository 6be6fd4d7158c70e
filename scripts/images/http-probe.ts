import { waitForHttp } from '@todo/harness/http-probe';
import type { Background } from './command.js';

export interface Reply {
  status: number;
  body: string;
  contentType: string;
}

/** One bounded HTTP request to a server on loopback. */
export async function request(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  return {
    status: response.status,
    body: await response.text(),
    contentType: response.headers.get('content-type') ?? '',
  };
}

/**
 * Polls until the URL answers 200, failing early when the server process exits and with its
 * output when the deadline passes, so a failed start explains itself.
 */
export async function waitUntilOk(
  url: string,
  server: Background,
  timeoutMs: number,
): Promise<void> {
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  try {
    await waitForHttp(url, {
      timeoutMs,
      pauseMs: 250,
      gaveUp: () => (exited ? 'the server exited before it answered' : undefined),
    });
  } catch (error) {
    throw new Error(`${String(error)}:\n${server.output().slice(-3000)}`);
  }
}
