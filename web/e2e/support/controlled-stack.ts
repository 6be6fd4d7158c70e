import type { NodeService } from '@todo/harness/node-service';
import { startWeb } from '@todo/harness/services';
import {
  ACCOUNT_TEST_ENV,
  accountIdOf,
  type Session,
  signUp,
  useSession,
} from '@todo/harness/sessions';
import { startStack } from '@todo/harness/stack';
import { addTask, removeAllTasks } from '@todo/harness/task-client';
import { createTestDatabase } from '@todo/harness/test-database';
import mysql from 'mysql2/promise';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { newPage } from './browser';

/**
 * A stack (throwaway database, the real api, the production web build) whose failures the test
 * makes itself, for real: a table lock held from another connection on this stack's own
 * database (so no other test is touched), or the api process stopped with SIGSTOP, which
 * accepts connections and never answers. The web's API_TIMEOUT_MS is short, so a test waits
 * seconds, not minutes; the api is told its budget by the web (Request-Timeout-Ms). The file's
 * tests act as one account, signed up through the web's own form.
 */
export type ControlledStack = {
  webUrl: string;
  apiUrl: string;
  databaseUrl: string;
  /** The file's account: its session (the cookie for raw requests) and id. */
  session: Session;
  accountId: string;
  /** A browser page signed in as the file's account. */
  newPage: (browser: Browser, options?: BrowserContextOptions) => ReturnType<typeof newPage>;
  /** Another web server on the same api, with its own environment (e.g. TRUST_PROXY_HEADERS). */
  startWeb: (env: Record<string, string>) => Promise<NodeService>;
  /** Locks the tables a write needs from another connection; resolves to the release. */
  lockTables: (statement: TableLock) => Promise<() => Promise<void>>;
  pauseApi: () => void;
  resumeApi: () => void;
  stopApi: () => Promise<void>;
  startApi: () => Promise<void>;
  /** The account's tasks as the database holds them, oldest first. */
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
  const webEnv = { API_TIMEOUT_MS: String(options.apiTimeoutMs), ...ACCOUNT_TEST_ENV };
  const stack = await startStack({ database, web: { env: webEnv } });
  const session = await signUp(stack.webUrl);
  const accountId = await accountIdOf(database.url, session.email);
  const webs: NodeService[] = [];
  const pool = mysql.createPool({ uri: database.url, connectionLimit: 4 });
  const api = () => stack.api()?.child;

  return {
    webUrl: stack.webUrl,
    apiUrl: stack.apiUrl,
    databaseUrl: database.url,
    session,
    accountId,
    newPage: async (browser, contextOptions) => {
      const opened = await newPage(browser, contextOptions);
      await useSession(opened.context, stack.webUrl, session);
      return opened;
    },
    startWeb: async (env) => {
      const web = await startWeb({
        apiUrl: stack.apiUrl,
        databaseUrl: database.url,
        env: { ...webEnv, ...env },
      });
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
      const [rows] = await pool.query(
        'SELECT task AS title, status FROM Todo WHERE owner_id = ? ORDER BY task_id',
        [accountId],
      );
      return rows as Array<{ title: string; status: string }>;
    },
    seed: async (titles) => {
      for (const title of titles) await addTask(stack.apiUrl, title, accountId);
    },
    resetTasks: () => removeAllTasks(stack.apiUrl, accountId),
    stop: async () => {
      api()?.kill('SIGCONT');
      await Promise.all(webs.map((each) => each.stop()));
      await pool.end();
      await stack.stop();
    },
  };
}
