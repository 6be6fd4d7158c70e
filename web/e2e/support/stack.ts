import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { apiEntry, apiMigrator, webServerEntry } from './paths';
import { freePort, type Service, startService } from './processes';

const run = promisify(execFile);
const SERVER_URL = 'mysql://root@127.0.0.1:3306';

/**
 * A throwaway database, the real api on it and the production web build in front, each on a
 * free port. The api can be stopped and started again on the same port mid-test.
 */
export type Stack = {
  webUrl: string;
  apiUrl: string;
  stopApi: () => Promise<void>;
  startApi: () => Promise<void>;
  /** Empties the list through the api. */
  resetTasks: () => Promise<void>;
  /** Adds tasks through the api, in order. */
  seed: (titles: string[]) => Promise<void>;
  stop: () => Promise<void>;
};

export async function startStack(): Promise<Stack> {
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
  let api: Service | undefined = await startService('api', apiEntry, apiPort, apiEnv, '/readyz');
  const apiUrl = api.url;
  const web = await startService(
    'web',
    webServerEntry,
    await freePort(),
    { API_URL: apiUrl, API_TIMEOUT_MS: '10000' },
    '/healthz',
  );

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
    stopApi: async () => {
      await api?.stop();
      api = undefined;
    },
    startApi: async () => {
      api ??= await startService('api', apiEntry, apiPort, apiEnv, '/readyz');
    },
    resetTasks: async () => {
      await call('PATCH', '/v1/tasks', { status: 'completed' });
      await call('DELETE', '/v1/tasks?status=completed');
    },
    seed: async (titles) => {
      for (const title of titles) await call('POST', '/v1/tasks', { title });
    },
    stop: async () => {
      await web.stop();
      await api?.stop();
      const connection = await mysql.createConnection(SERVER_URL);
      await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await connection.end();
    },
  };
}
