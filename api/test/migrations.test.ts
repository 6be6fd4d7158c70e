import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  migrationsFolder,
  type TestDatabase,
} from '@todo/harness/test-database';
import type { RowDataPacket } from 'mysql2';
import { afterEach, describe, expect, it } from 'vitest';
import { runMigrations, waitForMigrations } from '../src/db/migrator.js';
import { accountRowSql, TEST_ACCOUNT } from './support/accounts.js';
import { buildApp } from './support/test-app.js';

const created: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((database) => database.drop()));
});

async function blank(): Promise<TestDatabase> {
  const database = await createTestDatabase({ migrate: false, prefix: 'todo_migrate' });
  created.push(database);
  return database;
}

const migrate = (database: TestDatabase, log: (line: string) => void = () => {}) =>
  runMigrations({ settings: database.settings, migrationsFolder, timeoutMs: 10_000, log });

async function schemaOf(database: TestDatabase) {
  const tables = [
    'Todo',
    'TodoCounter',
    'IdempotencyKey',
    'AuthUser',
    'AuthSession',
    'AuthAccount',
    'AuthVerification',
    'AuthRateLimit',
    'TodoTrash',
    'TaskFeed',
    'TaskEvent',
  ];
  const result: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await database.query<RowDataPacket[]>(`SHOW CREATE TABLE \`${table}\``);
    // AUTO_INCREMENT=n depends on the rows, not on the schema.
    result[table] = String(row?.['Create Table']).replace(/ AUTO_INCREMENT=\d+/, '');
  }
  return result;
}

/** The number of migrations in drizzle/ (the journal drizzle-kit writes). */
function shippedMigrations(): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  return (journal as { entries: unknown[] }).entries.length;
}

/** A copy of drizzle/ as a release that shipped only its first `count` migrations had it. */
function releasedMigrations(count: number): string {
  const folder = mkdtempSync(join(tmpdir(), 'todo-migrations-'));
  mkdirSync(join(folder, 'meta'));
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const entry of journal.entries as Array<{ tag: string }>) {
    copyFileSync(join(migrationsFolder, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  }
  return folder;
}

/** Two accounts set up one after the other (POST /v1/account): what each adopted. */
async function adoptAll(database: TestDatabase) {
  const api = buildApp(database.open());
  await database.query(...accountRowSql(TEST_ACCOUNT));
  await database.query(...accountRowSql('second'));
  const adopt = async (account: string) => {
    const answer = await api.send('POST', '/v1/account', undefined, {}, account);
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { adopted: number }).adopted;
  };
  return { first: await adopt(TEST_ACCOUNT), second: await adopt('second') };
}

