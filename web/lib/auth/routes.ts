import { parseListHref } from '@/lib/tasks/page-query';

/** The pages of accounts; each is also where its form's failures are shown. */
export const SIGN_IN_PATH = '/sign-in';
export const SIGN_UP_PATH = '/sign-up';
export const DELETE_ACCOUNT_PATH = '/delete-account';
export const AUTH_PAGES = new Set([SIGN_IN_PATH, SIGN_UP_PATH]);

/** Where the account forms post, with or without JavaScript (app/auth/[form]/route.ts). */
export const AUTH_FORMS_PREFIX = '/auth/';
export const AUTH_FORM_NAMES = [
  'sign-in',
  'sign-up',
  'sign-out',
  'delete-account',
  'single-sign-on',
] as const;
export type AuthFormName = (typeof AUTH_FORM_NAMES)[number];

export function isAuthFormName(value: unknown): value is AuthFormName {
  return AUTH_FORM_NAMES.includes(value as AuthFormName);
}

export function authFormRoute(form: AuthFormName): string {
  return `${AUTH_FORMS_PREFIX}${form}`;
}

/** The hidden field naming the list to go to after signing in. */
export const RETURN_TO_FIELD = 'returnTo';

/**
 * The list to return to, from a form field or a query parameter: only a list URL of this app
 * (`parseListHref`), anything else is `/`, so that no link or form can send anyone elsewhere.
 */
export function returnToOf(value: unknown): string {
  return (typeof value === 'string' && parseListHref(value)) || '/';
}

/** The sign-in page, remembering the list the visitor asked for (when it is not the default). */
export function signInHref(returnTo: string): string {
  const list = returnToOf(returnTo);
  return list === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?${new URLSearchParams({ returnTo: list })}`;
}
