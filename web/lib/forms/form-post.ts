import { runCommand, type TaskWrites } from '@/lib/commands/commands';
import {
  actionStateOf,
  type CommandName,
  type Failure,
  formRoute,
  httpStatusOf,
  isCommandName,
} from '@/lib/commands/outcome';
import { contentSecurityPolicy, newNonce } from '@/lib/security/csp';
import { focusHintAfter } from '@/lib/tasks/focus-target';
import { formKeyOf, newFormKey, RETURN_TO_FIELD } from '@/lib/tasks/form-key';
import { parseListHref } from '@/lib/tasks/page-query';
import { undoCookieHeader } from '@/lib/undo/route-cookie';
import { fallbackFormPage } from './fallback-page';
import { htmlAnswer, pageWithFlash } from './flash-page';
import { focusCookie } from './focus-cookie';

// Post/Redirect/Get for the forms posted without JavaScript: a change that was made answers
// 303 See Other to the list the person was on, so neither a reload nor Back sends it again. A
// change that was not made (or not confirmed) answers that list page itself, with the form's
// message and typed text and the same form key, under a status that says what happened.

const html = (status: number, body: string, csp: string) =>
  htmlAnswer(status, body, csp, status === 503 ? { 'retry-after': '5' } : {});

/** The list page to show the failure on: a rename that failed reopens its edit form. */
function pageOf(command: CommandName, failure: Failure, returnTo: string): string {
  if (command !== 'rename' || failure.taskId === undefined || failure.kind === 'not-found') {
    return returnTo;
  }
  return `${returnTo}${returnTo.includes('?') ? '&' : '?'}edit=${failure.taskId}`;
}

async function failurePage(
  request: Request,
  command: CommandName,
  failure: Failure,
  form: FormData | undefined,
  returnTo: string,
): Promise<Response> {
  const status = httpStatusOf(failure);
  const formKey = (form && formKeyOf(form)) ?? newFormKey();
  const flash = { command, state: actionStateOf(failure), formKey };
  const page = await pageWithFlash(request, pageOf(command, failure, returnTo), flash);
  if (page) return html(status, page.body, page.csp);
  // The fallback says the same, without the list.
  const nonce = newNonce();
  const body = fallbackFormPage({
    action: formRoute(command),
    form,
    message: failure.message,
    returnTo,
    nonce,
  });
  return html(status, body, contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development'));
}

async function formOf(request: Request): Promise<FormData | undefined> {
  try {
    return await request.formData();
  } catch {
    // Not a form body at all; the command refuses it like any other malformed request.
    return undefined;
  }
}

/**
 * Answers a form posted to `/forms/<command>` without JavaScript, with `api` the writes of the
 * signed-in account (`account`).
 */
export async function answerFormPost(
  request: Request,
  command: string,
  api: TaskWrites,
  account: string,
): Promise<Response> {
  if (!isCommandName(command)) {
    return new Response('Not Found\n', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  const form = await formOf(request);
  const field = form?.get(RETURN_TO_FIELD);
  const returnTo = (typeof field === 'string' && parseListHref(field)) || '/';
  const outcome = await runCommand(command, form, api);
  const undo = undoCookieHeader(request, command, outcome, account);
  if (outcome.ok) {
    const redirectHeaders = new Headers({ location: returnTo, 'cache-control': 'no-store' });
    // Where focus goes on the list it is sent to (focus-cookie.ts).
    redirectHeaders.append('set-cookie', focusCookie(focusHintAfter(command, form)));
    for (const [name, value] of Object.entries(undo)) redirectHeaders.append(name, value);
    return new Response(null, {
      status: 303,
      headers: redirectHeaders,
    });
  }
  const page = await failurePage(request, command, outcome, form, returnTo);
  for (const [name, value] of Object.entries(undo)) page.headers.append(name, value);
  return page;
}
