import { join } from 'node:path';
import { chooseDatabaseServer } from '@todo/harness/database-choice';
import type { PrivateDatabase } from '@todo/harness/private-database';

export type ChosenDatabase = {
  /** Full URL including the `todo` database. */
  url: string;
  description: string;
  /** Set when this script started the server and must stop it. */
  owned: PrivateDatabase | null;
};

export const NO_DATABASE_HELP = [
  'No MySQL-compatible database found. Either:',
  '  - set DATABASE_URL=mysql://user:password@host:3306/todo, or',
  '  - run MariaDB or MySQL on 127.0.0.1:3306 with user root and no password, or',
  '  - install MariaDB (Debian/Ubuntu: sudo apt-get install mariadb-server) and run npm start',
  '    again: it starts a private server with its data under .data/.',
].join('\n');

/**
 * Picks the database in the order the README gives: DATABASE_URL; a server already on
 * 127.0.0.1:3306 as root; a private server started here with its data kept under .data/.
 */
export async function chooseDatabase(
  root: string,
  log: (line: string) => void,
): Promise<ChosenDatabase | null> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, description: 'DATABASE_URL', owned: null };
  }
  const server = await chooseDatabaseServer(join(root, '.data', 'mysql'), log);
  return server && { ...server, url: `${server.serverUrl}/todo` };
}
