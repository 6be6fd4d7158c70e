import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { drizzle } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import { type Connection, createConnection, type RowDataPacket } from 'mysql2/promise';
import type { ConnectionSettings } from '../config.js';

export const MIGRATIONS_TABLE = '__drizzle_migrations';

export type MigratorOptions = {
  settings: ConnectionSettings;
  migrationsFolder: string;
  /** How long to keep trying while the server is not up yet (a new cluster, a restart). */
  timeoutMs: number;
  log: (message: string) => void;
};

const quoteName = (name: string) => `\`${name.replaceAll('`', '``')}\``;

async function connectWithRetry(options: MigratorOptions, database?: string): Promise<Connection> {
  const { database: _, ...server } = options.settings;
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await createConnection({ ...server, database, connectTimeout: 5_000 });
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      options.log(`database not reachable yet (attempt ${attempt}: ${reason}); retrying`);
      await sleep(Math.min(1000 * attempt, 5000));
    }
  }
}

async function databaseExists(connection: Connection, name: string): Promise<boolean> {
  const [rows] = await connection.query<RowDataPacket[]>(
    'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
    [name],
  );
  return rows.length > 0;
}

/**
 * Applies the migrations in `migrationsFolder` (the journal drizzle-kit writes), creating
 * the database first when it is missing. A named lock makes concurrent runs - two pods, a
 * Job and a developer - take turns; the second finds nothing left to do.
 */
export async function runMigrations(options: MigratorOptions): Promise<void> {
  const name = options.settings.database;
  const connection = await connectWithRetry(options);
  try {
    // Checked first: a user allowed into one database may not be allowed CREATE DATABASE.
    if (!(await databaseExists(connection, name))) {
      options.log(`creating database ${name}`);
      await connection.query(
        `CREATE DATABASE IF NOT EXISTS ${quoteName(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
    }
    await connection.changeUser({ database: name });
    const lockName = `todo.migrate.${name}`.slice(0, 64);
    const lockSeconds = Math.max(1, Math.ceil(options.timeoutMs / 1000));
    const [lock] = await connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS got', [
      lockName,
      lockSeconds,
    ]);
    if (lock[0]?.got !== 1) throw new Error(`could not take the migration lock ${lockName}`);
    try {
      await migrate(drizzle({ client: connection }), {
        migrationsFolder: options.migrationsFolder,
        migrationsTable: MIGRATIONS_TABLE,
      });
    } finally {
      await connection.query('SELECT RELEASE_LOCK(?)', [lockName]);
    }
    options.log('migrations are up to date');
  } finally {
    await connection.end();
  }
}

async function latestShipped(migrationsFolder: string): Promise<number> {
  const journal = JSON.parse(
    await readFile(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
  ) as { entries: Array<{ when: number }> };
  return Math.max(0, ...journal.entries.map((entry) => entry.when));
}

async function latestApplied(connection: Connection): Promise<number> {
  const [rows] = await connection.query<RowDataPacket[]>(
    `SELECT MAX(created_at) AS latest FROM ${quoteName(MIGRATIONS_TABLE)}`,
  );
  return Number(rows[0]?.latest ?? 0);
}

/**
 * Waits, applying nothing, until every migration shipped in `migrationsFolder` has been
 * applied by someone else (the release's migration Job). For an init container.
 */
export async function waitForMigrations(options: MigratorOptions): Promise<void> {
  const wanted = await latestShipped(options.migrationsFolder);
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    let connection: Connection | undefined;
    try {
      connection = await connectWithRetry(
        { ...options, timeoutMs: Math.max(0, deadline - Date.now()) },
        options.settings.database,
      );
      if ((await latestApplied(connection)) >= wanted) {
        options.log('all migrations are applied');
        return;
      }
      options.log('waiting for migrations to be applied');
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      options.log(`waiting for the schema: ${error instanceof Error ? error.message : error}`);
    } finally {
      await connection?.end().catch(() => {});
    }
    if (Date.now() >= deadline) throw new Error('timed out waiting for migrations');
    await sleep(2000);
  }
}
