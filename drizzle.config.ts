import { defineConfig } from 'drizzle-kit';

// `db:generate` needs no database; `db:migrate` reads DATABASE_URL (npm start sets it).
export default defineConfig({
  dialect: 'mysql',
  schema: './api/src/db/schema.ts',
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/todo' },
  migrations: { table: '__drizzle_migrations' },
  strict: true,
  verbose: false,
});
