import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

const ADMIN_URL = process.env.IMAGES_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';

/** A database name of its own for one smoke run, dropped afterwards. */
export interface ScratchDatabase {
  name: string;
  /** The URL the api container gets (same server, the scratch database). */
  url: string;
  drop(): Promise<void>;
  countRows(table: string): Promise<number>;
}

function withDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function scratchDatabase(): Promise<ScratchDatabase> {
  const name = `todo_images_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: ADMIN_URL, connectTimeout: 10_000 });
  // The migrator is responsible for creating it; make sure it is not there already.
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  return {
    name,
    url: withDatabase(ADMIN_URL, name),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
    async countRows(table) {
      const [rows] = await admin.query(`SELECT COUNT(*) AS n FROM \`${name}\`.\`${table}\``);
      return Number((rows as Array<{ n: number | string }>)[0]?.n ?? 0);
    },
  };
}
