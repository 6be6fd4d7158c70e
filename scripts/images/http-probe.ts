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
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exited)
      throw new Error(`server exited before ${url} answered:\n${server.output().slice(-3000)}`);
    try {
      const reply = await request(url);
      if (reply.status === 200) return;
      last = `HTTP ${reply.status} ${reply.body.slice(0, 200)}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${url} not OK after ${timeoutMs} ms (${last}):\n${server.output().slice(-3000)}`,
  );
}
