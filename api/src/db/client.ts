import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { createPool, type Pool, type PoolConnection } from 'mysql2/promise';
import type { ConnectionSettings } from '../config.js';
import * as schema from './schema.js';
import { createTransactionRunner, type TransactionRunner } from './write-transaction.js';

/** Plain reads, on a pool of their own. */
export type ReadDatabase = MySql2Database<typeof schema>;

export type PoolName = 'reads' | 'replica' | 'writes' | 'control' | 'feed';
export type PoolStats = { name: PoolName; size: number; busy: number; queued: number };

export type Database = {
  /** Lists and counts: the replica when there is one, otherwise the primary. */
  reads: ReadDatabase;
  /** Reads that must see the latest commit (reading back a write): always the primary. */
  primaryReads: ReadDatabase;
  /** Write transactions on the primary, on connections that reads never wait for. */
  transaction: TransactionRunner;
  /** The change feed, read on the primary (where its events are visible first), on its own pool. */
  feed: ReadDatabase;
  /** Resolves when every endpoint answers a trivial query, whatever the pools are doing. */
  ping(): Promise<void>;
  poolStats(): PoolStats[];
  close(): Promise<void>;
};

export type DatabaseOptions = {
  primary: ConnectionSettings;
  replica: ConnectionSettings | null;
  /** Connections of each pool: reads and writes have one each, so neither starves the other. */
  poolSize: number;
  /** Requests that may wait for a connection of a pool before more are refused as busy. */
  queueLimit?: number;
  /**
   * The longest any request may wait on the database. The server enforces it too, on every
   * kind of lock: a statement that outlives its request never holds a connection for long.
   */
  statementTimeoutMs: number;
  onConnectionError?: (error: Error) => void;
};

// mysql2 keeps its pool bookkeeping on the core pool; these arrays are the only way to see it.
type CorePoolInternals = {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
};

type PoolOptions = { size: number; queueLimit?: number | undefined; sessionSql: string[] };

function openPool(
  settings: ConnectionSettings,
  { size, queueLimit, sessionSql }: PoolOptions,
  onError?: (error: Error) => void,
): Pool {
  const pool = createPool({
    ...settings,
    connectionLimit: size,
    maxIdle: size,
    idleTimeout: 60_000,
    // Requests beyond this are refused at once ("busy"); those within wait for a connection
    // until their deadline.
    queueLimit: queueLimit ?? size * 100,
    connectTimeout: 2_000,
    enableKeepAlive: true,
    charset: 'UTF8MB4_UNICODE_CI',
    timezone: 'Z',
    supportBigNumbers: true,
  });
  // mysql2 runs these before any query of the new connection.
  pool.on('connection', (connection: PoolConnection) => {
    const core = connection as unknown as {
      query: (sql: string, callback: (error: Error | null) => void) => void;
    };
    for (const statement of sessionSql) {
      core.query(statement, (error) => {
        if (error) onError?.(error);
      });
    }
  });
  return pool;
}

function statsOf(name: PoolName, pool: Pool): PoolStats {
  const core = (pool as unknown as { pool: CorePoolInternals }).pool;
  const size = core._allConnections?.length ?? 0;
  const free = core._freeConnections?.length ?? 0;
  return { name, size, busy: size - free, queued: core._connectionQueue?.length ?? 0 };
}

/**
 * Four pools: reads, writes, a small control pool (KILL QUERY, readiness) and a small one for
 * the change feed's poller. Writers stuck
 * behind a lock can take every write connection, yet lists are still served and the pod stays
 * ready while the database answers.
 */
export function createDatabase(options: DatabaseOptions): Database {
  const lockWaitSeconds = Math.max(1, Math.ceil(options.statementTimeoutMs / 1000));
  // DATETIME defaults use the session time zone; UTC keeps every pod's timestamps alike.
  // lock_wait_timeout bounds metadata and table locks (FLUSH TABLES WITH READ LOCK, LOCK
  // TABLES), which innodb_lock_wait_timeout does not; both accept whole seconds only.
  const base = [`SET time_zone = '+00:00', lock_wait_timeout = ${lockWaitSeconds}`];
  // Writers wait a second for a row lock and then retry the transaction (see
  // write-transaction.ts), so a stuck row costs a retry, not the whole deadline, and a
  // second request with the same idempotency key learns within a second that the first is
  // still running. READ COMMITTED: no gap locks, so concurrent inserts do not deadlock.
  const writerSql = [
    `${base[0]}, innodb_lock_wait_timeout = 1`,
    'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED',
  ];
  const { onConnectionError } = options;
  const size = { size: options.poolSize, queueLimit: options.queueLimit };

  const writes = openPool(options.primary, { ...size, sessionSql: writerSql }, onConnectionError);
  const control = openPool(options.primary, { size: 2, sessionSql: base }, onConnectionError);
  const feedPool = openPool(options.primary, { size: 2, sessionSql: base }, onConnectionError);
  const readPool = openPool(
    options.replica ?? options.primary,
    { ...size, sessionSql: base },
    onConnectionError,
  );
  const replica = options.replica ? readPool : null;

  const reads = drizzle({ client: readPool, schema, mode: 'default' });
  // With a replica, reading back a write goes to the primary's write pool: rare, and it must
  // see the commit.
  const primaryReads = replica ? drizzle({ client: writes, schema, mode: 'default' }) : reads;

  const pools: Array<[PoolName, Pool]> = [
    [replica ? 'replica' : 'reads', readPool],
    ['writes', writes],
    ['control', control],
    ['feed', feedPool],
  ];
  return {
    reads,
    primaryReads,
    feed: drizzle({ client: feedPool, schema, mode: 'default' }),
    transaction: createTransactionRunner({
      pool: writes,
      killQuery: async (threadId) => {
        await control.query('KILL QUERY ?', [threadId]);
      },
      onAbandoned: (error) => onConnectionError?.(error as Error),
    }),
    async ping() {
      await Promise.all([control.query('SELECT 1'), replica?.query('SELECT 1')]);
    },
    poolStats: () => pools.map(([name, pool]) => statsOf(name, pool)),
    async close() {
      await Promise.all(pools.map(([, pool]) => pool.end()));
    },
  };
}
