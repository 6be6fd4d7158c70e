import { ensureBuilt } from '@todo/harness/build';
import { migrate } from '@todo/harness/migrations';
import { repoRoot } from '@todo/harness/paths';
import { portOrFree } from '@todo/harness/ports';
import { startStack } from '@todo/harness/stack';
import { chooseDatabase, NO_DATABASE_HELP } from './database.js';
import { localSecrets } from './secrets.js';

// npm start: build what is stale, pick a database, migrate, run api and web, stop on Ctrl-C.
const say = (line: string) => console.log(`[start] ${line}`);

ensureBuilt({ web: true, log: say });

const database = await chooseDatabase(repoRoot, say);
if (!database) {
  console.error(NO_DATABASE_HELP);
  process.exit(1);
}
say(`database: ${database.description}`);

/** Migrates, then starts api and web on the preferred ports (or free ones when those are busy). */
async function startApp(url: string) {
  say('applying migrations...');
  await migrate(url, { timeoutMs: 30_000, log: say });
  // The user's own settings (LOG_LEVEL, DB_POOL_SIZE, NODE_OPTIONS...) reach both servers,
  // with the secrets of accounts, made once under .data/secrets/ unless the user names files.
  const env = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    ),
    ...localSecrets(repoRoot, process.env, say),
  };
  return startStack({
    database: url,
    api: { port: await portOrFree(Number(process.env.API_PORT ?? 4000)), env },
    // Without PUBLIC_URL, web takes the origin it is reached at (127.0.0.1 or localhost).
    web: { port: await portOrFree(Number(process.env.WEB_PORT ?? 3000)), env, publicUrl: false },
    output: 'inherit',
    // A real database: no test account in it; the first visit offers to sign up.
    testAccount: false,
  });
}

let app: Awaited<ReturnType<typeof startApp>> | undefined;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  say('stopping...');
  await app?.stop();
  await database?.owned?.stop();
  say('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  app = await startApp(database.url);
} catch (error) {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}
if (app) {
  for (const service of [app.api(), app.web]) {
    void service?.exited.then((code) => {
      if (stopping) return;
      console.error(`[start] ${service.name} exited unexpectedly (code ${code})`);
      void stopAll(1);
    });
  }
  say('Todo is running. Press Ctrl-C to stop.');
  say(`  app: ${app.webUrl}  (the first visit offers to create an account)`);
  say(`  api: ${app.apiUrl}  (OpenAPI: ${app.apiUrl}/openapi.json)`);
}
