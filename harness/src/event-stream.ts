/** One Server-Sent Event as a client sees it. */
export type ServerSentEvent = { event: string; id?: string; data: string };

/**
 * Reads an event stream (a Response body) as it arrives: `next()` resolves with the next event,
 * or rejects after `timeoutMs`; comments (keep-alives) are skipped. `close()` cancels it.
 */
export function readEvents(response: Response) {
  const reader = response.body?.getReader();
  if (!reader) throw new Error('the response has no body');
  const decoder = new TextDecoder();
  let buffer = '';
  const ready: ServerSentEvent[] = [];

  function parse() {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end === -1) return;
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: ServerSentEvent = { event: 'message', data: '' };
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const [field, ...rest] = line.split(':');
        const value = rest.join(':').replace(/^ /, '');
        if (field === 'event') event.event = value;
        else if (field === 'id') event.id = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length === 0 && event.event === 'message') continue;
      event.data = data.join('\n');
      ready.push(event);
    }
  }

  return {
    async next(timeoutMs = 3000): Promise<ServerSentEvent> {
      const deadline = Date.now() + timeoutMs;
      while (ready.length === 0) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error('no event within the time allowed');
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<'timeout'>((resolve) => {
            timer = setTimeout(() => resolve('timeout'), remaining);
          }),
        ]);
        clearTimeout(timer);
        if (chunk === 'timeout') continue;
        if (chunk.done) throw new Error('the stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
        parse();
      }
      return ready.shift() as ServerSentEvent;
    },
    /** Resolves when the server ends the stream (after any events still unread). */
    async ended(timeoutMs = 3000): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const chunk = await Promise.race([
          reader.read(),
          new Promise<'timeout'>((resolve) =>
            setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now())),
          ),
        ]);
        if (chunk === 'timeout') return false;
        if (chunk.done) return true;
      }
    },
    close: () => reader.cancel().catch(() => {}),
  };
}
