import { bearer, TEST_ACCOUNT } from '@todo/harness/accounts';
import type { NodeService } from '@todo/harness/node-service';
import { startApi } from '@todo/harness/services';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES } from '../api/src/problem-types.js';
import { reportFigures } from './support/figures.js';
import { type FaultDatabase, startFaultDatabase } from './support/private-database.js';
import { sleep, waitFor200 } from './support/readiness-watch.js';
import { tallies } from './support/table-state.js';

// The database held up past the api's deadline in four ways while writes of every kind run:
// every answer "not written" must match a database without that write, and every write sent
// again with its key until it succeeds must exist exactly once.

const DEADLINE_MS = 1500;
const HOLD_MS = 3500;

let database: FaultDatabase;
let api: NodeService;

beforeAll(async () => {
  database = await startFaultDatabase();
  api = await startApi({
    databaseUrl: database.url,
    env: { DB_QUERY_TIMEOUT_MS: String(DEADLINE_MS) },
  });
  await waitFor200(`${api.url}/readyz`, 10_000);
});

afterAll(async () => {
  database?.server.resume();
  await api?.stop();
  await database?.destroy();
});

type Fault = {
  name: string;
  /** Whether reads (and so lists and readiness) can still be served while it holds. */
  allowsReads: boolean;
  hold(): Promise<() => Promise<void>>;
};

async function onConnection(statements: string[]): Promise<() => Promise<void>> {
  const connection = await createConnection(database.settings);
  for (const statement of statements) await connection.query(statement);
  return async () => {
    await connection.query('UNLOCK TABLES');
    await connection.query('ROLLBACK');
    await connection.end();
  };
}

const FAULTS: Fault[] = [
  {
    name: 'a global read lock',
    allowsReads: true,
    hold: () => onConnection(['FLUSH TABLES WITH READ LOCK']),
  },
  {
    name: 'LOCK TABLES ... WRITE',
    allowsReads: false,
    hold: () => onConnection(['LOCK TABLES Todo WRITE, TodoCounter WRITE']),
  },
  {
    name: 'row locks held by another transaction',
    allowsReads: true,
    hold: () =>
      onConnection([
        'START TRANSACTION',
        `SELECT task_id FROM Todo WHERE owner_id = '${TEST_ACCOUNT}' FOR UPDATE`,
      ]),
  },
  {
    name: 'the database paused (SIGSTOP)',
    allowsReads: false,
    hold: async () => {
      database.server.pause();
      return async () => database.server.resume();
    },
  },
];

type Write = {
  what: string;
  method: string;
  path: string;
  body?: unknown;
  key: string;
  /** Whether the database holds this write now. */
  applied(): Promise<boolean>;
};

type Answer = { status: number; type?: string };

