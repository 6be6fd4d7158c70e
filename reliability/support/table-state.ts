import type { RowDataPacket } from 'mysql2/promise';

type Query = <T extends RowDataPacket[]>(sql: string, params?: unknown[]) => Promise<T>;

export type Tally = { all: number; ongoing: number; completed: number };

/** The rows as they are, counted, and the api's counters: equal when nothing was lost. */
export async function tallies(query: Query): Promise<{ rows: Tally; counters: Tally }> {
  const [rows] = await query<RowDataPacket[]>(
    `SELECT COUNT(*) AS \`all\`,
            COALESCE(SUM(status = 'ongoing'), 0) AS ongoing,
            COALESCE(SUM(status = 'completed'), 0) AS completed
       FROM Todo`,
  );
  const [counters] = await query<RowDataPacket[]>(
    'SELECT COALESCE(SUM(ongoing), 0) AS ongoing, COALESCE(SUM(completed), 0) AS completed FROM TodoCounter',
  );
  const ongoing = Number(counters?.ongoing);
  const completed = Number(counters?.completed);
  return {
    rows: {
      all: Number(rows?.all),
      ongoing: Number(rows?.ongoing),
      completed: Number(rows?.completed),
    },
    counters: { all: ongoing + completed, ongoing, completed },
  };
}

/** Every row of the task table, for comparing before and after. */
export async function snapshot(query: Query): Promise<string> {
  const rows = await query<RowDataPacket[]>(
    'SELECT task_id, HEX(task) AS task, status, updated_at FROM Todo ORDER BY task_id',
  );
  return JSON.stringify(rows);
}
