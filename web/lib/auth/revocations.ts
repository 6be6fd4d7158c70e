import { authVerifications } from '@todo/api/auth-schema';
import { and, gt, inArray, lt } from 'drizzle-orm';
import type { AuthDatabase } from '@/lib/db/pool';

/**
 * Sessions ended before their cookie cache ran out. A page view trusts the signed cookie cache
 * (no database round trip), so a session signed out, or an account deleted, would otherwise
 * keep working from a copied cookie until that cache expires. Every ending is written to the
 * database (Better Auth's verification table, under identifiers of this app) and each replica
 * keeps the list in memory: the replica that ended the session knows at once, the others within
 * a second. The list is refreshed in the background, once a second, while cached sessions are
 * being used, and never when the replica is idle; a page view never waits for it unless the
 * list is older than a few seconds (the first view after a quiet spell).
 */
const SESSION = 'todo:ended-session';
const USER = 'todo:deleted-account';
const REFRESH_MS = 1_000;
// Older than this, a page view waits for a fresh list rather than trust a stale one.
const STALE_MS = 3_000;

export type Revocations = {
  /** Whether the cached session must be read from the database again (it may have ended). */
  isEnded(sessionId: string, userId: string): Promise<boolean>;
  /** Records that a session ended (sign-out), for every replica. */
  endSession(sessionId: string): Promise<void>;
  /** Records that an account was deleted: all its sessions end. */
  endAccount(userId: string): Promise<void>;
  stop(): void;
};

type Options = {
  db: () => AuthDatabase;
  /** How long an ending is kept: as long as a cookie cache can outlive it. */
  keepMs: number;
  log?: (line: string) => void;
  now?: () => number;
  /** How often the list is read in the background while in use (a second). */
  refreshMs?: number;
};

export function createRevocations(options: Options): Revocations {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  let sessions = new Map<string, number>();
  let users = new Map<string, number>();
  let refreshedAt = 0;
  let lastUse = 0;
  let inFlight: Promise<void> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function load(): Promise<void> {
    const rows = await options
      .db()
      .select({
        identifier: authVerifications.identifier,
        value: authVerifications.value,
        expiresAt: authVerifications.expiresAt,
      })
      .from(authVerifications)
      .where(
        and(
          inArray(authVerifications.identifier, [SESSION, USER]),
          gt(authVerifications.expiresAt, new Date(now())),
        ),
      );
    const nextSessions = new Map<string, number>();
    const nextUsers = new Map<string, number>();
    for (const row of rows) {
      (row.identifier === SESSION ? nextSessions : nextUsers).set(
        row.value,
        row.expiresAt.getTime(),
      );
    }
    // Endings this replica recorded while the query ran are kept.
    for (const [id, until] of sessions) if (until > now()) nextSessions.set(id, until);
    for (const [id, until] of users) if (until > now()) nextUsers.set(id, until);
    sessions = nextSessions;
    users = nextUsers;
  }

  function refresh(): Promise<void> {
    const started = now();
    inFlight ??= load()
      .catch((error: unknown) => {
        // The last list stays in force until the next try: with the database away, page
        // views are not held up a second time, and the cookie cache's own expiry (after which
        // the session is read from the database) bounds how long an ending can go unseen.
        log(
          `web: reading ended sessions failed: ${error instanceof Error ? error.message : error}`,
        );
      })
      .finally(() => {
        refreshedAt = started;
        inFlight = undefined;
      });
    return inFlight;
  }

  function keepFresh(): void {
    if (timer) return;
    timer = setInterval(() => {
      if (now() - lastUse > options.keepMs) {
        clearInterval(timer);
        timer = undefined;
        return;
      }
      void refresh();
    }, options.refreshMs ?? REFRESH_MS);
    timer.unref?.();
  }

  function has(map: Map<string, number>, id: string): boolean {
    const until = map.get(id);
    return until !== undefined && until > now();
  }

  async function record(identifier: string, value: string): Promise<void> {
    const at = now();
    const expiresAt = new Date(at + options.keepMs);
    (identifier === SESSION ? sessions : users).set(value, expiresAt.getTime());
    const db = options.db();
    await db.insert(authVerifications).values({
      id: randomId(),
      identifier,
      value,
      expiresAt,
      createdAt: new Date(at),
      updatedAt: new Date(at),
    });
    await db
      .delete(authVerifications)
      .where(
        and(
          inArray(authVerifications.identifier, [SESSION, USER]),
          lt(authVerifications.expiresAt, new Date(at)),
        ),
      );
  }

  return {
    async isEnded(sessionId, userId) {
      lastUse = now();
      keepFresh();
      if (now() - refreshedAt > STALE_MS) await refresh();
      return has(sessions, sessionId) || has(users, userId);
    },
    endSession: (sessionId) => record(SESSION, sessionId),
    endAccount: (userId) => record(USER, userId),
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
