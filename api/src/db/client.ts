import { type MySQLWithReplicas, withReplicas } from 'drizzle-orm/mysql-core';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { createPool, type Pool, type PoolConnection } from 'mysql2/promise';
import type { ConnectionSettings } from '../config.js';
import * as schema from './schema.js';

type SingleDatabase = MySql2Database<typeof schema>;

/** Reads go to the replica when there is one; `$primary` and transactions to the primary. */
export type AppDatabase = MySQLWithReplicas<SingleDatabase>;

export type PoolStats = { name: 'primary' | 'replica'; size: number; busy: number; queued: number };

export type Database = {
  db: AppDatabase;
  /** Resolves when every endpoint answers a query. */
  ping(): Promise<void>;
  poolStats(): PoolStats[];
  close(): Promise<void>;
};

export type DatabaseOptions = {
  primary: ConnectionSettings;
  replica: ConnectionSettings | null;
  poolSize: number;
  /** Longest a statement may wait for a row lock before the server gives up on it. */
  lockWaitTimeoutSeconds?: number;
  onConnectionError?: (error: Error) => void;
};

// mysql2 keeps its pool bookkeeping on the core pool; these arrays are the only way to see it.
type CorePoolInternals = {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
};

function openPool(settings: ConnectionSettings, options: DatabaseOptions): Pool {
  const pool = createPool({
    ...settings,
    connectionLimit: options.poolSize,
    maxIdle: options.poolSize,
    idleTimeout: 60_000,
    // Requests beyond this wait for a connection; the caller's deadline bounds the wait.
    queueLimit: options.poolSize * 100,
    connectTimeout: 2_000,
    enableKeepAlive: true,
    charset: 'UTF8MB4_UNICODE_CI',
    timezone: 'Z',
    supportBigNumbers: true,
  });
  const lockWait = options.lockWaitTimeoutSeconds ?? 5;
  // DATETIME defaults use the session time zone; UTC keeps every pod's timestamps alike.
  pool.on('connection', (connection: PoolConnection) => {
    const core = connection as unknown as {
      query: (sql: string, callback: (error: Error | null) => void) => void;
    };
    core.query(
      `SET time_zone = '+00:00', innodb_lock_wait_timeout = ${Number(lockWait)}`,
      (error) => {
        if (error) options.onConnectionError?.(error);
      },
    );
  });
  return pool;
}

function statsOf(name: PoolStats['name'], pool: Pool): PoolStats {
  const core = (pool as unknown as { pool: CorePoolInternals }).pool;
  const size = core._allConnections?.length ?? 0;
  const free = core._freeConnections?.length ?? 0;
  return { name, size, busy: size - free, queued: core._connectionQueue?.length ?? 0 };
}

export function createDatabase(options: DatabaseOptions): Database {
  const primaryPool = openPool(options.primary, options);
  const replicaPool = options.replica ? openPool(options.replica, options) : null;
  const primary = drizzle({ client: primaryPool, schema, mode: 'default' });
  const replica = replicaPool ? drizzle({ client: replicaPool, schema, mode: 'default' }) : primary;
  const pools: Array<[PoolStats['name'], Pool]> = [['primary', primaryPool]];
  if (replicaPool) pools.push(['replica', replicaPool]);

  return {
    db: withReplicas(primary, [replica]),
    async ping() {
      await Promise.all(pools.map(([, pool]) => pool.query('SELECT 1')));
    },
    poolStats: () => pools.map(([name, pool]) => statsOf(name, pool)),
    async close() {
      await Promise.all(pools.map(([, pool]) => pool.end()));
    },
  };
}
