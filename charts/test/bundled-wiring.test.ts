import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Moving to harness/ (issue 10); the integrator repoints these imports.
import { adminSql } from '../../scripts/lib/admin-sql.js';
import { type NodeService, startNodeService } from '../../scripts/lib/node-service.js';
import type { K8sObject } from './helm.js';
import { render } from './helm.js';
import { type Container, envOf, find, ofKind, podOf } from './manifests.js';
import { FULLNAME, name } from './names.js';
import { type LocalContainer, materialize } from './pod-env.js';

// The bundled mode's wiring, proven as far as a machine without a cluster allows: the local
// MariaDB (or MySQL) stands in for the StatefulSet's Service. The StatefulSet's own env and
// Secret files make the account the way the mysql image's entrypoint does; then the migration
// Job, the api's initContainer and the api container run the api build with their rendered
// env and Secret files. Substituted, and nothing else: the database host and port (the
// Service becomes the local server), the directory of the mounted files, and the api's PORT
// (a free one: no test relies on a fixed port).

const apiDir = fileURLToPath(new URL('../../api', import.meta.url));
const serverUrl = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
const server = new URL(serverUrl);
/** What api/Dockerfile's ENV adds beneath the pod's environment. */
const IMAGE_ENV = { NODE_ENV: 'production' };
const suffix = `${process.pid}_${Date.now().toString(36)}`;
// A throwaway database and account, named through the chart's own values.
const DATABASE = `chart_wiring_${suffix}`;
const USER = `cw_${suffix}`.slice(0, 32);

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
  await adminSql(
    serverUrl,
    format('CREATE DATABASE ??; CREATE USER ?@? IDENTIFIED BY ?; GRANT ALL ON ??.* TO ?@?;', [
      database,
      user,
      '%',
      password,
      database.replaceAll('_', '\\_'),
      user,
      '%',
    ]),
  );
  accountMade = true;
});

afterAll(async () => {
  await api?.stop();
  if (accountMade) {
    await adminSql(
      serverUrl,
      format('DROP USER IF EXISTS ?@?; DROP DATABASE IF EXISTS ??;', [USER, '%', DATABASE]),
    );
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe('the bundled database wiring, against a local server standing in for its Service', () => {
  it('substitutes only the host, the port and the files: the rest is the rendered env', () => {
    const deployment = find(objects, 'Deployment', name('api'));
    const rendered = envOf(containerOf(deployment, 'api'));
    const local = localRun(deployment, 'api');
    expect(rendered.DB_HOST).toBe(name('db'));
    const changed = Object.keys(rendered).filter((key) => rendered[key] !== local.env[key]);
    expect(changed.filter((key) => key !== 'DB_PORT').sort()).toEqual([
      'DB_HOST',
      'DB_PASSWORD_FILE',
    ]);
    expect(Object.keys(local.env).sort()).toEqual(Object.keys(rendered).sort());
    expect(local.mounts).toEqual({ '/var/run/secrets/todo/db': expect.any(String) });
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

  it('the api serves with its env and files: ready, and a task written and read back', async () => {
    const deployment = find(objects, 'Deployment', name('api'));
    const { env } = localRun(deployment, 'api');
    api = await startNodeService({
      name: 'api',
      entry: join(apiDir, 'dist', 'index.js'),
      env,
      probePath: '/readyz',
    });
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    const title = `wired through the chart ${suffix}`;
    const created = await fetch(`${api.url}/v1/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    expect(created.status).toBe(201);
    const task = (await created.json()) as { id: number; title: string; status: string };
    expect(task).toMatchObject({ title, status: 'ongoing' });
    const listed = await fetch(`${api.url}/v1/tasks`);
    expect(listed.status).toBe(200);
    const { items } = (await listed.json()) as { items: { id: number; title: string }[] };
    expect(items).toContainEqual(expect.objectContaining({ id: task.id, title }));
    expect(await api.stop()).toBe(0);
    api = undefined;
  });
});
