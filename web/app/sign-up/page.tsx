import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { connection } from 'next/server';
import { AuthCard } from '@/components/auth/AuthCard';
import { Field } from '@/components/auth/Field';
import { FormNotice } from '@/components/auth/FormNotice';
import { SingleSignOnForm } from '@/components/auth/SingleSignOnForm';
import { anyAccountExists } from '@/lib/auth/accounts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/lib/auth/auth';
import { DELETED_NOTICE, single } from '@/lib/auth/page-messages';
import { authFormRoute, SIGN_IN_PATH } from '@/lib/auth/routes';
import { authSettings } from '@/lib/auth/settings';
import { FLASH_HEADER, heldAuthFlash } from '@/lib/forms/flash';

export const metadata: Metadata = { title: 'Create your account · Todo' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Create an account: email, a password typed twice (there is no email to reset it with), and
 * it is signed in at once. The first account on a database from before accounts takes over the
 * tasks already there (the api's POST /v1/account, called when an account is created).
 */
export default async function SignUpPage({ searchParams }: Props) {
  await connection();
  const query = await searchParams;
  const flash = heldAuthFlash((await headers()).get(FLASH_HEADER));
  const first = !(await anyAccountExists());
  const { oidc } = authSettings();
  const error = flash?.form === 'sign-up' ? flash.message : undefined;
  const notice = single(query.deleted) === '1' ? DELETED_NOTICE : undefined;
  return (
    <AuthCard title={first ? 'Create the first account' : 'Create your account'}>
      {first && (
        <p className="auth-lead">
          Nobody has an account here yet. If this Todo was in use before it had accounts, its tasks
          become yours.
        </p>
      )}
      <form className="auth-form" method="post" action={authFormRoute('sign-up')}>
        <FormNotice id="sign-up-message" error={error} notice={notice} />
        <Field
          id="email"
          label="Email address"
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={255}
          defaultValue={flash?.email ?? ''}
          messageId="sign-up-message"
          invalid={Boolean(error)}
          // The page exists to fill in this field.
          autoFocus
        />
        <Field
          id="password"
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          maxLength={MAX_PASSWORD_LENGTH}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. There is no reset by email, so keep it safe.`}
          messageId="sign-up-message"
          invalid={Boolean(error)}
        />
        <Field
          id="password-again"
          label="Password again"
          name="passwordAgain"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          maxLength={MAX_PASSWORD_LENGTH}
          messageId="sign-up-message"
          invalid={Boolean(error)}
        />
        <button type="submit" className="button">
          Create account
        </button>
      </form>
      {oidc && <SingleSignOnForm name={oidc.name} returnTo="/" />}
      <p className="auth-switch">
        Already have an account?{' '}
        <Link href={SIGN_IN_PATH} prefetch={false}>
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
