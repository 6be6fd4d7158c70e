import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { AuthCard } from '@/components/auth/AuthCard';
import { Field } from '@/components/auth/Field';
import { FormNotice } from '@/components/auth/FormNotice';
import { accountTasks } from '@/lib/api/tasks';
import { hasPassword } from '@/lib/auth/accounts';
import { accountOf } from '@/lib/auth/request-account';
import { authFormRoute, signInHref } from '@/lib/auth/routes';
import { FLASH_HEADER, heldAuthFlash } from '@/lib/forms/flash';

export const metadata: Metadata = { title: 'Delete your account · Todo' };

/** How many tasks go with the account, when the api can say; the page works without it. */
async function taskCount(account: string): Promise<number | null> {
  const page = await accountTasks(account).listTasks({ limit: 1 });
  return page.ok ? page.value.counts.all : null;
}

/**
 * "Delete my account": the account, its sessions everywhere and all its tasks (the database
 * deletes the tasks with the account). An account with a password confirms with it; one that
 * signs in with single sign-on only ticks a box, from a session made in the last 15 minutes.
 */
export default async function DeleteAccountPage() {
  await connection();
  const requestHeaders = await headers();
  const account = accountOf(requestHeaders);
  if (!account) redirect(signInHref('/'));
  const flash = heldAuthFlash(requestHeaders.get(FLASH_HEADER));
  const error = flash?.form === 'delete-account' ? flash.message : undefined;
  const [withPassword, count] = await Promise.all([
    hasPassword(account.id).catch(() => true),
    taskCount(account.id),
  ]);
  const tasks =
    count === null
      ? 'all its tasks'
      : count === 0
        ? 'its list (it has no tasks)'
        : `its ${count} ${count === 1 ? 'task' : 'tasks'}`;
  return (
    <AuthCard title="Delete your account">
      <p className="auth-lead">
        This deletes the account <strong dir="auto">{account.email}</strong> and {tasks}, and signs
        it out everywhere. It cannot be undone.
      </p>
      <form className="auth-form" method="post" action={authFormRoute('delete-account')}>
        {/* Which account the password is for, for password managers; not sent (no name). */}
        <input type="email" autoComplete="username" defaultValue={account.email} readOnly hidden />
        <FormNotice id="delete-account-message" error={error} />
        {withPassword ? (
          <Field
            id="password"
            label="Your password, to confirm"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            messageId="delete-account-message"
            invalid={Boolean(error)}
          />
        ) : (
          <div className="field confirm">
            <input
              id="confirm"
              type="checkbox"
              name="confirm"
              value="yes"
              required
              aria-describedby="delete-account-message"
            />
            <label htmlFor="confirm">Yes, delete the account and all its tasks</label>
          </div>
        )}
        <div className="auth-actions">
          <button type="submit" className="button danger">
            Delete my account and tasks
          </button>
          <Link className="text-button" href="/" prefetch={false}>
            Keep my account
          </Link>
        </div>
      </form>
    </AuthCard>
  );
}
