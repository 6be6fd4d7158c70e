import { randomBytes } from 'node:crypto';
import { bearer, ensureAccount, tokenKeyFile } from '@todo/harness/accounts';
import { freePort } from '@todo/harness/ports';
import type { TestDatabase } from '@todo/harness/test-database';
import type { RowDataPacket } from 'mysql2/promise';
import { imageTag } from './build-images.js';
import type { Checks } from './checks.js';
import type { Background } from './command.js';
import { Container } from './container.js';
import { request, waitUntilOk } from './http-probe.js';
import { asMountedSecret, mountPoint, SECRET_PATHS } from './secret-mounts.js';

export interface RunningApi {
  container: Container;
  server: Background;
  url: string;
  taskTitle: string;
}

// Where the chart mounts the token key; the smoke run mounts the harness's key there.
const TOKEN_KEY_PATH = SECRET_PATHS.apiTokenKey;

const NON_ROOT_USER = /^[1-9][0-9]*(:[0-9]+)?$/;

/** Creates the api container, migrates the scratch database with it, then starts its server. */
export async function startApi(
  database: TestDatabase,
  checks: Checks,
): Promise<{ container: Container; start: () => Promise<RunningApi> }> {
  const container = await Container.create(imageTag('api'), `todo-images-api-${database.name}`);
  const { user } = container.config;
  checks.expect('api image runs as a numeric non-root user', NON_ROOT_USER.test(user), user);
  // The migrator needs the database only, as the chart's migration Job gives it.
  const env = { DATABASE_URL: database.url, MIGRATE_TIMEOUT_SECONDS: '60' };
  const secrets = { [mountPoint(TOKEN_KEY_PATH)]: asMountedSecret(tokenKeyFile()) };

  const start = async (): Promise<RunningApi> => {
    await container.runToCompletion(
      { env, scratch: ['/tmp'], command: ['node', 'dist/migrate.js'] },
      120_000,
    );
    const [counted] = await database.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM Todo');
    checks.expect('migrator created the Todo table', Number(counted?.n) === 0, '');
    await container.runToCompletion(
      { env, scratch: ['/tmp'], command: ['node', 'dist/migrate.js', '--wait'] },
      60_000,
    );
    checks.pass('migrator --wait sees every migration applied');

    const port = await freePort();
    const server = container.start({
      env: { ...env, PORT: String(port), API_TOKEN_KEY_FILE: TOKEN_KEY_PATH },
      scratch: ['/tmp'],
      secrets,
    });
    const url = `http://127.0.0.1:${port}`;
    await waitUntilOk(`${url}/readyz`, server, 60_000);
    checks.pass('api /readyz answers 200');
    await ensureAccount(database.url);
    const unauthenticated = await request(`${url}/v1/tasks`);
    checks.expect('GET /v1/tasks without a token answers 401', unauthenticated.status === 401, '');
    const auth = await bearer();

    const taskTitle = `smoke ${randomBytes(3).toString('hex')}`;
    const created = await request(`${url}/v1/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ title: taskTitle }),
    });
    checks.expect('POST /v1/tasks answers 201', created.status === 201, created.body);
    const task = JSON.parse(created.body) as { title?: unknown; status?: unknown };
    checks.expect('created task echoes its title', task.title === taskTitle, created.body);

    const listed = await request(`${url}/v1/tasks`, { headers: auth });
    const list = JSON.parse(listed.body) as { items?: Array<{ title?: unknown }> };
    const found = list.items?.some((item) => item.title === taskTitle) ?? false;
    checks.expect('GET /v1/tasks lists the created task', found, listed.body.slice(0, 500));
    return { container, server, url, taskTitle };
  };
  return { container, start };
}
