import { readFileSync } from 'node:fs';
import { ConfigError } from './config';

/** How a setting's file is read; tests pass their own. */
export type ReadFile = (path: string) => string;

export const readUtf8: ReadFile = (path) => readFileSync(path, 'utf8');

/**
 * The text of a mounted Secret named by `variable` (`AUTH_SECRET_FILE`, say), without the
 * trailing newline such files usually end with. A missing or unreadable file stops the server
 * with one line naming the variable.
 */
export function readSecretFile(
  variable: string,
  env: Record<string, string | undefined>,
  readFile: ReadFile,
  what: string,
): string {
  const path = env[variable]?.trim();
  if (!path) throw new ConfigError(`invalid ${variable}: is required (${what})`);
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`invalid ${variable}: cannot be read (${reason})`);
  }
  return text.replace(/\r?\n$/, '');
}
