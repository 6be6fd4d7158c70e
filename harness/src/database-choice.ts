import { DEFAULT_SERVER_URL, serverAnswers } from './database-server.js';
import {
  findServerBinary,
  type PrivateDatabase,
  startPrivateDatabase,
} from './private-database.js';

export type ChosenServer = {
  /** The server's URL, without a database. */
  serverUrl: string;
  description: string;
  /** Set when the server was started here, to be stopped by whoever chose it. */
  owned: PrivateDatabase | null;
};

/**
 * A MySQL-compatible server to use, in this order: `DEFAULT_SERVER_URL` (root, no password, on
 * 127.0.0.1:3306) when it answers; else a private server started here with its data kept in
 * `dataDir`, when MariaDB or MySQL is installed; else null. A distribution's own server often
 * lets root in only over its socket, so "installed" and "answers" are separate questions.
 */
export async function chooseDatabaseServer(
  dataDir: string,
  log: (line: string) => void,
): Promise<ChosenServer | null> {
  if (await serverAnswers(DEFAULT_SERVER_URL)) {
    return {
      serverUrl: DEFAULT_SERVER_URL,
      description: 'the server on 127.0.0.1:3306',
      owned: null,
    };
  }
  if (!findServerBinary()) return null;
  log(`starting a private database server (data in ${dataDir})...`);
  const server = await startPrivateDatabase({ dataDir, log });
  return {
    serverUrl: server.serverUrl,
    description: `a private server on 127.0.0.1:${server.port}`,
    owned: server,
  };
}
