import { authSchema } from '@todo/api/auth-schema';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { createPool, type Pool, type PoolConnection } from 'mysql2/promise';
import { type DatabaseSettings, databaseSettings } from './settings';

export type AuthDatabase = MySql2Database<typeof authSchema>;

type Opened = { pool: Pool; db: AuthDatabase };

/**
 * This app's own small pool on the api's database: Better Auth's users, sessions and rate
 * limiter, and the revoked sessions (revocations.ts). Nothing here touches the tasks; those
 * are the api's.
 */
export function openAuthDatabase(settings: DatabaseSettings): Opened {
  const pool = createPool({
    host: settings.host,
    port: settings.port,
    user: settings.user,
    password: settings.password,
    database: settings.database,
    connectionLimit: settings.poolSize,
    maxIdle: settings.poolSize,
    idleTimeout: 60_000,
    queueLimit: settings.poolSize * 50,
    connectTimeout: 2_000,
    enableKeepAlive: true,
    charset: 'UTF8MB4_UNICODE_CI',
    timezone: 'Z',
  });
  // UTC, as the api's sessions: DATETIME columns hold the same instants whoever writes them.
  // Lock waits are bounded so that a locked table turns into an error, not a hung page.
  pool.on('connection', (connection: PoolConnection) => {
    const core = connection as unknown as {
      query: (sql: string, callback: (error: Error | null) => void) => void;
    };
    core.query(
      "SET time_zone = '+00:00', lock_wait_timeout = 5, innodb_lock_wait_timeout = 5",
      (error) => {
        if (error) console.error(`web: setting up a database connection failed: ${error.message}`);
      },
    );
  });
  return { pool, db: drizzle({ client: pool, schema: authSchema, mode: 'default' }) };
}

// proxy.ts and the routes are bundled apart; they share one pool per process.
const POOL_KEY = Symbol.for('todo.web.authDatabase');

function opened(): Opened {
  const store = globalThis as Record<symbol, unknown>;
  let current = store[POOL_KEY] as Opened | undefined;
  if (!current) {
    current = openAuthDatabase(databaseSettings());
    store[POOL_KEY] = current;
  }
  return current;
}

/** The process's pool, opened on first use. */
export function authDatabase(): AuthDatabase {
  return opened().db;
}

/** Closes the pool (tests and scripts; the server keeps it for its whole life). */
export async function closeAuthDatabase(): Promise<void> {
  const store = globalThis as Record<symbol, unknown>;
  const current = store[POOL_KEY] as Opened | undefined;
  store[POOL_KEY] = undefined;
  await current?.pool.end();
}
