import { createServer } from 'node:http';
import { createPool, type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';

// The floor the api is measured against: node:http and a mysql2 pool doing the same SQL
// as the api's list and create, for one account (FLOOR_ACCOUNT), with no framework, no
// token check, no validation, logging or metrics. Like the api, a list reads the counts and
// the change feed's number before the page (no change may fall between the two), and a
// create appends its change-feed event in its transaction.
const url = new URL(process.env.DATABASE_URL ?? '');
const pool = createPool({
  host: url.hostname,
  port: Number(url.port || 3306),
  user: decodeURIComponent(url.username),
  password: decodeURIComponent(url.password),
  database: url.pathname.slice(1),
  connectionLimit: Number(process.env.DB_POOL_SIZE ?? 10),
  timezone: 'Z',
  dateStrings: true,
});

const account = process.env.FLOOR_ACCOUNT ?? '';
const LIST =
  'SELECT task_id, task, status, created_at, updated_at FROM Todo WHERE owner_id = ? AND task_id > ? ORDER BY task_id LIMIT ?';
const COUNTS =
  'SELECT COALESCE(SUM(ongoing), 0) AS ongoing, COALESCE(SUM(completed), 0) AS completed, (SELECT last_seq FROM TaskFeed WHERE owner_id = ?) AS seq FROM TodoCounter WHERE owner_id = ?';

const toTask = (row: RowDataPacket) => ({
  id: row.task_id,
  title: row.task,
  status: row.status,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

async function list(limit: number) {
  const [counts] = await pool.query<RowDataPacket[]>(COUNTS, [account, account]);
  const [rows] = await pool.query<RowDataPacket[]>(LIST, [account, 0, limit + 1]);
  const ongoing = Number(counts[0]?.ongoing);
  const completed = Number(counts[0]?.completed);
  return {
    items: rows.slice(0, limit).map(toTask),
    nextCursor: rows.length > limit ? String(rows[limit - 1]?.task_id) : null,
    counts: { all: ongoing + completed, ongoing, completed },
    seq: Number(counts[0]?.seq ?? 0),
  };
}

async function create(title: string) {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const [inserted] = await connection.query<ResultSetHeader>(
      'INSERT INTO Todo (task, owner_id) VALUES (?, ?)',
      [title, account],
    );
    await connection.query(
      'INSERT INTO TodoCounter (owner_id, slot, ongoing) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE ongoing = ongoing + 1',
      [account, Math.floor(Math.random() * 16)],
    );
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT task_id, task, status, created_at, updated_at FROM Todo WHERE task_id = ?',
      [inserted.insertId],
    );
    const task = toTask(rows[0] as RowDataPacket);
    await connection.query(
      'INSERT INTO TaskFeed (owner_id, last_seq) VALUES (?, 1) ON DUPLICATE KEY UPDATE last_seq = last_seq + 1',
      [account],
    );
    const event = { kind: 'task.created', task, delta: { ongoing: 1, completed: 0 } };
    await connection.query(
      "INSERT INTO TaskEvent (owner_id, seq, kind, payload) SELECT owner_id, last_seq, 'task.created', ? FROM TaskFeed WHERE owner_id = ?",
      [JSON.stringify(event), account],
    );
    await connection.commit();
    return task;
  } catch (error) {
    await connection.rollback();
    throw error;
  } finally {
    connection.release();
  }
}

const server = createServer(async (request, response) => {
  try {
    const target = new URL(request.url ?? '/', 'http://floor');
    if (request.method === 'GET' && target.pathname === '/v1/tasks') {
      const body = JSON.stringify(await list(Number(target.searchParams.get('limit') ?? 50)));
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    if (request.method === 'POST' && target.pathname === '/v1/tasks') {
      let raw = '';
      for await (const chunk of request) raw += chunk;
      const task = await create(String(JSON.parse(raw).title).trim());
      response
        .writeHead(201, { 'content-type': 'application/json', location: `/v1/tasks/${task.id}` })
        .end(JSON.stringify(task));
      return;
    }
    response.writeHead(404).end();
  } catch (error) {
    response.writeHead(503).end(String(error));
  }
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('floor listening'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
