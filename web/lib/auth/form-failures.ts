import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './auth';

/**
 * What an account form came to when it failed, as the page says it: a message and the status
 * of the answer (with Retry-After for 429 and 503).
 */
export type FormFailure = {
  status: 400 | 401 | 403 | 404 | 422 | 429 | 503;
  message: string;
  retryAfter?: number;
};

export const failures = {
  emailMissing: { status: 400, message: 'Enter your email address.' },
  passwordMissing: { status: 400, message: 'Enter your password.' },
  emailInvalid: { status: 400, message: 'Enter an email address like name@example.com.' },
  passwordTooShort: {
    status: 400,
    message: `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
  },
  passwordTooLong: {
    status: 400,
    message: `Choose a password of at most ${MAX_PASSWORD_LENGTH} characters.`,
  },
  passwordsDiffer: { status: 400, message: 'The two passwords are not the same.' },
  wrongCredentials: { status: 401, message: 'The email address or the password is not right.' },
  wrongPassword: { status: 401, message: 'That password is not right. Nothing was deleted.' },
  confirmMissing: {
    status: 400,
    message: 'Tick the box to confirm that everything is to be deleted.',
  },
  notFresh: {
    status: 403,
    message: 'For your safety, sign out and in again, then delete the account within 15 minutes.',
  },
  emailTaken: {
    status: 422,
    message: 'An account with this email address already exists. Sign in instead.',
  },
  foreignOrigin: {
    status: 403,
    message: 'This form was sent from another site, so it was refused.',
  },
  notUnderstood: {
    status: 400,
    message: 'This request was not understood. Reload the page and try again.',
  },
  unavailable: {
    status: 503,
    message: 'Accounts are unavailable right now. Nothing was changed; try again in a moment.',
    retryAfter: 5,
  },
  signOutFailed: {
    status: 503,
    message: 'Signing out did not work just now; you are still signed in. Try again in a moment.',
    retryAfter: 5,
  },
  noSingleSignOn: { status: 404, message: 'Single sign-on is not set up here.' },
  providerAway: {
    status: 503,
    message: 'The single sign-on provider is not answering. Try again in a moment.',
    retryAfter: 5,
  },
} satisfies Record<string, FormFailure>;

export function tooManyAttempts(retryAfter: number): FormFailure {
  const seconds = Math.max(1, Math.ceil(retryAfter));
  return {
    status: 429,
    message: `Too many attempts. Wait ${seconds} second${seconds === 1 ? '' : 's'}, then try again.`,
    retryAfter: seconds,
  };
}

type BetterAuthError = { code?: unknown; message?: unknown };

/** Better Auth's answer to a form, in this app's words (its `code` picks the message). */
export async function failureOf(response: Response): Promise<FormFailure> {
  if (response.status === 429) {
    const seconds = Number(response.headers.get('x-retry-after'));
    await response.body?.cancel();
    return tooManyAttempts(Number.isFinite(seconds) ? seconds : 60);
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    return failures.unavailable;
  }
  const body = (await response.json().catch(() => ({}))) as BetterAuthError;
  switch (body.code) {
    case 'INVALID_EMAIL_OR_PASSWORD':
      return failures.wrongCredentials;
    case 'INVALID_PASSWORD':
      return failures.wrongPassword;
    case 'INVALID_EMAIL':
      return failures.emailInvalid;
    case 'PASSWORD_TOO_SHORT':
      return failures.passwordTooShort;
    case 'PASSWORD_TOO_LONG':
      return failures.passwordTooLong;
    case 'USER_ALREADY_EXISTS':
    case 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL':
      return failures.emailTaken;
    case 'SESSION_EXPIRED':
    case 'SESSION_NOT_FRESH':
      return failures.notFresh;
    case 'INVALID_ORIGIN':
    case 'MISSING_OR_NULL_ORIGIN':
    case 'CROSS_SITE_NAVIGATION_LOGIN_BLOCKED':
      return failures.foreignOrigin;
    default:
      return failures.notUnderstood;
  }
}