describe('migrations', () => {
  it("upgrade the tutorial's database in place, keeping its rows", async () => {
    const database = await blank();
    // The table exactly as the original tutorial's app created it, with its kind of data.
    await database.query(`CREATE TABLE Todo (
      task_id INT NOT NULL AUTO_INCREMENT,
      task VARCHAR(255) NOT NULL,
      status VARCHAR(255),
      PRIMARY KEY (task_id)
    ) DEFAULT CHARSET=latin1`);
    await database.query(
      `INSERT INTO Todo (task, status) VALUES
        ('Buy milk', 'ongoing'), ('Walk the dog', 'completed'), ('Legacy row', NULL),
        ('Odd status', 'in progress'), ('Café au lait', 'completed')`,
    );

    await migrate(database);

    const rows = await database.query<RowDataPacket[]>(
      'SELECT task_id, task, status, created_at FROM Todo ORDER BY task_id',
    );
    expect(rows.map((row) => [row.task_id, row.task, row.status])).toEqual([
      [1, 'Buy milk', 'ongoing'],
      [2, 'Walk the dog', 'completed'],
      [3, 'Legacy row', 'ongoing'],
      [4, 'Odd status', 'ongoing'],
      [5, 'Café au lait', 'completed'],
    ]);
    expect(rows.every((row) => row.created_at !== null)).toBe(true);

    // The rows have no owner yet: the first account set up after the upgrade adopts them all,
    // counts included; the database then serves the API and takes emoji.
    expect(await adoptAll(database)).toEqual({ first: 5, second: 0 });
    const api = buildApp(database.open());
    const page = (await (await api.send('GET', '/v1/tasks')).json()) as {
      counts: unknown;
      items: Array<{ title: string }>;
    };
    expect(page.counts).toEqual({ all: 5, ongoing: 3, completed: 2 });
    expect(page.items.map((item) => item.title)).toEqual([
      'Buy milk',
      'Walk the dog',
      'Legacy row',
      'Odd status',
      'Café au lait',
    ]);
    const created = await api.send('POST', '/v1/tasks', { title: 'New 🎉' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: 6, title: 'New 🎉' });

    // An empty database migrated from scratch ends with the very same schema.
    const fresh = await blank();
    await migrate(fresh);
    expect(await schemaOf(database)).toEqual(await schemaOf(fresh));
  });

  it("upgrade the previous release's database in place: rows and counts kept, adopted once", async () => {
    const database = await blank();
    // The previous release shipped the first two migrations; its api kept counts in slots.
    await runMigrations({
      settings: database.settings,
      migrationsFolder: releasedMigrations(2),
      timeoutMs: 10_000,
      log: () => {},
    });
    await database.query(
      `INSERT INTO Todo (task, status) VALUES ('One', 'ongoing'), ('Two', 'completed'),
        ('Three', 'completed'), ('Emoji 👩🏽‍💻', 'ongoing')`,
    );
    await database.query('UPDATE TodoCounter SET ongoing = 2, completed = 2 WHERE slot = 7');

    await migrate(database);
    const applied = await database.query<RowDataPacket[]>('SELECT hash FROM __drizzle_migrations');
    expect(applied).toHaveLength(shippedMigrations());
    expect(await adoptAll(database)).toEqual({ first: 4, second: 0 });
    const api = buildApp(database.open());
    const page = (await (await api.send('GET', '/v1/tasks')).json()) as {
      counts: unknown;
      items: Array<{ title: string; status: string }>;
    };
    expect(page.counts).toEqual({ all: 4, ongoing: 2, completed: 2 });
    expect(page.items.map((item) => [item.title, item.status])).toEqual([
      ['One', 'ongoing'],
      ['Two', 'completed'],
      ['Three', 'completed'],
      ['Emoji 👩🏽‍💻', 'ongoing'],
    ]);
    // Another account sees none of them.
    const other = (await (await api.send('GET', '/v1/tasks', undefined, {}, 'second')).json()) as {
      items: unknown[];
    };
    expect(other.items).toEqual([]);
  });

  it('let two migrators run at once: one applies, the other finds nothing to do', async () => {
    const database = await blank();
    await Promise.all([migrate(database), migrate(database), migrate(database)]);
    const applied = await database.query<RowDataPacket[]>('SELECT hash FROM __drizzle_migrations');
    expect(applied).toHaveLength(shippedMigrations());
    // Counter slots are per account now, made on first use: a new database has none.
    const slots = await database.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM TodoCounter');
    expect(Number(slots[0]?.n)).toBe(0);
    const users = await database.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM AuthUser');
    expect(Number(users[0]?.n)).toBe(0);
  });

  it('create the database when it is missing', async () => {
    const database = await blank();
    await database.drop();
    const lines: string[] = [];
    await migrate(database, (line) => lines.push(line));
    expect(lines).toContain(`creating database ${database.name}`);
    const tables = await database.query<RowDataPacket[]>('SHOW TABLES');
    expect(tables.map((row) => Object.values(row)[0]).sort()).toEqual([
      'AuthAccount',
      'AuthRateLimit',
      'AuthSession',
      'AuthUser',
      'AuthVerification',
      'IdempotencyKey',
      'TaskEvent',
      'TaskFeed',
      'Todo',
      'TodoCounter',
      'TodoTrash',
      '__drizzle_migrations',
    ]);
  });

  it('--wait mode returns once another migrator has applied everything', async () => {
    const database = await blank();
    const waitOptions = {
      settings: database.settings,
      migrationsFolder,
      timeoutMs: 15_000,
      log: () => {},
    };
    const waiting = waitForMigrations(waitOptions);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await migrate(database);
    await expect(waiting).resolves.toBeUndefined();
    await expect(
      waitForMigrations({
        ...waitOptions,
        settings: { ...database.settings, database: 'nope_x' },
        timeoutMs: 1500,
      }),
    ).rejects.toThrow();
  });
});
