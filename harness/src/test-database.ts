import { randomBytes } from 'node:crypto';
import type { RowDataPacket } from 'mysql2/promise';
import type { ConnectionSettings } from '../../api/src/config.js';
import { createDatabase, type Database } from '../../api/src/db/client.js';
import { adminQuery, settingsFor, testServerUrl, urlFor } from './database-server.js';
import { migrate } from './migrations.js';

export { migrationsFolder } from './migrations.js';

export type TestDatabase = {
  name: string;
  settings: ConnectionSettings;
  url: string;
  /** Opens an app-side Database (the api's pools); closed by drop(). */
  open(options?: {
    replica?: ConnectionSettings;
    poolSize?: number;
    queueLimit?: number;
  }): Database;
  /** Runs SQL in this database as the admin user. */
  query<T extends RowDataPacket[]>(sql: string, params?: unknown[]): Promise<T>;
  drop(): Promise<void>;
};

export type TestDatabaseOptions = {
  /** Apply the migrations (default true). */
  migrate?: boolean;
  /** Create it at all (default true); `false` only reserves a name for a migrator to create. */
  create?: boolean;
  prefix?: string;
  /** The server (default `TEST_DATABASE_URL`). */
  server?: string;
};

/** A fresh, uniquely named database on the test server; migrated unless asked not to be. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const server = options.server ?? testServerUrl();
  const name = `${options.prefix ?? 'todo_test'}_${randomBytes(4).toString('hex')}`;
  const settings = settingsFor(name, server);
  if (options.create !== false) {
    await adminQuery(
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      [],
      { server },
    );
    if (options.migrate !== false) await migrate(settings);
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
        statementTimeoutMs: 5000,
        ...(openOptions.queueLimit === undefined ? {} : { queueLimit: openOptions.queueLimit }),
      });
      opened.push(database);
      return database;
    },
    query: (sql, params) => adminQuery(sql, params, { database: name, server }),
    async drop() {
      await Promise.all(opened.map((database) => database.close()));
      await adminQuery(`DROP DATABASE IF EXISTS \`${name}\``, [], { server });
    },
  };
}
