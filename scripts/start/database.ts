import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import {
  findServerBinary,
  type PrivateDatabase,
  startPrivateDatabase,
} from '../db/private-server.js';

export type ChosenDatabase = {
  /** Full URL including the `todo` database. */
  url: string;
  description: string;
  /** Set when this script started the server and must stop it. */
  owned: PrivateDatabase | null;
};

async function answersAsRoot(port: number): Promise<boolean> {
  try {
    const connection = await createConnection({
      host: '127.0.0.1',
      port,
      user: 'root',
      connectTimeout: 1500,
    });
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

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
  if (await answersAsRoot(3306)) {
    return {
      url: 'mysql://root@127.0.0.1:3306/todo',
      description: 'the server on 127.0.0.1:3306',
      owned: null,
    };
  }
  if (!findServerBinary()) return null;
  log('starting a private database server (data under .data/mysql)...');
  const server = await startPrivateDatabase({ dataDir: join(root, '.data', 'mysql'), log });
  return {
    url: `${server.serverUrl}/todo`,
    description: `a private server on 127.0.0.1:${server.port}`,
    owned: server,
  };
}
