// @vitest-environment node
import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRevocations } from '@/lib/auth/revocations';
import { openAuthDatabase } from '@/lib/db/pool';

// Ended sessions, as two replicas see them, on a real database: the replica that ends a session
// knows at once; another one learns it from the database when it reads the list again.

let database: TestDatabase;
const opened: Array<ReturnType<typeof openAuthDatabase>> = [];

beforeAll(async () => {
  database = await createTestDatabase({ prefix: 'todo_web_revocations' });
});

afterAll(async () => {
  await Promise.all(opened.map((each) => each.pool.end()));
  await database?.drop();
});

function replica(now: () => number = Date.now) {
  const connection = openAuthDatabase({ ...database.settings, poolSize: 2 });
  opened.push(connection);
  // No background reads here: the test moves the clock itself.
  return createRevocations({
    db: () => connection.db,
    keepMs: 90_000,
    now,
    log: () => {},
    refreshMs: 3_600_000,
  });
}

describe('ended sessions', () => {
  it('are refused at once where they ended, and by another replica once it reads the list', async () => {
    let clock = Date.now();
    const here = replica();
    const there = replica(() => clock);
    expect(await there.isEnded('session-1', 'user-1')).toBe(false);

    await here.endSession('session-1');
    expect(await here.isEnded('session-1', 'user-1')).toBe(true);
    expect(await here.isEnded('session-2', 'user-1')).toBe(false);
    // The other replica read the list a moment ago and trusts it for a few seconds...
    expect(await there.isEnded('session-1', 'user-1')).toBe(false);
    // ...then reads it again before answering.
    clock += 3_100;
    expect(await there.isEnded('session-1', 'user-1')).toBe(true);
    here.stop();
    there.stop();
  });

  it('of a deleted account are all of its sessions', async () => {
    const here = replica();
    await here.endAccount('user-9');
    expect(await here.isEnded('any-session', 'user-9')).toBe(true);
    const there = replica();
    expect(await there.isEnded('another-session', 'user-9')).toBe(true);
    expect(await there.isEnded('another-session', 'user-8')).toBe(false);
    there.stop();
    here.stop();
  });

  it('are forgotten once no cookie cache can outlive them, rows included', async () => {
    let clock = Date.now();
    const here = replica(() => clock);
    await here.endSession('session-old');
    clock += 91_000;
    expect(await here.isEnded('session-old', 'user-1')).toBe(false);
    // The next ending clears the rows that have run out.
    await here.endSession('session-new');
    const rows = await database.query<Array<{ value: string } & import('mysql2').RowDataPacket>>(
      "SELECT value FROM AuthVerification WHERE identifier LIKE 'todo:%' AND value LIKE 'session-%'",
    );
    expect(rows.map((row) => row.value)).not.toContain('session-old');
    expect(rows.map((row) => row.value)).toContain('session-new');
    here.stop();
  });
});
