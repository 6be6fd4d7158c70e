import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { type NodeService, startNodeService } from '../../../scripts/lib/node-service';
import { apiEntry, apiMigrator, webServerEntry } from './paths';
import { freePort } from './processes';

const run = promisify(execFile);
const SERVER_URL = 'mysql://root@127.0.0.1:3306';

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
  const database = `todo_web_e2e_${randomBytes(4).toString('hex')}`;
  const databaseUrl = `${SERVER_URL}/${database}`;
  await run(process.execPath, [apiMigrator], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
  });
  const apiPort = await freePort();
  const apiEnv = { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
  const startApiService = () =>
    startNodeService({
      name: 'api',
      entry: apiEntry,
      port: apiPort,
      env: apiEnv,
      probePath: '/readyz',
    });
  let api: NodeService | undefined = await startApiService();
  const apiUrl = api.url;
  const webs: NodeService[] = [];
  const startWeb = async (env: Record<string, string>) => {
    const web = await startNodeService({
      name: 'web',
      entry: webServerEntry,
      env: { API_URL: apiUrl, API_TIMEOUT_MS: String(options.apiTimeoutMs), ...env },
      probePath: '/healthz',
    });
    webs.push(web);
    return web;
  };
  const web = await startWeb({});
  const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: 4 });

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  };

  return {
    webUrl: web.url,
    apiUrl,
    startWeb,
    lockTables: async (kind) => {
      const connection = await mysql.createConnection(databaseUrl);
      await connection.query(LOCKS[kind]);
      return async () => {
        await connection.query('UNLOCK TABLES');
        await connection.end();
      };
    },
    pauseApi: () => api?.child.kill('SIGSTOP'),
    resumeApi: () => api?.child.kill('SIGCONT'),
    stopApi: async () => {
      await api?.stop();
      api = undefined;
    },
    startApi: async () => {
      api ??= await startApiService();
    },
    rows: async () => {
      const [rows] = await pool.query('SELECT task AS title, status FROM Todo ORDER BY task_id');
      return rows as Array<{ title: string; status: string }>;
    },
    seed: async (titles) => {
      for (const title of titles) await call('POST', '/v1/tasks', { title });
    },
    resetTasks: async () => {
      await call('PATCH', '/v1/tasks', { status: 'completed' });
      await call('DELETE', '/v1/tasks?status=completed');
    },
    stop: async () => {
      api?.child.kill('SIGCONT');
      await Promise.all(webs.map((each) => each.stop()));
      await api?.stop();
      await pool.end();
      const connection = await mysql.createConnection(SERVER_URL);
      await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await connection.end();
    },
  };
}
