import { ensureAccount, TEST_ACCOUNT } from '@todo/harness/accounts';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../api/src/db/client.js';
import { Deadline } from '../api/src/db/deadline.js';
import { DatabaseError } from '../api/src/db/errors.js';
import { todos } from '../api/src/db/schema.js';
import { requestFingerprint } from '../api/src/idempotency/fingerprint.js';
import { createIdempotentWrites } from '../api/src/idempotency/idempotent-write.js';
import { keyHash } from '../api/src/idempotency/key.js';
import { claimKey, completeKey } from '../api/src/idempotency/store.js';
import { type FaultDatabase, startFaultDatabase } from './support/private-database.js';
import { sleep } from './support/readiness-watch.js';

// The two answers a write can get when its database stops answering, made to happen exactly:
// the server is frozen (SIGSTOP) from inside the write's own work, before its statement or
// between its last statement and COMMIT.

let database: FaultDatabase;
let app: Database;

beforeAll(async () => {
  database = await startFaultDatabase();
  await ensureAccount(database.url);
  app = database.open();
});

afterAll(async () => {
  database?.server.resume();
  await database?.destroy();
});

const rowsTitled = async (title: string) =>
  Number(
    (
      await database.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM Todo WHERE task = ?', [
        title,
      ])
    )[0]?.n,
  );

async function failureOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DatabaseError) return error.failure;
    throw error;
  }
  return 'succeeded';
}

describe('a write whose database freezes', () => {
  it('before its statement: "not written", and it never appears after the server thaws', async () => {
    const title = 'frozen before the insert';
    const failure = await failureOf(
      app.transaction(new Deadline(1000), async (tx) => {
        database.server.pause();
        await tx.insert(todos).values({ title, ownerId: TEST_ACCOUNT });
      }),
    );
    expect(failure).toBe('not-written');
    await sleep(500);
    database.server.resume();
    await sleep(2000);
    expect(await rowsTitled(title)).toBe(0);
  });

  it('during COMMIT: "outcome unknown", and a retry with the same key settles it once', async () => {
    const title = 'frozen during commit';
    const request = {
      deadline: new Deadline(1000),
      account: TEST_ACCOUNT,
      key: 'k-commit',
      fingerprint: requestFingerprint('POST', '/v1/tasks', { title }),
    };
    const answer = { status: 201 as const, body: { title } };
    const hash = keyHash(request.key);
    // What the idempotent write does, step by step, with the server frozen after the last
    // statement: what is left to send is COMMIT.
    const failure = await failureOf(
      app.transaction(request.deadline, async (tx) => {
        await claimKey(tx, TEST_ACCOUNT, hash, request.fingerprint);
        await tx.insert(todos).values({ title, ownerId: TEST_ACCOUNT });
        await completeKey(tx, TEST_ACCOUNT, hash, { ...answer, location: null });
        database.server.pause();
      }),
    );
    expect(failure).toBe('outcome-unknown');
    database.server.resume();
    await sleep(1000);

    // The same request again, with its key: the stored answer, and no second row.
    const write = createIdempotentWrites(app);
    const retried = await write({ ...request, deadline: new Deadline(3000) }, async (tx) => {
      await tx.insert(todos).values({ title, ownerId: TEST_ACCOUNT });
      return answer;
    });
    expect(retried.replayed).toBe(true);
    expect(retried.answer).toMatchObject(answer);
    expect(await rowsTitled(title)).toBe(1);
  });
});
