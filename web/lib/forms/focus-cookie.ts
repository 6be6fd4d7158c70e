import { type FocusHint, formatFocusHint, parseFocusHint } from '@/lib/tasks/focus-target';

// Without JavaScript, a change answers 303 to the list, and the list page must know where focus
// goes (the page's `autofocus`) without a query or fragment in its URL: the form route leaves
// the hint in a cookie, and proxy.ts takes it off the next list request (handing it to the page
// in FOCUS_HEADER) and deletes it in that response, so it is used once.

export const FOCUS_COOKIE = 'todo-focus';

/** The request header proxy.ts hands the hint on in (any the client sent is removed first). */
export const FOCUS_HEADER = 'x-todo-focus';

export function focusCookie(hint: FocusHint): string {
  return `${FOCUS_COOKIE}=${formatFocusHint(hint)}; Path=/; HttpOnly; SameSite=Lax`;
}

export const CLEAR_FOCUS_COOKIE = `${FOCUS_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;

/** The hint a request's header carries (from proxy.ts), validated again: it came from outside. */
export function focusHintOf(headers: Headers): FocusHint | undefined {
  return parseFocusHint(headers.get(FOCUS_HEADER));
}
