import { and, eq, sql } from 'drizzle-orm';
import type { ReadDatabase } from '../db/client.js';
import { isDuplicateKey, isLockWaitTimeout } from '../db/errors.js';
import { idempotencyKeys } from '../db/schema.js';
import type { WriteDatabase } from '../db/write-transaction.js';

/** How long a key and its answer are kept (the IETF draft's suggestion: a day). */
export const KEY_LIFETIME_HOURS = 24;

/** The key exists already: committed with its answer, or claimed by a write still running. */
export class KeyTakenError extends Error {
  constructor(readonly stillRunning: boolean) {
    super(stillRunning ? 'the key is claimed by a write still running' : 'the key was used before');
    this.name = 'KeyTakenError';
  }
}

export type StoredAnswer = { status: number; body: unknown; location: string | null };

const now = sql`CURRENT_TIMESTAMP(3)`;

const keyOf = (owner: string, keyHash: Buffer) =>
  and(eq(idempotencyKeys.ownerId, owner), eq(idempotencyKeys.keyHash, keyHash));

/**
 * Claims the key inside the write's transaction. A key committed before fails at once
 * (duplicate); a key claimed by a transaction still running holds its row lock, which this
 * insert waits for no longer than the writers' innodb_lock_wait_timeout (a second).
 */
export async function claimKey(
  tx: WriteDatabase,
  owner: string,
  keyHash: Buffer,
  fingerprint: Buffer,
) {
  try {
    await tx.insert(idempotencyKeys).values({
      ownerId: owner,
      keyHash,
      fingerprint,
      expiresAt: sql`${now} + INTERVAL ${sql.raw(String(KEY_LIFETIME_HOURS))} HOUR`,
    });
  } catch (error) {
    if (isDuplicateKey(error)) throw new KeyTakenError(false);
    if (isLockWaitTimeout(error)) throw new KeyTakenError(true);
    throw error;
  }
}

/** Stores the write's answer with its key, in the same transaction as the write. */
export async function completeKey(
  tx: WriteDatabase,
  owner: string,
  keyHash: Buffer,
  answer: StoredAnswer,
) {
  await tx
    .update(idempotencyKeys)
    .set({
      statusCode: answer.status,
      responseBody: answer.body === null ? null : JSON.stringify(answer.body),
      location: answer.location,
    })
    .where(keyOf(owner, keyHash));
}

export type StoredKey = { fingerprint: Buffer; expired: boolean; answer: StoredAnswer };

/** A committed key, read on the primary (where it was just found to exist). */
export async function findKey(
  db: ReadDatabase,
  owner: string,
  keyHash: Buffer,
): Promise<StoredKey | null> {
  const [row] = await db
    .select({
      fingerprint: idempotencyKeys.fingerprint,
      statusCode: idempotencyKeys.statusCode,
      responseBody: idempotencyKeys.responseBody,
      location: idempotencyKeys.location,
      expired: sql<number>`${idempotencyKeys.expiresAt} <= ${now}`,
    })
    .from(idempotencyKeys)
    .where(keyOf(owner, keyHash));
  if (!row) return null;
  return {
    fingerprint: row.fingerprint,
    expired: Number(row.expired) === 1,
    answer: {
      status: row.statusCode,
      body: row.responseBody === null ? null : JSON.parse(row.responseBody),
      location: row.location,
    },
  };
}

/** Frees a key whose day is over but which the purge has not reached yet. */
export async function forgetExpiredKey(tx: WriteDatabase, owner: string, keyHash: Buffer) {
  await tx
    .delete(idempotencyKeys)
    .where(and(keyOf(owner, keyHash), sql`${idempotencyKeys.expiresAt} <= ${now}`));
}
