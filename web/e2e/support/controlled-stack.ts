import type { NodeService } from '@todo/harness/node-service';
import { startWeb } from '@todo/harness/services';
import { startStack } from '@todo/harness/stack';
import { addTask, removeAllTasks } from '@todo/harness/task-client';
import { createTestDatabase } from '@todo/harness/test-database';
import mysql from 'mysql2/promise';

/**
 * A stack (throwaway database, the real api, the production web build) whose failures the test
 * makes itself, for real: a table lock held from another connection on this stack's own
 * database (so no other test is touched), or the api process stopped with SIGSTOP, which
 * accepts connections and never answers. The web's API_TIMEOUT_MS is short, so a test waits
 * seconds, not minutes; the api is told its budget by the web (Request-Timeout-Ms).
 */
export type ControlledStack = {
  webUrl: string;
  apiUrl: string;
  /** Another web server on the same api, with its own environment (e.g. TRUST_PROXY_HEADERS). */
  startWeb: (env: Record<string, string>) => Promise<NodeService>;
  /** Locks the tables a write needs from another connection; resolves to the release. */
  lockTables: (statement: TableLock) => Promise<() => Promise<void>>;
  pauseApi: () => void;
  resumeApi: () => void;
  stopApi: () => Promise<void>;
  startApi: () => Promise<void>;
  /** The tasks as the database holds them, oldest first. */
  rows: () => Promise<Array<{ title: string; status: string }>>;
  seed: (titles: string[]) => Promise<void>;
  resetTasks: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * `read`: writes wait, reads are served (a backup's lock). `write`: reads wait too (a schema
 * change's). Both name only this app's tables, on this stack's database.
 */
export type TableLock = 'read' | 'write';

const LOCKS: Record<TableLock, string> = {
  read: 'FLUSH TABLES Todo, TodoCounter WITH READ LOCK',
  write: 'LOCK TABLES Todo WRITE',
};

export async function startControlledStack(options: {
  apiTimeoutMs: number;
}): Promise<ControlledStack> {
  const database = await createTestDatabase({ prefix: 'todo_web_e2e' });
  const webEnv = { API_TIMEOUT_MS: String(options.apiTimeoutMs) };
  const stack = await startStack({ database, web: { env: webEnv } });
  const webs: NodeService[] = [];
  const pool = mysql.createPool({ uri: database.url, connectionLimit: 4 });
  const api = () => stack.api()?.child;

  return {
    webUrl: stack.webUrl,
    apiUrl: stack.apiUrl,
    startWeb: async (env) => {
      const web = await startWeb({ apiUrl: stack.apiUrl, env: { ...webEnv, ...env } });
      webs.push(web);
      return web;
    },
    lockTables: async (kind) => {
      const connection = await mysql.createConnection(database.url);
      await connection.query(LOCKS[kind]);
      return async () => {
        await connection.query('UNLOCK TABLES');
        await connection.end();
      };
    },
    pauseApi: () => api()?.kill('SIGSTOP'),
    resumeApi: () => api()?.kill('SIGCONT'),
    stopApi: () => stack.stopApi(),
    startApi: () => stack.startApi(),
    rows: async () => {
      const [rows] = await pool.query('SELECT task AS title, status FROM Todo ORDER BY task_id');
      return rows as Array<{ title: string; status: string }>;
    },
    seed: async (titles) => {
      for (const title of titles) await addTask(stack.apiUrl, title);
    },
    resetTasks: () => removeAllTasks(stack.apiUrl),
    stop: async () => {
      api()?.kill('SIGCONT');
      await Promise.all(webs.map((each) => each.stop()));
      await pool.end();
      await stack.stop();
    },
  };
}
