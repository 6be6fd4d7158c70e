import type { Session } from '@todo/harness/sessions';

/** When each benchmark task's event reached a tab, by the task's title. */
export type Arrivals = Map<string, number[]>;

type Tab = { abort: AbortController; ended: Promise<void> };

/**
 * Browser-like tabs following `/events`: each reconnects when its stream ends (the web ends
 * them every minute or so) with the last event's id, as EventSource does, and notes when the
 * `task.created` event of each task arrived. Clients are plain fetch streams (Node's fetch opens
 * a connection per stream, as browsers do per tab), so a thousand fit in this process.
 */
export function openTabs(webUrl: string, sessions: Session[], arrivals: Arrivals) {
  let opened = 0;
  let reconnects = 0;
  const failures = new Map<string, number>();

  function follow(session: Session): Tab {
    const abort = new AbortController();
    let lastId: string | undefined;
    let connected = false;
    const run = async () => {
      while (!abort.signal.aborted) {
        try {
          const response = await fetch(`${webUrl}/events`, {
            headers: {
              cookie: session.cookie,
              accept: 'text/event-stream',
              ...(lastId ? { 'last-event-id': lastId } : {}),
            },
            signal: abort.signal,
          });
          if (response.status !== 200 || !response.body) {
            await response.body?.cancel();
            throw new Error(`status ${response.status}`);
          }
          if (connected) reconnects++;
          else opened++;
          connected = true;
          const decoder = new TextDecoder();
          let buffer = '';
          for await (const chunk of response.body) {
            buffer += decoder.decode(chunk, { stream: true });
            let end = buffer.indexOf('\n\n');
            while (end !== -1) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              lastId = /^id: (\d+)$/m.exec(block)?.[1] ?? lastId;
              const title = /"title":"(bench [^"]+)"/.exec(block)?.[1];
              if (title && block.includes('task.created')) {
                const seen = arrivals.get(title) ?? [];
                seen.push(performance.now());
                arrivals.set(title, seen);
              }
              end = buffer.indexOf('\n\n');
            }
          }
        } catch (error) {
          if (abort.signal.aborted) return;
          const cause = (error as { cause?: { code?: string } }).cause?.code;
          const reason = cause ?? (error instanceof Error ? error.message : String(error));
          failures.set(reason, (failures.get(reason) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    };
    return { abort, ended: run() };
  }

  const tabs = sessions.map(follow);
  return {
    stats: () => ({ opened, reconnects, failures }),
    async close() {
      for (const tab of tabs) tab.abort.abort();
      await Promise.all(tabs.map((tab) => tab.ended));
    },
  };
}
