import mysql from 'mysql2/promise';

/** What the database holds for one account, table by table. */
export type AccountRows = {
  users: number;
  sessions: number;
  logins: number;
  tasks: number;
  counterSlots: number;
};

/** Counts the rows of `accountId` in every table that holds some (read straight from MySQL). */
export async function accountRows(databaseUrl: string, accountId: string): Promise<AccountRows> {
  const connection = await mysql.createConnection(databaseUrl);
  try {
    const count = async (sql: string) => {
      const [rows] = await connection.query(sql, [accountId]);
      return Number((rows as Array<{ n: number }>)[0]?.n ?? 0);
    };
    return {
      users: await count('SELECT COUNT(*) AS n FROM AuthUser WHERE id = ?'),
      sessions: await count('SELECT COUNT(*) AS n FROM AuthSession WHERE user_id = ?'),
      logins: await count('SELECT COUNT(*) AS n FROM AuthAccount WHERE user_id = ?'),
      tasks: await count('SELECT COUNT(*) AS n FROM Todo WHERE owner_id = ?'),
      counterSlots: await count('SELECT COUNT(*) AS n FROM TodoCounter WHERE owner_id = ?'),
    };
  } finally {
    await connection.end();
  }
}

/** Runs one statement on the database and returns its rows. */
export async function query<T>(databaseUrl: string, sql: string, params: unknown[] = []) {
  const connection = await mysql.createConnection(databaseUrl);
  try {
    const [rows] = await connection.query(sql, params);
    return rows as T[];
  } finally {
    await connection.end();
  }
}
