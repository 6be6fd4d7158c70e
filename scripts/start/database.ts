import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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
 * On a fresh Debian or Ubuntu machine, as root: installs MariaDB, for the private server to
 * run. Anywhere else it does nothing, and the help says what to install.
 */
function installMariadb(log: (line: string) => void): boolean {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return false;
  log('no MariaDB or MySQL here: installing mariadb-server with apt-get (a minute or two)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'mariadb-server'],
  ]) {
    if (spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) {
      return false;
    }
  }
  return true;
}

/**
 * Picks the database in the order the README gives: DATABASE_URL; a server already on
 * 127.0.0.1:3306 as root; a private server started here with its data kept under .data/
 * (MariaDB installed first, when this is a Debian machine without it and we are root).
 */
export async function chooseDatabase(
  root: string,
  log: (line: string) => void,
): Promise<ChosenDatabase | null> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, description: 'DATABASE_URL', owned: null };
  }
  const dataDir = join(root, '.data', 'mysql');
  let server = await chooseDatabaseServer(dataDir, log);
  if (!server && installMariadb(log)) server = await chooseDatabaseServer(dataDir, log);
  return server && { ...server, url: `${server.serverUrl}/todo` };
}
