import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isListening, portOrFree } from '../lib/ports.js';
import { WEB_NODE_OPTIONS } from '../lib/web-runtime.js';
import { isStale, runOrExit } from './build.js';
import { chooseDatabase, NO_DATABASE_HELP } from './database.js';

// npm start: build what is stale, pick a database, migrate, run api and web, stop on Ctrl-C.
const root = fileURLToPath(new URL('../..', import.meta.url));
const say = (line: string) => console.log(`[start] ${line}`);

const apiEntry = join(root, 'api/dist/index.js');
const webServer = join(root, 'web/.next/standalone/web/server.js');
const hasWeb = existsSync(join(root, 'web/app'));

if (isStale(apiEntry, [join(root, 'api/src'), join(root, 'api/package.json')])) {
  say('building the api...');
  runOrExit('npm', ['run', 'build', '-w', '@todo/api'], root);
}
if (hasWeb && isStale(webServer, [join(root, 'web'), join(root, 'api/src')])) {
  say('building the web app (a minute or two the first time)...');
  runOrExit('npm', ['run', 'build', '-w', '@todo/web'], root);
}

const database = await chooseDatabase(root, say);
if (!database) {
  console.error(NO_DATABASE_HELP);
  process.exit(1);
}
say(`database: ${database.description}`);

const children: ChildProcess[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  say('stopping...');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    ),
  );
  await database?.owned?.stop();
  say('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

function launch(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] ${name} exited unexpectedly (${signal ?? `code ${code}`})`);
    void stopAll(1);
  });
  children.push(child);
  return child;
}

async function waitForPort(port: number, name: string) {
  const deadline = Date.now() + 30_000;
  while (!(await isListening(port))) {
    if (stopping) return;
    if (Date.now() > deadline) {
      console.error(`[start] ${name} did not start listening on port ${port}`);
      await stopAll(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

say('applying migrations...');
const migrated = spawn(process.execPath, [join(root, 'api/dist/migrate.js')], {
  cwd: root,
  env: { ...process.env, DATABASE_URL: database.url, MIGRATE_TIMEOUT_SECONDS: '30' },
  stdio: 'inherit',
});
const migrateCode = await new Promise<number | null>((done) => migrated.once('exit', done));
if (migrateCode !== 0) {
  console.error('[start] migrations failed');
  await stopAll(1);
}

const apiPort = await portOrFree(Number(process.env.API_PORT ?? 4000));
launch('api', [apiEntry], {
  ...process.env,
  DATABASE_URL: database.url,
  PORT: String(apiPort),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
await waitForPort(apiPort, 'api');
const apiUrl = `http://127.0.0.1:${apiPort}`;

let webUrl: string | null = null;
if (hasWeb && existsSync(webServer)) {
  const webPort = await portOrFree(Number(process.env.WEB_PORT ?? 3000));
  launch('web', [webServer], {
    NODE_OPTIONS: WEB_NODE_OPTIONS,
    ...process.env,
    PORT: String(webPort),
    HOSTNAME: '127.0.0.1',
    API_URL: apiUrl,
    NODE_ENV: 'production',
  });
  await waitForPort(webPort, 'web');
  webUrl = `http://127.0.0.1:${webPort}`;
}

say('Todo is running. Press Ctrl-C to stop.');
if (webUrl) say(`  app: ${webUrl}`);
say(`  api: ${apiUrl}  (OpenAPI: ${apiUrl}/openapi.json)`);
