import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accountRowSql, tokenFor } from '@todo/harness/accounts';
import { adminQuery, testServerUrl } from '@todo/harness/database-server';
import { type NodeService, startNodeService } from '@todo/harness/node-service';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { K8sObject } from './helm.js';
import { render } from './helm.js';
import { type Container, envOf, find, ofKind, podOf } from './manifests.js';
import { FULLNAME, name } from './names.js';
import { type LocalContainer, materialize } from './pod-env.js';

// The bundled mode's wiring, proven as far as a machine without a cluster allows: the local
// MariaDB (or MySQL) stands in for the StatefulSet's Service. The StatefulSet's own env and
// Secret files make the database user the way the mysql image's entrypoint does; then the
// migration Job, the api's initContainer and the api container run the api build with their
// rendered env and Secret files, and the api serves an account calling it with a token signed
// as web signs them, with the key from web's own rendered file. web's env and files then log
// in to that database and find the account. Substituted, and nothing else: the database host
// and port (the Service becomes the local server), the directory of the mounted files, and the
// api's PORT (a free one: no test relies on a fixed port).

const apiDir = fileURLToPath(new URL('../../api', import.meta.url));
const serverUrl = testServerUrl();
const server = new URL(serverUrl);
/** What api/Dockerfile's ENV adds beneath the pod's environment. */
const IMAGE_ENV = { NODE_ENV: 'production' };
const suffix = `${process.pid}_${Date.now().toString(36)}`;
// A throwaway database and account, named through the chart's own values.
const DATABASE = `chart_wiring_${suffix}`;
const USER = `cw_${suffix}`.slice(0, 32);
/** The account the api serves (its AuthUser row made as signing up in web makes it). */
const ACCOUNT = `chart-wiring-${suffix}`;
/** Where the rendered pods mount their Secrets. */
const MOUNTS = {
  db: '/var/run/secrets/todo/db',
  apiToken: '/var/run/secrets/todo/api-token',
  auth: '/var/run/secrets/todo/auth',
};

const scratch = mkdtempSync(join(tmpdir(), 'todo-wiring-'));
let objects: K8sObject[];
let accountMade = false;
let api: NodeService | undefined;

function containerOf(workload: K8sObject, containerName: string): Container {
  const { spec } = podOf(workload);
  const all: Container[] = [...(spec.initContainers ?? []), ...spec.containers];
  const found = all.find((c) => c.name === containerName);
  if (!found) throw new Error(`${workload.metadata.name} has no container ${containerName}`);
  return found;
}

/** A rendered container set up here, pointed at the local server instead of the Service. */
function localRun(workload: K8sObject, containerName: string): LocalContainer {
  const container = containerOf(workload, containerName);
  const local = materialize(
    workload,
    container,
    ofKind(objects, 'Secret'),
    join(scratch, `${workload.metadata.name}-${containerName}`),
  );
  const env = { ...local.env, DB_HOST: server.hostname, DB_PORT: server.port || '3306' };
  return { ...local, env };
}

/** The key web signs with: the first line of the file its API_TOKEN_KEY_FILE names. */
function signingKey(env: Record<string, string>): string {
  const [first] = readFileSync(env.API_TOKEN_KEY_FILE ?? '', 'utf8').split(/\r?\n/);
  return (first ?? '').trim();
}

/** Names of the variables whose value differs here from the rendered one. */
function substituted(workload: K8sObject, containerName: string): string[] {
  const rendered = envOf(containerOf(workload, containerName));
  const local = localRun(workload, containerName);
  expect(Object.keys(local.env).sort()).toEqual(Object.keys(rendered).sort());
  return Object.keys(rendered)
    .filter((key) => rendered[key] !== local.env[key])
    .sort();
}

