import { type ConnectionSettings, parseDatabaseUrl } from '../../api/src/config.js';
import { runMigrations } from '../../api/src/db/migrator.js';
import { migrationsFolder } from './paths.js';

export { migrationsFolder };

/**
 * Applies the shipped migrations with the api's own migrator (the code its image runs as the
 * chart's migration Job), creating the database when it is missing.
 */
export async function migrate(
  database: string | ConnectionSettings,
  options: { timeoutMs?: number; log?: (line: string) => void } = {},
): Promise<void> {
  const settings =
    typeof database === 'string' ? parseDatabaseUrl('DATABASE_URL', database) : database;
  await runMigrations({
    settings,
    migrationsFolder,
    timeoutMs: options.timeoutMs ?? 10_000,
    log: options.log ?? (() => {}),
  });
}
