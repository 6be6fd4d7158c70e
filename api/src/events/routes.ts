import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { readWithin } from '../db/deadline.js';
import { problemResponses } from '../http/problem-responses.js';
import { createRouter } from '../http/router.js';
import type { Lifecycle } from '../server/lifecycle.js';
import type { Delivery, FeedHub } from './feed-hub.js';

const EventHeadersSchema = z.object({
  'last-event-id': z
    .string()
    .regex(/^\d{1,15}$/, 'must be the id of an event this API sent')
    .optional()
    .openapi({
      param: { name: 'last-event-id', in: 'header' },
      description: 'Resume after this event: what was missed is sent first (or `reload`).',
    }),
});

const streamEvents = createRoute({
  method: 'get',
  path: '/',
  summary: "The calling account's changes, as they happen (Server-Sent Events)",
  description:
    "Each write of the account is sent once, in order, as `event: change` with `id` its number in the account's sequence and `data` what happened (`kind`: task.created, task.updated, task.deleted, tasks.marked, tasks.cleared, tasks.restored, tasks.adopted, tasks.reload; with the change in counts as `delta`). A new stream starts with `event: ready` naming the current number. `Last-Event-ID` resumes after an event; when what was missed is gone from the feed, `event: reload` says to read the list again. Comments keep the stream alive; it ends after a while and on shutdown, to be reopened with `Last-Event-ID`.",
  request: { headers: EventHeadersSchema },
  responses: {
    200: {
      description: 'An event stream',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...problemResponses(400, 401, 503),
  },
});

export type EventRouteOptions = {
  hub: FeedHub;
  lifecycle: Lifecycle;
  /** A comment this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs?: number;
  /** Streams end after this long (the web reopens them with a fresh token and Last-Event-ID). */
  maxStreamMs?: number;
};

/** `/v1/events`: mounted by the app under that path. */
export function eventRoutes(options: EventRouteOptions) {
  const { hub, lifecycle } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxStreamMs = options.maxStreamMs ?? 15 * 60_000;

  return createRouter().openapi(streamEvents, async (c) => {
    const account = c.var.account;
    const resumeAfter = c.req.valid('header')['last-event-id'];
    // Asked before the stream starts, so that a database that does not answer is a 503.
    const start =
      resumeAfter === undefined
        ? await readWithin(c.var.deadline, () => hub.currentSeq(account))
        : undefined;
    // nginx would otherwise hold the stream's events back until its buffer fills.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const pending: Delivery[] = [];
      let wake: (() => void) | undefined;
      let closed = false;
      const close = () => {
        closed = true;
        wake?.();
      };
      stream.onAbort(close);
      const stopListening = lifecycle.onShutdown(close);
      const heartbeat = setInterval(() => {
        void stream.write(': keep-alive\n\n').catch(close);
      }, heartbeatMs);
      const lifetime = setTimeout(close, maxStreamMs);

      const lastSeq = start ?? Number(resumeAfter);
      if (start !== undefined) {
        await stream.writeSSE({ event: 'ready', id: String(start), data: `{"seq":${start}}` });
      }
      const unsubscribe = await hub.subscribe({
        account,
        lastSeq,
        deliver: (delivery) => {
          pending.push(delivery);
          wake?.();
        },
      });
      try {
        while (!closed) {
          if (pending.length === 0) {
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            wake = undefined;
            continue;
          }
          const delivery = pending.shift() as Delivery;
          if (delivery.kind === 'reload') {
            await stream.writeSSE({
              event: 'reload',
              id: String(delivery.seq),
              data: `{"seq":${delivery.seq}}`,
            });
            continue;
          }
          for (const entry of delivery.entries) {
            await stream.writeSSE({
              event: 'change',
              id: String(entry.seq),
              data: JSON.stringify(entry.event),
            });
          }
        }
      } finally {
        unsubscribe();
        stopListening();
        clearInterval(heartbeat);
        clearTimeout(lifetime);
      }
    });
  });
}