async function send(write: Write): Promise<Answer> {
  try {
    const response = await fetch(`${api.url}${write.path}`, {
      method: write.method,
      headers: {
        ...(await bearer()),
        'idempotency-key': write.key,
        ...(write.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: write.body === undefined ? undefined : JSON.stringify(write.body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    const type = response.status >= 400 ? (JSON.parse(text) as { type?: string }).type : undefined;
    return { status: response.status, ...(type ? { type } : {}) };
  } catch {
    return { status: 0 };
  }
}

/** Sends a write again, with its key, until the api confirms it; returns how many tries. */
async function confirm(write: Write): Promise<number> {
  for (let attempt = 1; attempt <= 30; attempt++) {
    const answer = await send(write);
    if (answer.status >= 200 && answer.status < 300) return attempt;
    await sleep(200);
  }
  throw new Error(`${write.what} was never confirmed`);
}

const query = <T extends RowDataPacket[]>(sql: string, params: unknown[] = []) =>
  database.query<T>(sql, params);

async function taskRow(id: number) {
  const [row] = await query<RowDataPacket[]>('SELECT task, status FROM Todo WHERE task_id = ?', [
    id,
  ]);
  return row as { task: string; status: string } | undefined;
}

async function rowsTitled(title: string): Promise<number> {
  const [row] = await query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM Todo WHERE task = ?', [
    title,
  ]);
  return Number(row?.n);
}

async function seed(tag: string): Promise<number[]> {
  await query('DELETE FROM Todo');
  await query('DELETE FROM TodoCounter');
  const ids: number[] = [];
  for (let index = 0; index < 8; index++) {
    const response = await fetch(`${api.url}/v1/tasks`, {
      method: 'POST',
      headers: { ...(await bearer()), 'content-type': 'application/json' },
      body: JSON.stringify({ title: `${tag} seed ${index}` }),
    });
    ids.push(((await response.json()) as { id: number }).id);
  }
  // Half of them done, so that reopening and clearing have something to act on.
  for (const id of ids.slice(4)) {
    await fetch(`${api.url}/v1/tasks/${id}`, {
      method: 'PATCH',
      headers: { ...(await bearer()), 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'completed' }),
    });
  }
  return ids;
}

function singleTaskWrites(tag: string, ids: number[]): Write[] {
  const [a, b, c, d, e, f] = ids as [number, number, number, number, number, number];
  const key = (what: string) => `${tag}-${what}`;
  const writes: Write[] = [];
  for (let index = 0; index < 4; index++) {
    const title = `${tag} created ${index}`;
    writes.push({
      what: `create ${index}`,
      method: 'POST',
      path: '/v1/tasks',
      body: { title },
      key: key(`create-${index}`),
      applied: async () => (await rowsTitled(title)) > 0,
    });
  }
  for (const [id, index] of [
    [a, 0],
    [b, 1],
  ] as const) {
    const title = `${tag} renamed ${index}`;
    writes.push({
      what: `rename ${id}`,
      method: 'PATCH',
      path: `/v1/tasks/${id}`,
      body: { title },
      key: key(`rename-${id}`),
      applied: async () => (await taskRow(id))?.task === title,
    });
  }
  writes.push({
    what: `complete ${c}`,
    method: 'PATCH',
    path: `/v1/tasks/${c}`,
    body: { status: 'completed' },
    key: key(`complete-${c}`),
    applied: async () => (await taskRow(c))?.status === 'completed',
  });
  writes.push({
    what: `reopen ${e}`,
    method: 'PATCH',
    path: `/v1/tasks/${e}`,
    body: { status: 'ongoing' },
    key: key(`reopen-${e}`),
    applied: async () => (await taskRow(e))?.status === 'ongoing',
  });
  for (const id of [d, f]) {
    writes.push({
      what: `delete ${id}`,
      method: 'DELETE',
      path: `/v1/tasks/${id}`,
      key: key(`delete-${id}`),
      applied: async () => (await taskRow(id)) === undefined,
    });
  }
  return writes;
}

const isNotWritten = (answer: Answer) =>
  answer.status === 503 && answer.type === PROBLEM_TYPES.notWritten;
const isSuccess = (answer: Answer) => answer.status >= 200 && answer.status < 300;

/** Runs writes while the fault holds, then checks every answer against the database. */
async function underFault(fault: Fault, writes: Write[]) {
  const release = await fault.hold();
  let answers: Answer[];
  const duringHold: Record<string, number> = {};
  try {
    const started = performance.now();
    answers = await Promise.all(writes.map(send));
    duringHold.slowestAnswerMs = Math.round(performance.now() - started);
    if (fault.allowsReads) {
      const listed = await fetch(`${api.url}/v1/tasks`, { headers: await bearer() });
      duringHold.list = listed.status;
      duringHold.readyz = (await fetch(`${api.url}/readyz`)).status;
    }
    await sleep(Math.max(0, HOLD_MS - (performance.now() - started)));
  } finally {
    await release();
  }
  // Long enough for anything the api left behind to commit, had it survived.
  await sleep(1500);
  const wrong: string[] = [];
  for (const [index, write] of writes.entries()) {
    const answer = answers[index] as Answer;
    const applied = await write.applied();
    if (isNotWritten(answer) && applied) wrong.push(`${write.what}: "not written", yet it is`);
    if (isSuccess(answer) && !applied) wrong.push(`${write.what}: ${answer.status}, yet absent`);
  }
  return { answers, wrong, duringHold };
}

describe('writes while the database is held up past the deadline', () => {
  it.each(FAULTS)(
    '$name: every answer is true, every retried write lands exactly once',
    async (fault) => {
      const tag = fault.name.replace(/\W+/g, '-');
      const ids = await seed(tag);

      const single = singleTaskWrites(tag, ids);
      const first = await underFault(fault, single);
      expect(first.wrong).toEqual([]);
      // Past the deadline, nothing could succeed while the fault held everything it touches.
      expect(first.answers.filter(isNotWritten).length).toBeGreaterThan(0);
      if (fault.allowsReads) expect(first.duringHold).toMatchObject({ list: 200, readyz: 200 });

      const tries = await Promise.all(single.map(confirm));
      for (const write of single) expect(await write.applied(), write.what).toBe(true);
      for (let index = 0; index < 4; index++) {
        expect(await rowsTitled(`${tag} created ${index}`)).toBe(1);
      }

      // The bulk writes, one at a time under the fault, then confirmed the same way.
      const before = await query<RowDataPacket[]>(
        'SELECT task_id, status FROM Todo ORDER BY task_id',
      );
      const markAll: Write = {
        what: 'mark all done',
        method: 'PATCH',
        path: '/v1/tasks',
        body: { status: 'completed' },
        key: `${tag}-mark-all`,
        applied: async () =>
          (await query<RowDataPacket[]>("SELECT 1 FROM Todo WHERE status = 'ongoing'")).length ===
          0,
      };
      const marked = await underFault(fault, [markAll]);
      expect(marked.wrong).toEqual([]);
      if (isNotWritten(marked.answers[0] as Answer)) {
        expect(await query('SELECT task_id, status FROM Todo ORDER BY task_id')).toEqual(before);
      }
      await confirm(markAll);
      expect(await markAll.applied()).toBe(true);

      const clear: Write = {
        what: 'clear completed',
        method: 'DELETE',
        path: '/v1/tasks?status=completed',
        key: `${tag}-clear`,
        applied: async () => (await query<RowDataPacket[]>('SELECT 1 FROM Todo')).length === 0,
      };
      const cleared = await underFault(fault, [clear]);
      expect(cleared.wrong).toEqual([]);
      await confirm(clear);
      expect(await clear.applied()).toBe(true);

      const { rows, counters } = await tallies(database.query);
      expect(counters).toEqual(rows);
      reportFigures(`writes under ${fault.name}`, {
        answersUnderFault: first.answers.map((answer) => answer.type ?? answer.status),
        duringHold: first.duringHold,
        triesUntilConfirmed: tries,
        bulk: [
          marked.answers[0]?.type ?? marked.answers[0]?.status,
          cleared.answers[0]?.type ?? cleared.answers[0]?.status,
        ],
      });
    },
  );
});
