import { CURSOR_PATTERN, MAX_TASK_ID, type TaskStatus } from '../limits.js';

/**
 * The list cursor: where a page starts (after or before a task id), how many tasks of the list
 * come before it (so a page can say "51–100 of 120" without counting), and the filter it was
 * made for, with a checksum over them and the account it was made for, so that a cursor edited
 * by hand, cut short, or made for another account is refused instead of silently paging from
 * somewhere else. It is opaque to clients, not secret.
 */
export type Cursor = {
  direction: 'after' | 'before';
  /** The page holds tasks after (or before) this id. */
  id: number;
  /** How many tasks come before the page this cursor opens; approximate once tasks change. */
  position: number;
  status: TaskStatus | 'all';
};

const VERSION = 'v2';
const DIRECTIONS = { after: 'a', before: 'b' } as const;
const NUMBER = /^(0|[1-9]\d{0,9})$/;

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
  const body = [
    VERSION,
    DIRECTIONS[cursor.direction],
    cursor.id,
    cursor.position,
    cursor.status,
  ].join('.');
  return Buffer.from(`${body}.${checksum(`${body}.${account}`)}`, 'utf8').toString('base64url');
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
  if (parts.length !== 6) return { ok: false, problem: 'malformed' };
  const [version, direction, id, position, filter, sum] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const body = [version, direction, id, position, filter].join('.');
  if (version !== VERSION || checksum(`${body}.${account}`) !== sum) {
    return { ok: false, problem: 'malformed' };
  }
  if (direction !== 'a' && direction !== 'b') return { ok: false, problem: 'malformed' };
  if (!NUMBER.test(id) || Number(id) > MAX_TASK_ID || !NUMBER.test(position)) {
    return { ok: false, problem: 'malformed' };
  }
  if (filter !== status) return { ok: false, problem: 'other-filter' };
  return {
    ok: true,
    cursor: {
      direction: direction === 'a' ? 'after' : 'before',
      id: Number(id),
      position: Number(position),
      status,
    },
  };
}
