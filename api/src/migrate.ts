import { fileURLToPath } from 'node:url';
import { ConfigError, loadPrimary } from './config.js';
import { runMigrations, waitForMigrations } from './db/migrator.js';

// dist/migrate.js and src/migrate.ts both sit two levels below the repo's drizzle/ folder,
// and the api image keeps that layout (/app/api/dist, /app/drizzle).
const migrationsFolder =
  process.env.MIGRATIONS_DIR ?? fileURLToPath(new URL('../../drizzle', import.meta.url));

function timeoutMs(): number {
  const raw = process.env.MIGRATE_TIMEOUT_SECONDS ?? '300';
  if (!/^\d{1,5}$/.test(raw)) {
    throw new ConfigError('MIGRATE_TIMEOUT_SECONDS', 'must be a whole number of seconds');
  }
  return Number(raw) * 1000;
}

async function main() {
  const mode = process.argv[2];
  if (mode !== undefined && mode !== '--wait') {
    console.error(`usage: migrate.js [--wait]  (unknown argument ${mode})`);
    process.exit(2);
  }
  const options = {
    settings: loadPrimary(process.env),
    migrationsFolder,
    timeoutMs: timeoutMs(),
    log: (message: string) =>
      console.log(JSON.stringify({ level: 'info', service: 'todo-migrate', msg: message })),
  };
  if (mode === '--wait') await waitForMigrations(options);
  else await runMigrations(options);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`migration failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
