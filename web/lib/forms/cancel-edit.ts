import { parseTaskId } from '@todo/api/limits';
import { FORMS_PREFIX } from '@/lib/commands/outcome';
import { RETURN_TO_FIELD } from '@/lib/tasks/form-key';
import { parseListHref } from '@/lib/tasks/page-query';
import { focusCookie } from './focus-cookie';

/**
 * Where the edit form's Cancel posts without JavaScript (`formaction` of its button). Not a
 * command: nothing is written and the api is not called. A link back to the list could not
 * say where focus goes without a query in the URL; this post answers 303 to the list with the
 * one-shot focus cookie (focus-cookie.ts), so focus returns to the row's ✎ on a clean URL, on
 * whichever replica serves the next request. Its Origin is checked like every form route's
 * (proxy.ts, request-guard.ts).
 */
export const CANCEL_EDIT_ROUTE = `${FORMS_PREFIX}cancel-edit`;

/**
 * The answer to a Cancel: 303 to the list it came from (`returnTo`, else `/`), focus on the ✎
 * of task `id`. A malformed id gives no hint (the list focuses the new-task field, as any
 * visit); another account's id names no row of the page, which then focuses a neighbour, as
 * for a task that is gone: either way nothing changes.
 */
export function cancelEditAnswer(form: FormData | undefined): Response {
  const returnTo = form?.get(RETURN_TO_FIELD);
  const location = (typeof returnTo === 'string' && parseListHref(returnTo)) || '/';
  const idField = form?.get('id');
  const id = typeof idField === 'string' ? parseTaskId(idField) : null;
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  if (id !== null) headers.append('set-cookie', focusCookie({ element: 'edit', id }));
  return new Response(null, { status: 303, headers });
}
