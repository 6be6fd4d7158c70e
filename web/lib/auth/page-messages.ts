// What the sign-in and sign-up pages say about a query they were sent to with (fixed values
// only: nothing from the URL is shown as it is, bar a provider's short error code).

export const SIGNED_OUT_NOTICE = 'You are signed out.';
export const DELETED_NOTICE = 'Your account and all its tasks were deleted.';

const SSO_ERRORS: Record<string, string> = {
  account_not_linked:
    'An account with this email address signs in with a password here. Sign in with it instead.',
  access_denied: 'Single sign-on was cancelled.',
  signup_disabled: 'Single sign-on cannot create accounts here.',
  email_not_found: 'The provider did not tell this app your email address.',
  provider_not_answering: 'The single sign-on provider is not answering. Try again in a moment.',
};

const CODE = /^[a-z0-9_]{1,40}$/;

type Query = Record<string, string | string[] | undefined>;

export function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Why single sign-on came back to the sign-in page (Better Auth's `?error=<code>`). */
export function singleSignOnError(query: Query): string | undefined {
  const code = single(query.error)?.toLowerCase();
  if (!code) return undefined;
  const known = SSO_ERRORS[code];
  if (known) return known;
  return CODE.test(code)
    ? `Single sign-on did not work (${code}). Try again.`
    : 'Single sign-on did not work. Try again.';
}
