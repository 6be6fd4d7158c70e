import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { type ConnectionSettings, parseDatabaseUrl } from '../../src/config.js';
import { createDatabase, type Database } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrator.js';

export const serverUrl = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
export const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));

export function settingsFor(database: string): ConnectionSettings {
  return parseDatabaseUrl('TEST_DATABASE_URL', `${serverUrl.replace(/\/$/, '')}/${database}`);
}

export function urlFor(settings: ConnectionSettings): string {
  const auth = settings.password
    ? `${encodeURIComponent(settings.user)}:${encodeURIComponent(settings.password)}`
    : encodeURIComponent(settings.user);
  return `mysql://${auth}@${settings.host}:${settings.port}/${settings.database}`;
}

/** Runs SQL as the test server's admin user, outside any app code. */
export async function adminQuery<T extends RowDataPacket[]>(
  sql: string,
  params: unknown[] = [],
  database?: string,
): Promise<T> {
  const { database: _, ...server } = settingsFor('mysql');
  const connection = await createConnection({ ...server, database, multipleStatements: true });
  try {
    const [rows] = await connection.query<T>(sql, params);
    return rows;
  } finally {
    await connection.end();
  }
}

export type TestDatabase = {
  name: string;
  settings: ConnectionSettings;
  url: string;
  /** Opens an app-side Database; closed by drop(). */
  open(options?: {
    replica?: ConnectionSettings;
    poolSize?: number;
    queueLimit?: number;
  }): Database;
  query<T extends RowDataPacket[]>(sql: string, params?: unknown[]): Promise<T>;
  drop(): Promise<void>;
};

/** A fresh, uniquely named database; migrated unless asked not to be. */
export async function createTestDatabase(
  options: { migrate?: boolean; prefix?: string } = {},
): Promise<TestDatabase> {
  const name = `${options.prefix ?? 'todo_test'}_${randomBytes(4).toString('hex')}`;
  const settings = settingsFor(name);
  await adminQuery(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  if (options.migrate !== false) {
    await runMigrations({ settings, migrationsFolder, timeoutMs: 10_000, log: () => {} });
  }
  const opened: Database[] = [];
  return {
    name,
    settings,
    url: urlFor(settings),
    open(openOptions = {}) {
      const database = createDatabase({
        primary: settings,
        replica: openOptions.replica ?? null,
        poolSize: openOptions.poolSize ?? 10,
        ...(openOptions.queueLimit === undefined ? {} : { queueLimit: openOptions.queueLimit }),
        statementTimeoutMs: 5000,
      });
      opened.push(database);
      return database;
    },
    query: (sql, params) => adminQuery(sql, params, name),
    async drop() {
      await Promise.all(opened.map((database) => database.close()));
      await adminQuery(`DROP DATABASE IF EXISTS \`${name}\``);
    },
  };
}
