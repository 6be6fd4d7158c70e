import { idempotencyKeys, taskEvents, todoTrash } from '../db/schema.js';
import { FEED_RETENTION_MINUTES } from '../events/feed-writer.js';
import { UNDO_WINDOW_MINUTES } from '../tasks/task-writes.js';
import { olderThan, type Purge } from './purge.js';

/** What expires, and when: keys after their day, the trash after the undo window, the feed after its retention. */
export const maintenancePurges: Purge[] = [
  olderThan('idempotency keys', idempotencyKeys, idempotencyKeys.expiresAt, 0),
  olderThan('trash', todoTrash, todoTrash.deletedAt, UNDO_WINDOW_MINUTES),
  olderThan('change feed', taskEvents, taskEvents.createdAt, FEED_RETENTION_MINUTES),
];

export const [keyPurge, trashPurge, feedPurge] = maintenancePurges as [Purge, Purge, Purge];
