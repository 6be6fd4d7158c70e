import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  datetime,
  index,
  int,
  mysqlTable,
  primaryKey,
  smallint,
  text,
  tinyint,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import { MAX_TITLE_LENGTH, TASK_STATUSES } from '../limits.js';
import { authUsers } from './auth-schema.js';

export * from './auth-schema.js';

/**
 * The tutorial's table and column names (`Todo`, `task_id`, `task`, `status`) are kept so
 * that its databases upgrade in place; the TypeScript names are the ones the API speaks.
 */
export const todos = mysqlTable(
  'Todo',
  {
    // Timestamps stay strings ('2026-01-31 12:00:00.000', UTC): the API sends ISO strings, and
    // a Date per column per row would be built only to be formatted again.
    id: int('task_id').autoincrement().primaryKey(),
    title: varchar('task', { length: MAX_TITLE_LENGTH }).notNull(),
    status: varchar('status', { length: 16, enum: TASK_STATUSES }).notNull().default('ongoing'),
    createdAt: datetime('created_at', { mode: 'string', fsp: 3 })
      .notNull()
      .default(sql`CURRENT_TIMESTAMP(3)`),
    updatedAt: datetime('updated_at', { mode: 'string', fsp: 3 })
      .notNull()
      .default(sql`CURRENT_TIMESTAMP(3)`),
    // The account the task belongs to. NULL only for rows from before accounts existed, until
    // the first account adopts them; deleting an account deletes its tasks.
    ownerId: varchar('owner_id', { length: 36 }).references(() => authUsers.id, {
      onDelete: 'cascade',
    }),
  },
  (table) => [
    // Every page is one account's: WHERE owner_id = ? [AND status = ?] AND task_id > ?
    // ORDER BY task_id LIMIT n is a range of one of these, whatever the size of the table.
    index('Todo_owner_task_id_idx').on(table.ownerId, table.id),
    index('Todo_owner_status_task_id_idx').on(table.ownerId, table.status, table.id),
    check('Todo_status_check', sql`${table.status} IN ('ongoing', 'completed')`),
  ],
);

/**
 * Counter slots per account in `TodoCounter`. Each write bumps one slot of its account, chosen
 * at random, in the same transaction as the row it changes (creating the slot on first use);
 * a read sums the account's slots. At most sixteen rows make a constant-cost read, yet
 * concurrent writers of one account rarely queue on the same row lock, which a single counter
 * row would force on every insert.
 */
export const COUNTER_SLOTS = 16;

export const todoCounters = mysqlTable(
  'TodoCounter',
  {
    ownerId: varchar('owner_id', { length: 36 })
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    slot: tinyint('slot', { unsigned: true }).notNull(),
    // Signed: one slot may go below zero when a task counted in another slot leaves.
    ongoing: bigint('ongoing', { mode: 'number' }).notNull().default(0),
    completed: bigint('completed', { mode: 'number' }).notNull().default(0),
  },
  (table) => [primaryKey({ name: 'TodoCounter_owner_slot', columns: [table.ownerId, table.slot] })],
);

/** Raw bytes (hashes): compared byte for byte, whatever the table's collation. */
const bytes = (length: number) =>
  customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => `binary(${length})` });

/**
 * One row per Idempotency-Key: claimed in the transaction of the write it guards and
 * completed with that write's answer before COMMIT, so the key, the write and the stored
 * answer exist together or not at all. Expired rows are purged in batches.
 */
export const idempotencyKeys = mysqlTable(
  'IdempotencyKey',
  {
    // Keys are per account: another account's key is another key.
    ownerId: varchar('owner_id', { length: 36 })
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    // SHA-256 of the key as the client sent it: fixed size, case-sensitive, never echoed.
    keyHash: bytes(32)('key_hash').notNull(),
    // SHA-256 of the request (method, path, body): the same key with another request is refused.
    fingerprint: bytes(32)('fingerprint').notNull(),
    // 0 while the write runs (only its own transaction can see that), then the answer's status.
    statusCode: smallint('status_code', { unsigned: true }).notNull().default(0),
    responseBody: text('response_body'),
    location: varchar('location', { length: 255 }),
    createdAt: datetime('created_at', { mode: 'string', fsp: 3 })
      .notNull()
      .default(sql`CURRENT_TIMESTAMP(3)`),
    expiresAt: datetime('expires_at', { mode: 'string', fsp: 3 }).notNull(),
  },
  (table) => [
    primaryKey({ name: 'IdempotencyKey_owner_key', columns: [table.ownerId, table.keyHash] }),
    index('IdempotencyKey_expires_at_idx').on(table.expiresAt),
  ],
);

/**
 * Deleted tasks, kept for a few minutes so that "Undo" can put them back with everything they
 * had (id, title, status, timestamps). Lists and counts never see them: they are not in Todo.
 * A delete or a clear is one batch; rows are purged in batches after the undo window.
 */
export const todoTrash = mysqlTable(
  'TodoTrash',
  {
    id: int('task_id').primaryKey(),
    ownerId: varchar('owner_id', { length: 36 })
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    title: varchar('task', { length: MAX_TITLE_LENGTH }).notNull(),
    status: varchar('status', { length: 16, enum: TASK_STATUSES }).notNull(),
    createdAt: datetime('created_at', { mode: 'string', fsp: 3 }).notNull(),
    updatedAt: datetime('updated_at', { mode: 'string', fsp: 3 }).notNull(),
    deletedAt: datetime('deleted_at', { mode: 'string', fsp: 3 })
      .notNull()
      .default(sql`CURRENT_TIMESTAMP(3)`),
    batch: varchar('batch', { length: 32 }).notNull(),
  },
  (table) => [
    index('TodoTrash_owner_batch_idx').on(table.ownerId, table.batch),
    index('TodoTrash_deleted_at_idx').on(table.deletedAt),
  ],
);

/**
 * Each account's place in its change feed. Every write bumps it in its own transaction, just
 * before COMMIT: the row lock orders one account's writes, so its sequence numbers commit in
 * order and without gaps, which is what lets a client resume exactly where it left off.
 */
export const taskFeeds = mysqlTable('TaskFeed', {
  ownerId: varchar('owner_id', { length: 36 })
    .primaryKey()
    .references(() => authUsers.id, { onDelete: 'cascade' }),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
});

/**
 * The change feed: what each write did, written in its transaction, numbered per account
 * (`seq`) and overall (`event_id`, which the api's poller follows). Kept for a while, then
 * purged in batches; a client away for longer is told to reload.
 */
export const taskEvents = mysqlTable(
  'TaskEvent',
  {
    eventId: bigint('event_id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    ownerId: varchar('owner_id', { length: 36 })
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    kind: varchar('kind', { length: 24 }).notNull(),
    payload: text('payload').notNull(),
    createdAt: datetime('created_at', { mode: 'string', fsp: 3 })
      .notNull()
      .default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [
    uniqueIndex('TaskEvent_owner_seq_idx').on(table.ownerId, table.seq),
    index('TaskEvent_created_at_idx').on(table.createdAt),
  ],
);
