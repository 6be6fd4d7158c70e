import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { type ConnectionSettings, parseDatabaseUrl } from '../../api/src/config.js';

/** Where every test and script finds its database server unless told otherwise. */
export const DEFAULT_SERVER_URL = 'mysql://root@127.0.0.1:3306';

/** The server tests and scripts make their throwaway databases on: `TEST_DATABASE_URL`. */
export function testServerUrl(): string {
  return (process.env.TEST_DATABASE_URL || DEFAULT_SERVER_URL).replace(/\/+$/, '');
}

/** How to reach `database` on `server` (validated as the api validates its own URL). */
export function settingsFor(database: string, server = testServerUrl()): ConnectionSettings {
  return parseDatabaseUrl('TEST_DATABASE_URL', `${server}/${database}`);
}

export function urlFor(settings: ConnectionSettings): string {
  const auth = settings.password
    ? `${encodeURIComponent(settings.user)}:${encodeURIComponent(settings.password)}`
    : encodeURIComponent(settings.user);
  return `mysql://${auth}@${settings.host}:${settings.port}/${settings.database}`;
}

/** A database URL (mysql://…/name) split into its server's URL and the database's name. */
export function splitDatabaseUrl(databaseUrl: string): { server: string; database: string } {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  const login = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  return { server: `${url.protocol}//${login}${url.host}`, database };
}

/**
 * Runs SQL (several statements allowed) as the server's admin user, outside any app code, in
 * `database` when given.
 */
export async function adminQuery<T extends RowDataPacket[]>(
  sql: string,
  params: unknown[] = [],
  options: { database?: string; server?: string } = {},
): Promise<T> {
  const { database: _, ...server } = settingsFor('mysql', options.server);
  const connection = await createConnection({
    ...server,
    database: options.database,
    multipleStatements: true,
  });
  try {
    const [rows] = await connection.query<T>(sql, params);
    return rows;
  } finally {
    await connection.end();
  }
}

/** Whether a server answers at `serverUrl` (a login, nothing more). */
export async function serverAnswers(serverUrl: string): Promise<boolean> {
  try {
    const connection = await createConnection({ uri: serverUrl, connectTimeout: 1500 });
    await connection.end();
    return true;
  } catch {
    return false;
  }
}
