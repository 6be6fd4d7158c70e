import { BATCH_PATTERN, MAX_TASK_ID, titleProblem } from '@todo/api/limits';

/**
 * What a delete or a clear can take back: the task (and its title, for the message; absent
 * when it could not be read before the delete) or the clear's batch and how many it held. The
 * api keeps the deleted rows for its undo window; this only names them.
 */
export type UndoOffer =
  | { kind: 'delete'; id: number; title?: string }
  | { kind: 'clear'; batch: string; count: number };

/** The words of the offer: "Deleted “Buy milk”", "Cleared 3 completed tasks". */
export function undoMessage(offer: UndoOffer): string {
  if (offer.kind === 'delete') {
    return offer.title === undefined ? 'Deleted a task' : `Deleted “${offer.title}”`;
  }
  return `Cleared ${offer.count} completed ${offer.count === 1 ? 'task' : 'tasks'}`;
}

/** Identifies one offer, so that an offer dismissed or timed out stays hidden on a refresh. */
export function undoOfferId(offer: UndoOffer): string {
  return offer.kind === 'delete' ? `delete:${offer.id}` : `clear:${offer.batch}`;
}

/** The answer to an undo whose window is over, or that names nothing of this account. */
export const UNDO_EXPIRED_MESSAGE = 'That can no longer be undone.';

// More than any clear can hold in a list the api pages; a count beyond it is not one we wrote.
const MAX_COUNT = 1_000_000_000;

/** An offer read from outside (a cookie): null unless every field is one this app writes. */
export function parseUndoOffer(value: unknown): UndoOffer | null {
  if (typeof value !== 'object' || value === null) return null;
  const fields = value as Record<string, unknown>;
  if (fields.kind === 'delete') {
    const { id, title } = fields;
    if (!Number.isInteger(id) || (id as number) < 1 || (id as number) > MAX_TASK_ID) return null;
    if (title === undefined) return { kind: 'delete', id: id as number };
    if (typeof title !== 'string' || title !== title.trim() || titleProblem(title) !== null) {
      return null;
    }
    return { kind: 'delete', id: id as number, title };
  }
  if (fields.kind === 'clear') {
    const { batch, count } = fields;
    if (typeof batch !== 'string' || !BATCH_PATTERN.test(batch)) return null;
    if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_COUNT) {
      return null;
    }
    return { kind: 'clear', batch, count: count as number };
  }
  return null;
}
