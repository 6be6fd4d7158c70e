import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { AuthCard } from '@/components/auth/AuthCard';
import { Field } from '@/components/auth/Field';
import { FormNotice } from '@/components/auth/FormNotice';
import { SingleSignOnForm } from '@/components/auth/SingleSignOnForm';
import { anyAccountExists } from '@/lib/auth/accounts';
import { SIGNED_OUT_NOTICE, single, singleSignOnError } from '@/lib/auth/page-messages';
import { authFormRoute, RETURN_TO_FIELD, returnToOf, SIGN_UP_PATH } from '@/lib/auth/routes';
import { authSettings } from '@/lib/auth/settings';
import { FLASH_HEADER, heldAuthFlash } from '@/lib/forms/flash';

export const metadata: Metadata = { title: 'Sign in · Todo' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Sign in with email and password (and single sign-on when it is set up). The form posts to
 * /auth/sign-in, which answers 303 to the list, or this page with its message (a held flash).
 * On a fresh install, with no account at all yet, the first visit goes on to sign up.
 */
export default async function SignInPage({ searchParams }: Props) {
  await connection();
  const query = await searchParams;
  const flash = heldAuthFlash((await headers()).get(FLASH_HEADER));
  if (!flash && !(await anyAccountExists())) redirect(SIGN_UP_PATH);
  const returnTo = returnToOf(single(query.returnTo));
  const { oidc } = authSettings();
  const ours = flash && (flash.form === 'sign-in' || flash.form === 'single-sign-on');
  const error = ours ? flash.message : singleSignOnError(query);
  const notice = single(query.signedOut) === '1' ? SIGNED_OUT_NOTICE : undefined;
  return (
    <AuthCard title="Sign in">
      <form className="auth-form" method="post" action={authFormRoute('sign-in')}>
        {returnTo !== '/' && <input type="hidden" name={RETURN_TO_FIELD} value={returnTo} />}
        <FormNotice id="sign-in-message" error={error} notice={notice} />
        <Field
          id="email"
          label="Email address"
          name="email"
          type="email"
          autoComplete="username"
          required
          maxLength={255}
          defaultValue={flash?.email ?? ''}
          messageId="sign-in-message"
          invalid={Boolean(error)}
          // The page exists to fill in this field.
          autoFocus
        />
        <Field
          id="password"
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          messageId="sign-in-message"
          invalid={Boolean(error)}
        />
        <button type="submit" className="button">
          Sign in
        </button>
      </form>
      {oidc && <SingleSignOnForm name={oidc.name} returnTo={returnTo} />}
      <p className="auth-switch">
        New here?{' '}
        <Link href={SIGN_UP_PATH} prefetch={false}>
          Create an account
        </Link>
      </p>
    </AuthCard>
  );
}
