import { createConnection } from 'mysql2/promise';

/**
 * Runs administrative SQL (several statements allowed) on the server at `serverUrl`, in
 * `database` if given: the scripts' throwaway databases are made and dropped with it.
 */
export async function adminSql(serverUrl: string, sql: string, database?: string): Promise<void> {
  const connection = await createConnection({
    uri: `${serverUrl}/${database ?? ''}`,
    multipleStatements: true,
  });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}
