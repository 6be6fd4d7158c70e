import { accountOf } from '@/lib/auth/request-account';
import { processRelay } from '@/lib/events/process-relay';
import { resumePoint, streamLifetimeMs } from '@/lib/events/tab-stream';

export const dynamic = 'force-dynamic';

// A tab that reads this far behind (a stalled or hostile client) is dropped, not buffered for.
const MAX_QUEUED_BYTES = 256 * 1024;

const plain = (status: number, text: string) =>
  new Response(`${text}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });

/**
 * The signed-in account's changes as Server-Sent Events, for the list pages' EventSource:
 * relayed from this process's one upstream per account (lib/events/relay.ts). A tab resumes
 * with Last-Event-ID (or, on its first connection, `?after=` the number its page was rendered
 * with), so nothing between the render and the stream is missed. Each stream ends after a
 * minute or so and the browser reconnects: that re-checks the session (proxy.ts) and spreads
 * tabs over the replicas as they come and go.
 */
export async function GET(request: Request): Promise<Response> {
  const account = accountOf(request.headers);
  if (!account) return plain(401, 'sign in to follow changes');
  const resume = resumePoint(request);
  if (resume === 'invalid') return plain(400, 'Last-Event-ID and after must be event numbers');

  const relay = processRelay();
  const encoder = new TextEncoder();
  let remove: (() => void) | undefined;
  let ended = false;
  let lifetime: NodeJS.Timeout | undefined;

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const end = () => {
        if (ended) return;
        ended = true;
        clearTimeout(lifetime);
        remove?.();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      const listener = {
        write(text: string) {
          if (ended) return;
          if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) return end();
          controller.enqueue(encoder.encode(text));
        },
        close: end,
      };
      // How long the browser waits before reconnecting once a stream ends.
      controller.enqueue(encoder.encode('retry: 1000\n\n'));
      remove = await relay.add(account.id, listener, resume);
      if (ended) remove();
      lifetime = setTimeout(end, streamLifetimeMs());
      lifetime.unref?.();
      request.signal.addEventListener('abort', end, { once: true });
    },
    cancel() {
      ended = true;
      clearTimeout(lifetime);
      remove?.();
    },
  });

  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      // no-transform keeps Next's gzip (and any proxy's) from holding events back in a buffer.
      'cache-control': 'no-store, no-transform',
      'x-accel-buffering': 'no',
      // A stream's connection is not kept for another request: once the stream ends (on
      // SIGTERM above all) its socket closes too, and the server can exit without waiting.
      connection: 'close',
    },
  });
}
