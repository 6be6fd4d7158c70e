import { authAccounts, authUsers } from '@todo/api/auth-schema';
import { and, eq } from 'drizzle-orm';
import { authDatabase } from '@/lib/db/pool';

// Once an account exists, a fresh install's first-visit path (straight to sign-up) is over for
// good in this process; until then each sign-in page asks the database.
const SEEN_KEY = Symbol.for('todo.web.anyAccountSeen');

/** Whether anyone has an account yet: a fresh install's first visit is sent to sign up. */
export async function anyAccountExists(): Promise<boolean> {
  const store = globalThis as Record<symbol, unknown>;
  if (store[SEEN_KEY]) return true;
  try {
    const rows = await authDatabase().select({ id: authUsers.id }).from(authUsers).limit(1);
    if (rows.length > 0) store[SEEN_KEY] = true;
    return rows.length > 0;
  } catch {
    // The sign-in page, which links to sign-up, is the safe answer when nobody can tell.
    return true;
  }
}

/** Whether the account signs in with a password (rather than single sign-on only). */
export async function hasPassword(userId: string): Promise<boolean> {
  const rows = await authDatabase()
    .select({ id: authAccounts.id })
    .from(authAccounts)
    .where(and(eq(authAccounts.userId, userId), eq(authAccounts.providerId, 'credential')))
    .limit(1);
  return rows.length > 0;
}