/** Runs a rendered command (`node dist/...`) in the api directory, as the image's WORKDIR. */
async function runCommand(
  command: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  const [program, ...args] = command;
  expect(program).toBe('node');
  const child = spawn(process.execPath, args, {
    cwd: apiDir,
    env: { ...IMAGE_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const [code] = await once(child, 'exit');
  return { code: code ?? -1, output };
}

beforeAll(async () => {
  ({ objects } = await render({ database: { name: DATABASE, user: USER } }));
  // What the mysql image's entrypoint makes from MYSQL_DATABASE, MYSQL_USER and the file at
  // MYSQL_PASSWORD_FILE on its first start, read from the StatefulSet as rendered.
  const mysql = localRun(find(objects, 'StatefulSet', name('db')), 'mysql');
  const password = readFileSync(mysql.env.MYSQL_PASSWORD_FILE ?? '', 'utf8').replace(/\n+$/, '');
  const database = mysql.env.MYSQL_DATABASE ?? '';
  const user = mysql.env.MYSQL_USER ?? '';
  expect([database, user]).toEqual([DATABASE, USER]);
  await adminQuery(
    'CREATE DATABASE ??; CREATE USER ?@? IDENTIFIED BY ?; GRANT ALL ON ??.* TO ?@?;',
    [database, user, '%', password, database.replaceAll('_', '\\_'), user, '%'],
    { server: serverUrl },
  );
  accountMade = true;
});

afterAll(async () => {
  await api?.stop();
  if (accountMade) {
    await adminQuery(
      'DROP USER IF EXISTS ?@?; DROP DATABASE IF EXISTS ??;',
      [USER, '%', DATABASE],
      {
        server: serverUrl,
      },
    );
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe('the bundled database wiring, against a local server standing in for its Service', () => {
  it('substitutes only the host, the port and the files: the rest is the rendered env', () => {
    const deployment = find(objects, 'Deployment', name('api'));
    expect(envOf(containerOf(deployment, 'api')).DB_HOST).toBe(name('db'));
    expect(substituted(deployment, 'api').filter((key) => key !== 'DB_PORT')).toEqual([
      'API_TOKEN_KEY_FILE',
      'DB_HOST',
      'DB_PASSWORD_FILE',
    ]);
    expect(localRun(deployment, 'api').mounts).toEqual({
      [MOUNTS.db]: expect.any(String),
      [MOUNTS.apiToken]: expect.any(String),
    });
    // web: the same, plus its own secrets (the Server Actions key comes from its Secret).
    const web = find(objects, 'Deployment', name('web'));
    expect(substituted(web, 'web').filter((key) => key !== 'DB_PORT')).toEqual([
      'API_TOKEN_KEY_FILE',
      'AUTH_SECRET_FILE',
      'DB_HOST',
      'DB_PASSWORD_FILE',
      'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY',
    ]);
    expect(localRun(web, 'web').mounts).toEqual({
      [MOUNTS.db]: expect.any(String),
      [MOUNTS.apiToken]: expect.any(String),
      [MOUNTS.auth]: expect.any(String),
    });
  });

  it('the migration Job migrates with its env and files', async () => {
    const job = find(objects, 'Job', `${FULLNAME}-migrate-1`);
    const result = await runCommand(
      containerOf(job, 'migrate').command ?? [],
      localRun(job, 'migrate').env,
    );
    expect(result.output).toContain('migrations are up to date');
    expect(result.code, result.output).toBe(0);
  });

  it("the api's initContainer then finds every migration applied", async () => {
    const deployment = find(objects, 'Deployment', name('api'));
    const init = containerOf(deployment, 'wait-for-migrations');
    const result = await runCommand(init.command ?? [], localRun(deployment, init.name).env);
    expect(result.output).toContain('all migrations are applied');
    expect(result.code, result.output).toBe(0);
  });

  it("the api serves with its env and files an account whose token web's key signed", async () => {
    const deployment = find(objects, 'Deployment', name('api'));
    const { env } = localRun(deployment, 'api');
    api = await startNodeService({
      name: 'api',
      entry: join(apiDir, 'dist', 'index.js'),
      env,
      probePath: '/readyz',
    });
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    const [accountSql, accountParams] = accountRowSql(ACCOUNT);
    await adminQuery(accountSql, accountParams, { database: DATABASE, server: serverUrl });
    // Signed as web signs: with the first line of the file web's own env names.
    const webKey = signingKey(localRun(find(objects, 'Deployment', name('web')), 'web').env);
    const headers = (token: string) => ({
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    });
    const title = `wired through the chart ${suffix}`;
    const created = await fetch(`${api.url}/v1/tasks`, {
      method: 'POST',
      headers: headers(await tokenFor(ACCOUNT, webKey)),
      body: JSON.stringify({ title }),
    });
    expect(created.status).toBe(201);
    const task = (await created.json()) as { id: number; title: string; status: string };
    expect(task).toMatchObject({ title, status: 'ongoing' });
    const listed = await fetch(`${api.url}/v1/tasks`, {
      headers: headers(await tokenFor(ACCOUNT, webKey)),
    });
    expect(listed.status).toBe(200);
    const { items } = (await listed.json()) as { items: { id: number; title: string }[] };
    expect(items).toContainEqual(expect.objectContaining({ id: task.id, title }));
    // The key is the one that counts: no token, or one signed with any other key, is refused.
    expect((await fetch(`${api.url}/v1/tasks`)).status).toBe(401);
    const otherKey = 'a-key-the-chart-never-rendered-0123456789';
    const forged = await fetch(`${api.url}/v1/tasks`, {
      headers: headers(await tokenFor(ACCOUNT, otherKey)),
    });
    expect(forged.status).toBe(401);
    expect(await api.stop()).toBe(0);
    api = undefined;
  });

  it("web's env and files log in to the database the api serves and find the account", async () => {
    const web = localRun(find(objects, 'Deployment', name('web')), 'web');
    const apiEnv = localRun(find(objects, 'Deployment', name('api')), 'api').env;
    for (const key of ['DB_HOST', 'DB_PORT', 'DB_USER', 'DB_NAME']) {
      expect(web.env[key], key).toBe(apiEnv[key]);
    }
    // The same Secret keys behind the files: byte for byte what the api reads.
    for (const variable of ['DB_PASSWORD_FILE', 'API_TOKEN_KEY_FILE']) {
      expect(readFileSync(web.env[variable] ?? ''), variable).toEqual(
        readFileSync(apiEnv[variable] ?? ''),
      );
    }
    expect(
      readFileSync(web.env.AUTH_SECRET_FILE ?? '', 'utf8').trim().length,
    ).toBeGreaterThanOrEqual(32);
    const connection = await createConnection({
      host: web.env.DB_HOST,
      port: Number(web.env.DB_PORT),
      user: web.env.DB_USER,
      password: readFileSync(web.env.DB_PASSWORD_FILE ?? '', 'utf8').replace(/\n$/, ''),
      database: web.env.DB_NAME,
    });
    try {
      const [rows] = await connection.query<RowDataPacket[]>(
        'SELECT id FROM AuthUser WHERE id = ?',
        [ACCOUNT],
      );
      expect(rows.map((row) => row.id)).toEqual([ACCOUNT]);
    } finally {
      await connection.end();
    }
  });
});
