import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRowSql, TEST_ACCOUNT } from './support/accounts.js';
import { buildApp } from './support/test-app.js';

// Two databases stand in for a primary and its read-only endpoint: they hold different
// rows, so every answer shows which one served it.
let primary: TestDatabase;
let replica: TestDatabase;

beforeAll(async () => {
  [primary, replica] = await Promise.all([
    createTestDatabase({ prefix: 'todo_primary' }),
    createTestDatabase({ prefix: 'todo_replica' }),
  ]);
  for (const database of [primary, replica]) await database.query(...accountRowSql(TEST_ACCOUNT));
  await replica.query("INSERT INTO Todo (task, owner_id) VALUES ('only on the replica', ?)", [
    TEST_ACCOUNT,
  ]);
  await replica.query('INSERT INTO TodoCounter (owner_id, slot, ongoing) VALUES (?, 0, 1)', [
    TEST_ACCOUNT,
  ]);
});
afterAll(async () => {
  await Promise.all([primary.drop(), replica.drop()]);
});

describe('DATABASE_READ_URL', () => {
  it('serves lists from the replica, writes and read-after-write from the primary', async () => {
    const api = buildApp(primary.open({ replica: replica.settings }));

    const created = await api.send('POST', '/v1/tasks', { title: 'written to the primary' });
    expect(created.status).toBe(201);
    const task = (await created.json()) as { id: number; title: string };
    expect(task.title).toBe('written to the primary');
    const onPrimary = await primary.query('SELECT task FROM Todo');
    expect(onPrimary.map((row) => row.task)).toEqual(['written to the primary']);

    const list = (await (await api.send('GET', '/v1/tasks')).json()) as {
      items: Array<{ title: string }>;
      counts: { all: number };
    };
    expect(list.items.map((item) => item.title)).toEqual(['only on the replica']);
    expect(list.counts.all).toBe(1);

    // Reading one task back (what a client does right after writing) uses the primary.
    const read = await api.send('GET', `/v1/tasks/${task.id}`);
    expect(await read.json()).toMatchObject({ title: 'written to the primary' });
    const patched = await api.send('PATCH', `/v1/tasks/${task.id}`, { status: 'completed' });
    expect(await patched.json()).toMatchObject({ status: 'completed' });

    const metrics = await (await api.send('GET', '/metrics')).text();
    expect(metrics).toMatch(/db_pool_connections\{pool="replica"\} [1-9]/);
  });
});
