import { afterAll, describe, expect, it } from 'vitest';
import { reportFigures } from './support/figures.js';
import { RAW_REQUESTS, sendRaw } from './support/hostile/raw-http.js';
import { runHostileStream, type StreamResult } from './support/hostile/stream.js';
import { useApi } from './support/use-api.js';

// At least 10,000 generated requests per run, over every route: four streams through
// app.request() and two over real sockets, side by side, each on a database of its own (the
// commits, not the CPU, bound one stream's pace).
const STREAMS = [
  ...Array.from({ length: 4 }, (_, index) => ({
    name: `in process #${index + 1}`,
    transport: 'in-process' as const,
    runs: 2_000,
  })),
  ...Array.from({ length: 2 }, (_, index) => ({
    name: `over HTTP #${index + 1}`,
    transport: 'socket' as const,
    runs: 1_250,
  })),
];

const results: StreamResult[] = [];

afterAll(() => {
  const byStatus: Record<number, number> = {};
  for (const result of results) {
    for (const [status, count] of Object.entries(result.byStatus)) {
      byStatus[Number(status)] = (byStatus[Number(status)] ?? 0) + count;
    }
  }
  reportFigures('hostile input', {
    generatedRequests: results.reduce((sum, result) => sum + result.sent, 0),
    overSockets: results
      .filter((result) => result.apiExitCode !== undefined)
      .reduce((sum, result) => sum + result.sent, 0),
    byStatus,
    titlesStoredByteForByte: results.reduce((sum, result) => sum + result.titlesStored, 0),
  });
});

describe.concurrent('hostile input, generated', () => {
  it.each(STREAMS)(
    '$runs requests $name',
    async ({ transport, runs }) => {
      const result = await runHostileStream(transport, runs);
      results.push(result);
      expect(result.sent).toBeGreaterThanOrEqual(runs);
      if (transport === 'socket') {
        expect(result.apiAliveAfter).toBe(true);
        expect(result.apiExitCode).toBe(0);
      }
    },
    180_000,
  );
});

describe('hostile input, raw bytes over TCP', () => {
  const target = useApi('todo_hostile_raw');

  it.each(RAW_REQUESTS)('$label', async ({ bytes, allowed }) => {
    const status = await sendRaw(target.api.port, bytes);
    expect(status === 0 || allowed.includes(status), `answered ${status}`).toBe(true);
    expect(target.api.child.exitCode).toBeNull();
    expect((await fetch(`${target.api.url}/healthz`)).status).toBe(200);
  });
});
