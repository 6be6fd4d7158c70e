/**
 * The hidden fields every form carries besides its own: a random key for the rendering of the
 * form (from which each change asked of it gets its idempotency key, intent-key.ts), and the
 * list URL the person was on, where a form posted without JavaScript returns.
 *
 * Shared by the server, which renders a fresh key with every page, and the browser, which gives
 * a form a new one after each submission. `crypto.getRandomValues` rather than `randomUUID`:
 * the latter exists only in secure contexts, and an app served over plain HTTP is not one.
 */
export const FORM_KEY_FIELD = 'formKey';
export const RETURN_TO_FIELD = 'returnTo';

/** What a form key looks like: base64url, long enough that nobody guesses another's. */
export const FORM_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** 144 random bits as 24 base64url characters. */
export function newFormKey(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}

/** The form's key when it is one, else undefined (a hand-made request, an old page). */
export function formKeyOf(form: FormData): string | undefined {
  const value = form.get(FORM_KEY_FIELD);
  return typeof value === 'string' && FORM_KEY_PATTERN.test(value) ? value : undefined;
}
