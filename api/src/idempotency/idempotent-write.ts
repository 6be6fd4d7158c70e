import type { Database } from '../db/client.js';
import { type Deadline, readWithin } from '../db/deadline.js';
import { DatabaseError } from '../db/errors.js';
import type { WriteDatabase } from '../db/write-transaction.js';
import type { Problem } from '../http/problem.js';
import { keyHash } from './key.js';
import {
  claimKey,
  completeKey,
  findKey,
  forgetExpiredKey,
  KeyTakenError,
  type StoredAnswer,
} from './store.js';

/** What a write answers: its result, or a 404 problem; both are stored with the key. */
export type Answer<T> =
  | { status: 200 | 201 | 204; body: T; location?: string }
  | { status: 404; body: Problem };

export type WriteRequest = {
  deadline: Deadline;
  /** Keys are per account. */
  account: string;
  /** The Idempotency-Key header as sent, if any. */
  key: string | undefined;
  /** requestFingerprint() of the request. */
  fingerprint: Buffer;
};

export type WriteOutcome<T> = { answer: Answer<T>; replayed: boolean };

/** The same key for another request (422), or for one still running (409). */
export class KeyConflictError extends Error {
  constructor(readonly reason: 'in-progress' | 'reused') {
    super(
      reason === 'in-progress'
        ? 'A request with this Idempotency-Key is still being processed; retry it later with the same key'
        : 'This Idempotency-Key was already used for a different request',
    );
    this.name = 'KeyConflictError';
  }
}

const stored = <T>(answer: Answer<T>): StoredAnswer => ({
  status: answer.status,
  body: answer.status === 204 ? null : answer.body,
  location: answer.status !== 404 ? (answer.location ?? null) : null,
});

/**
 * Runs a write in one transaction with its idempotency key: the key is claimed first, the
 * write done, its answer stored with the key, and all of it committed together. A repeat of a
 * committed key gets the stored answer back and writes nothing.
 */
export function createIdempotentWrites(database: Database) {
  return async function write<T>(
    request: WriteRequest,
    work: (tx: WriteDatabase) => Promise<Answer<T>>,
  ): Promise<WriteOutcome<T>> {
    const { deadline, account, fingerprint } = request;
    if (request.key === undefined) {
      return { answer: await database.transaction(deadline, work), replayed: false };
    }
    const hash = keyHash(request.key);
    // A stored key can vanish between the failed claim and the read (expired and purged): try again.
    for (let round = 1; round <= 3; round++) {
      try {
        const answer = await database.transaction(deadline, async (tx) => {
          await claimKey(tx, account, hash, fingerprint);
          const result = await work(tx);
          await completeKey(tx, account, hash, stored(result));
          return result;
        });
        return { answer, replayed: false };
      } catch (error) {
        if (!(error instanceof KeyTakenError)) throw error;
        if (error.stillRunning) throw new KeyConflictError('in-progress');
      }
      const previous = await readWithin(deadline, () =>
        findKey(database.primaryReads, account, hash),
      );
      if (previous?.expired) {
        await database.transaction(deadline, (tx) => forgetExpiredKey(tx, account, hash));
        continue;
      }
      if (!previous) continue;
      if (!previous.fingerprint.equals(fingerprint)) throw new KeyConflictError('reused');
      return { answer: previous.answer as Answer<T>, replayed: true };
    }
    throw new DatabaseError('not-written', 'the idempotency key kept changing hands');
  };
}

export type IdempotentWrites = ReturnType<typeof createIdempotentWrites>;
