import { runCommand } from '@/lib/commands/commands';
import {
  actionStateOf,
  type CommandName,
  type Failure,
  formRoute,
  httpStatusOf,
  isCommandName,
} from '@/lib/commands/outcome';
import { webConfig } from '@/lib/config';
import { contentSecurityPolicy, newNonce } from '@/lib/security/csp';
import { formKeyOf, newFormKey, RETURN_TO_FIELD } from '@/lib/tasks/form-key';
import { parseListHref } from '@/lib/tasks/page-query';
import { fallbackFormPage } from './fallback-page';
import { FLASH_HEADER, holdFlash } from './flash';
import { loopbackOrigin } from './loopback';

// Post/Redirect/Get for the forms posted without JavaScript: a change that was made answers
// 303 See Other to the list the person was on, so neither a reload nor Back sends it again. A
// change that was not made (or not confirmed) answers that list page itself, with the form's
// message and typed text and the same form key, under a status that says what happened.

const html = (status: number, body: string, csp: string) =>
  new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': csp,
      ...(status === 503 ? { 'retry-after': '5' } : {}),
    },
  });

/** The list page to show the failure on: a rename that failed reopens its edit form. */
function pageOf(command: CommandName, failure: Failure, returnTo: string): string {
  if (command !== 'rename' || failure.taskId === undefined || failure.kind === 'not-found') {
    return returnTo;
  }
  return `${returnTo}${returnTo.includes('?') ? '&' : '?'}edit=${failure.taskId}`;
}

/**
 * Renders the page with the failure over loopback: the page's status cannot be chosen from
 * inside a render, so this route fetches its own page and answers it with the status it picks.
 * The page request passes through proxy.ts like any other (its nonce and CSP come back with it).
 */
async function renderedPage(path: string, token: string, request: Request): Promise<Response> {
  const cookie = request.headers.get('cookie');
  return fetch(`${loopbackOrigin()}${path}`, {
    headers: { [FLASH_HEADER]: token, ...(cookie ? { cookie } : {}) },
    cache: 'no-store',
    redirect: 'manual',
    // The page reads the list from the api, which may take its whole deadline.
    signal: AbortSignal.timeout(webConfig().apiTimeoutMs + 5000),
  });
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
  const { token, release } = holdFlash(flash);
  try {
    const page = await renderedPage(pageOf(command, failure, returnTo), token, request);
    const csp = page.headers.get('content-security-policy');
    if (page.status === 200 && csp) return html(status, await page.text(), csp);
    await page.body?.cancel();
  } catch {
    // The fallback below says the same, without the list.
  } finally {
    release();
  }
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

/** Answers a form posted to `/forms/<command>` without JavaScript. */
export async function answerFormPost(request: Request, command: string): Promise<Response> {
  if (!isCommandName(command)) {
    return new Response('Not Found\n', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  const form = await formOf(request);
  const field = form?.get(RETURN_TO_FIELD);
  const returnTo = (typeof field === 'string' && parseListHref(field)) || '/';
  const outcome = await runCommand(command, form);
  if (outcome.ok) {
    return new Response(null, {
      status: 303,
      headers: { location: returnTo, 'cache-control': 'no-store' },
    });
  }
  return failurePage(request, command, outcome, form, returnTo);
}
