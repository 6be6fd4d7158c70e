import { parseTokenKey } from './api/token-key';
import { parseAuthSettings } from './auth/settings';
import { ConfigError, parseConfig } from './config';
import { parseDatabaseSettings } from './db/settings';
import type { ReadFile } from './secret-file';

type Env = Record<string, string | undefined>;

/**
 * Every setting the server reads at run time, checked in one go: the message naming the first
 * bad one (`invalid AUTH_SECRET_FILE: is required`), or null when all are good. Nothing is
 * connected to: the database pool opens with the first request that needs it.
 */
export function badSetting(env: Env, readFile?: ReadFile): string | null {
  try {
    parseConfig(env);
    parseTokenKey(env, readFile);
    parseDatabaseSettings(env, readFile);
    parseAuthSettings(env, readFile);
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

/**
 * Stops the process with one line naming a bad setting, instead of failing every page later.
 * start.ts calls it before Next listens, so a bad setting never binds the port; the
 * instrumentation hook calls it too, for a server started another way (`next start`).
 */
export function exitOnBadSetting(env: Env): void {
  const problem = badSetting(env);
  if (problem === null) return;
  console.error(`web: ${problem}`);
  process.exit(1);
}
