import type { Connection, RowDataPacket } from 'mysql2/promise';

const TABLES = ['Todo', 'TodoCounter'];
const EVENTS = ['INSERT', 'UPDATE', 'DELETE'];

/**
 * Instruments a test database so that any row written in the app's tables, by any statement,
 * bumps one counter: reading that counter after each of thousands of requests is O(1), where
 * comparing the rows would grow with the table. The app's own tables are left as they are.
 */
export async function watchWrites(connection: Connection): Promise<void> {
  await connection.query(
    'CREATE TABLE reliability_writes (id TINYINT PRIMARY KEY, n BIGINT NOT NULL) ENGINE=InnoDB',
  );
  await connection.query('INSERT INTO reliability_writes VALUES (1, 0)');
  for (const table of TABLES) {
    for (const event of EVENTS) {
      await connection.query(
        `CREATE TRIGGER reliability_${table}_${event.toLowerCase()} AFTER ${event} ON \`${table}\`
           FOR EACH ROW UPDATE reliability_writes SET n = n + 1 WHERE id = 1`,
      );
    }
  }
}

/** How many rows of the app's tables have been written since `watchWrites`. */
export async function writesSoFar(connection: Connection): Promise<number> {
  const [[row]] = await connection.query<RowDataPacket[]>(
    'SELECT n FROM reliability_writes WHERE id = 1',
  );
  return Number(row?.n);
}

/** A task that exists now, picked at random, or null when the table is empty. */
export async function someTaskId(connection: Connection): Promise<number | null> {
  const [[range]] = await connection.query<RowDataPacket[]>(
    'SELECT MIN(task_id) AS lo, MAX(task_id) AS hi FROM Todo',
  );
  if (range?.lo === null || range?.lo === undefined) return null;
  const from =
    Number(range.lo) + Math.floor(Math.random() * (Number(range.hi) - Number(range.lo) + 1));
  const [[row]] = await connection.query<RowDataPacket[]>(
    'SELECT task_id FROM Todo WHERE task_id >= ? ORDER BY task_id LIMIT 1',
    [from],
  );
  return Number(row?.task_id);
}

/** The highest task id, 0 for an empty table. */
export async function highestTaskId(connection: Connection): Promise<number> {
  const [[row]] = await connection.query<RowDataPacket[]>(
    'SELECT COALESCE(MAX(task_id), 0) AS hi FROM Todo',
  );
  return Number(row?.hi);
}

/** The stored title of a task as bytes (hex), or null when there is no such row. */
export async function storedTitleHex(connection: Connection, id: number): Promise<string | null> {
  const [[row]] = await connection.query<RowDataPacket[]>(
    'SELECT HEX(task) AS hex FROM Todo WHERE task_id = ?',
    [id],
  );
  return row ? String(row.hex) : null;
}
