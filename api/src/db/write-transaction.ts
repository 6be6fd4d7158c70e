import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import type { Pool, PoolConnection, QueryOptions } from 'mysql2/promise';
import { type Deadline, timer } from './deadline.js';
import {
  DatabaseError,
  isDatabaseError,
  isDeadlock,
  isLockWaitTimeout,
  isQueueFull,
} from './errors.js';

/** The statements of one transaction; a write's work sees nothing else of the database. */
export type WriteDatabase = MySql2Database;

export type TransactionRunner = <T>(
  deadline: Deadline,
  work: (tx: WriteDatabase) => Promise<T>,
) => Promise<T>;

export type TransactionRunnerOptions = {
  pool: Pool;
  /** Ends the statement running on this server thread (`KILL QUERY`), from another connection. */
  killQuery: (threadId: number) => Promise<void>;
  /** How long a statement may take to stop after being killed before its connection is cut. */
  stopGraceMs?: number;
  onAbandoned?: (problem: unknown) => void;
};

class GateClosedError extends Error {
  constructor() {
    super('the transaction passed its deadline; no further statement may run');
    this.name = 'GateClosedError';
  }
}

/**
 * Stands between Drizzle and one connection: once closed, no statement reaches the server,
 * and it knows whether one is running (the only time a KILL QUERY has anything to stop).
 */
class StatementGate {
  closed = false;
  running = 0;

  constructor(private readonly connection: PoolConnection) {}

  private guard<A extends unknown[], R>(send: (...args: A) => Promise<R>) {
    return (...args: A): Promise<R> => {
      if (this.closed) return Promise.reject(new GateClosedError());
      this.running++;
      const sent = send(...args);
      const done = () => {
        this.running--;
      };
      sent.then(done, done);
      return sent;
    };
  }

  /** What Drizzle is given as its mysql2 client: `query` and `execute` are all it calls. */
  readonly client = {
    query: this.guard((sql: string | QueryOptions, values?: unknown) =>
      this.connection.query(sql as QueryOptions, values as never),
    ),
    execute: this.guard((sql: string | QueryOptions, values?: unknown) =>
      this.connection.execute(sql as QueryOptions, values as never),
    ),
  };
}

const EXPIRED = Symbol('expired');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Write transactions that keep the promise of a 503: when the deadline passes before COMMIT
 * was sent, the answer is "not written" and it stays true. COMMIT is never sent after the
 * deadline; the statement still running is killed on the server (KILL QUERY from another
 * connection) and the transaction rolled back, or, when the server cannot be reached, the
 * connection is cut, which rolls it back just as surely. Only a deadline (or a lost
 * connection) during COMMIT itself leaves the outcome unknown, and that is what the answer
 * then says. Deadlock victims and lock waits are retried while time remains.
 */
export function createTransactionRunner(options: TransactionRunnerOptions): TransactionRunner {
  const { pool, killQuery } = options;
  const stopGraceMs = options.stopGraceMs ?? 1000;
  const report = options.onAbandoned ?? (() => {});

  /** Ends a connection's business after its request was answered: rolled back, or cut. */
  async function putBack(connection: PoolConnection, clean: boolean) {
    if (!clean) {
      connection.destroy();
      return;
    }
    try {
      await connection.query('ROLLBACK');
      connection.release();
    } catch {
      connection.destroy();
    }
  }

  async function stopAfterDeadline(
    connection: PoolConnection,
    gate: StatementGate,
    run: Promise<unknown>,
  ) {
    const settled = run.then(
      () => true,
      () => true,
    );
    if (gate.running > 0) {
      await Promise.race([killQuery(connection.threadId), sleep(stopGraceMs)]).catch(report);
    }
    const stopped = await Promise.race([settled, sleep(stopGraceMs).then(() => false)]);
    // A statement that would not stop (the server is paused, say) has its connection cut:
    // the server rolls back what the connection left open as soon as it notices.
    await putBack(connection, stopped);
  }

  async function attempt<T>(deadline: Deadline, work: (tx: WriteDatabase) => Promise<T>) {
    const clock = timer(deadline.remainingMs());
    // Shared with the work below, which moves it along while this function waits.
    const state: {
      phase: 'acquire' | 'open' | 'commit';
      connection?: PoolConnection;
      gate?: StatementGate;
      abandoned: boolean;
    } = { phase: 'acquire', abandoned: false };

    const run = (async () => {
      const acquired = await pool.getConnection();
      if (state.abandoned) {
        acquired.release();
        throw new GateClosedError();
      }
      const gate = new StatementGate(acquired);
      Object.assign(state, { connection: acquired, gate, phase: 'open' });
      await gate.client.query('START TRANSACTION');
      const result = await work(drizzle({ client: gate.client as unknown as PoolConnection }));
      // The gate: past the deadline the answer "not written" may already be on its way.
      if (state.abandoned) throw new GateClosedError();
      gate.closed = true;
      state.phase = 'commit';
      await acquired.query('COMMIT');
      return result;
    })();

    try {
      const winner = await Promise.race([run, clock.expired.then(() => EXPIRED)]);
      const { connection, gate } = state;
      if (winner !== EXPIRED) {
        connection?.release();
        return winner as T;
      }
      state.abandoned = true;
      if (state.phase === 'commit') {
        run.then(
          () => connection?.release(),
          () => connection?.destroy(),
        );
        throw new DatabaseError('outcome-unknown', 'the deadline passed during COMMIT');
      }
      if (connection && gate) {
        gate.closed = true;
        void stopAfterDeadline(connection, gate, run).catch(report);
      } else {
        run.catch(() => {});
      }
      throw new DatabaseError('not-written', 'the database did not finish in time');
    } catch (error) {
      if (error instanceof DatabaseError) throw error;
      const { connection } = state;
      if (state.phase === 'commit') {
        // The connection failed while COMMIT was on its way: it may have happened or not.
        connection?.destroy();
        throw new DatabaseError('outcome-unknown', 'the connection failed during COMMIT', {
          cause: error,
        });
      }
      if (connection) await putBack(connection, !isFatal(error));
      throw error;
    } finally {
      clock.cancel();
    }
  }

  return async (deadline, work) => {
    for (let tried = 1; ; tried++) {
      if (deadline.remainingMs() === 0) {
        throw new DatabaseError('not-written', 'the database did not finish in time');
      }
      try {
        return await attempt(deadline, work);
      } catch (error) {
        if (error instanceof DatabaseError) throw error;
        if (isQueueFull(error)) {
          throw new DatabaseError('busy', 'too many requests wait for the database', {
            cause: error,
          });
        }
        if (!isDatabaseError(error)) throw error;
        if (!isDeadlock(error) && !isLockWaitTimeout(error)) {
          throw new DatabaseError('not-written', 'the write failed', { cause: error });
        }
        // Writers that collided once collide again if they retry in step: back off, with jitter.
        await sleep(Math.random() * Math.min(200, 10 * 2 ** tried));
      }
    }
  };
}

/** An error after which the connection is no use (mysql2 marks them fatal). */
function isFatal(error: unknown): boolean {
  return error instanceof Error && (error as { fatal?: unknown }).fatal === true;
}
