import { bearer } from '@todo/harness/accounts';
import { type Outcome, startMixedLoad } from '@todo/harness/api-load';
import type { NodeService } from '@todo/harness/node-service';
import { percentile } from '@todo/harness/percentile';
import { startApi } from '@todo/harness/services';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFigures } from './support/figures.js';
import { type FaultDatabase, startFaultDatabase } from './support/private-database.js';
import { sleep, waitFor200, watchReadiness } from './support/readiness-watch.js';
import { tallies } from './support/table-state.js';

let database: FaultDatabase;
let api: NodeService;

beforeAll(async () => {
  database = await startFaultDatabase();
  api = await startApi({ databaseUrl: database.url });
  await waitFor200(`${api.url}/readyz`, 10_000);
});

afterAll(async () => {
  await api?.stop();
  await database?.destroy();
});

const OUTAGE_MS = 10_000;
const ANSWER_WITHIN_MS = 2_000;
const RECOVER_WITHIN_MS = 5_000;

describe('the api while its database is away', () => {
  it('answers every request within 2 s with a 503 problem, then recovers without a restart', async () => {
    const load = startMixedLoad({ baseUrl: api.url, workers: 6, pauseMs: 25 });
    const readiness = watchReadiness(api.url);
    await sleep(2_000);

    await database.server.stop();
    const downAt = Date.now();
    await sleep(OUTAGE_MS / 2);
    const liveDuringOutage = await fetch(`${api.url}/healthz`);
    await sleep(OUTAGE_MS / 2);
    const restartAt = Date.now();
    await database.server.start();
    const upAt = Date.now();
    await sleep(RECOVER_WITHIN_MS + 2_000);

    const outcomes = await load.stop();
    const ready = await readiness.stop();

    const unanswered = outcomes.filter((outcome) => outcome.status === 0);
    const slow = outcomes.filter((outcome) => outcome.ms >= ANSWER_WITHIN_MS);
    const inOutage = (outcome: { startedAt: number }) =>
      outcome.startedAt >= downAt && outcome.startedAt < restartAt;
    const duringOutage = outcomes.filter(inOutage);
    const wrongDuringOutage = duringOutage.filter(
      (outcome) => outcome.status !== 503 || !outcome.problem,
    );
    const serverErrors = outcomes.filter(
      (outcome) => outcome.status >= 500 && outcome.status !== 503,
    );
    const firstSuccess = outcomes.find(
      (outcome) => outcome.startedAt >= upAt && outcome.status >= 200 && outcome.status < 300,
    );
    const lateFailures = outcomes.filter(
      (outcome) => outcome.startedAt >= upAt + RECOVER_WITHIN_MS && outcome.status >= 500,
    );
    const readyInOutage = ready.filter(inOutage);

    reportFigures('database outage (10 s stop under load)', {
      requests: outcomes.length,
      duringOutage: duringOutage.length,
      maxMsDuringOutage: Math.round(Math.max(0, ...duringOutage.map((outcome) => outcome.ms))),
      p99MsDuringOutage: Math.round(
        percentile(
          duringOutage.map((outcome) => outcome.ms),
          0.99,
        ),
      ),
      maxMsOverall: Math.round(Math.max(...outcomes.map((outcome) => outcome.ms))),
      unanswered: unanswered.length,
      readyzSamplesInOutage: readyInOutage.length,
      readyzNot503InOutage: readyInOutage.filter((sample) => sample.status !== 503).length,
      firstSuccessAfterRestartMs: firstSuccess ? firstSuccess.startedAt - upAt : null,
      failuresLaterThan5sAfterRestart: lateFailures.length,
    });

    expect(unanswered).toEqual([]);
    expect(slow).toEqual([]);
    expect(serverErrors).toEqual([]);
    expect(duringOutage.length).toBeGreaterThan(100);
    expect(wrongDuringOutage).toEqual([]);
    expect(readyInOutage.length).toBeGreaterThan(10);
    expect(readyInOutage.filter((sample) => sample.status !== 503)).toEqual([]);
    expect(liveDuringOutage.status).toBe(200);
    expect(firstSuccess).toBeDefined();
    expect(lateFailures).toEqual([]);
    // The same process served throughout: nothing restarted it.
    expect(api.child.exitCode).toBeNull();
    expect(api.child.signalCode).toBeNull();
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
  });

  it('loses no acknowledged write when the database is killed -9 mid-writes', async () => {
    const load = startMixedLoad({
      baseUrl: api.url,
      workers: 8,
      mix: { create: 5, complete: 2, delete: 1, read: 1 },
    });
    await sleep(2_500);
    await database.server.kill();
    await sleep(1_000);
    const outcomes = await load.stop();
    await database.server.start();
    await waitFor200(`${api.url}/readyz`, 10_000);

    const rows = await database.query<RowDataPacket[]>('SELECT task_id, task, status FROM Todo');
    const byId = new Map(rows.map((row) => [Number(row.task_id), row]));
    const deleteTried = new Set(
      outcomes.filter((outcome) => outcome.op === 'delete').map((outcome) => outcome.id),
    );
    const acknowledged = outcomes.filter(
      (outcome) => outcome.status >= 200 && outcome.status < 300,
    );
    const lost: Outcome[] = [];
    for (const write of acknowledged) {
      if (write.id === undefined || write.op === 'read') continue;
      const row = byId.get(write.id);
      const gone = write.op !== 'delete' && deleteTried.has(write.id);
      if (write.op === 'create' && !gone && row?.task !== write.title) lost.push(write);
      if (write.op === 'complete' && !gone && row?.status !== 'completed') lost.push(write);
      if (write.op === 'delete' && row !== undefined) lost.push(write);
    }
    const { rows: counted, counters } = await tallies(database.query);
    const listed = (await (
      await fetch(`${api.url}/v1/tasks?limit=1`, { headers: await bearer() })
    ).json()) as {
      counts: unknown;
    };

    reportFigures('database kill -9 mid-writes', {
      requests: outcomes.length,
      acknowledgedWrites: acknowledged.filter((outcome) => outcome.op !== 'read').length,
      acknowledgedWritesLost: lost.length,
      refusedAfterKill: outcomes.filter((outcome) => outcome.status === 503).length,
      rows: counted,
      counters,
    });

    expect(acknowledged.filter((outcome) => outcome.op === 'create').length).toBeGreaterThan(50);
    expect(lost).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.status === 0 || outcome.status === 500)).toEqual(
      [],
    );
    expect(counters).toEqual(counted);
    expect(listed.counts).toEqual(counted);
    expect(api.child.exitCode).toBeNull();
  });
});
