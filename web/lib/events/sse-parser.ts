/** One Server-Sent Event as it came, and the text that carries it again unchanged. */
export type SseEvent = { event: string; id: string | undefined; data: string; raw: string };

/**
 * Splits a stream of Server-Sent Events text into events. Comments (keep-alives) and blank
 * blocks are dropped; `raw` is the block as received, so a relay can pass it on byte for byte.
 */
export function createSseParser(onEvent: (event: SseEvent) => void) {
  let buffer = '';
  return (chunk: string) => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end === -1) return;
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      let id: string | undefined;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'id') id = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length === 0 && id === undefined) continue;
      onEvent({ event, id, data: data.join('\n'), raw: `${block}\n\n` });
    }
  };
}
