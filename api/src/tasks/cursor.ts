import { CURSOR_PATTERN, MAX_TASK_ID, type TaskStatus } from '../limits.js';

/**
 * The list cursor: the last id of a page and the filter it was made for, with a checksum over
 * them and the account it was made for, so that a cursor edited by hand, cut short, or made for
 * another account is refused instead of silently paging from somewhere else. It is opaque to
 * clients, not secret.
 */
export type Cursor = { afterId: number; status: TaskStatus | 'all' };

const VERSION = 'v1';

// FNV-1a, 32 bits: enough to catch a corrupted cursor; nothing here needs to resist forgery.
function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export function encodeCursor(cursor: Cursor, account: string): string {
  const body = `${VERSION}.${cursor.afterId}.${cursor.status}`;
  const sum = checksum(`${body}.${account}`);
  return Buffer.from(`${body}.${sum}`, 'utf8').toString('base64url');
}

export type CursorProblem = 'malformed' | 'other-filter';

/** Returns the cursor, or why it cannot be used with this filter. */
export function decodeCursor(
  text: string,
  status: TaskStatus | 'all',
  account: string,
): { ok: true; cursor: Cursor } | { ok: false; problem: CursorProblem } {
  if (!CURSOR_PATTERN.test(text)) return { ok: false, problem: 'malformed' };
  const parts = Buffer.from(text, 'base64url').toString('utf8').split('.');
  if (parts.length !== 4) return { ok: false, problem: 'malformed' };
  const [version, id, filter, sum] = parts as [string, string, string, string];
  if (version !== VERSION || checksum(`${version}.${id}.${filter}.${account}`) !== sum) {
    return { ok: false, problem: 'malformed' };
  }
  if (!/^(0|[1-9]\d{0,9})$/.test(id) || Number(id) > MAX_TASK_ID) {
    return { ok: false, problem: 'malformed' };
  }
  if (filter !== status) return { ok: false, problem: 'other-filter' };
  return { ok: true, cursor: { afterId: Number(id), status } };
}
