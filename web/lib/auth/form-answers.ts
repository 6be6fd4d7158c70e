import type { AuthFlash } from '@/lib/forms/flash';
import { htmlAnswer, pageWithFlash } from '@/lib/forms/flash-page';
import { escapeHtml } from '@/lib/html-escape';
import { contentSecurityPolicy, newNonce } from '@/lib/security/csp';
import { standalonePage } from '@/lib/standalone-page';
import type { FormFailure } from './form-failures';

const noStore = { 'cache-control': 'no-store' };

/** 303 See Other to `location`, passing on the cookies Better Auth set or removed. */
export function seeOther(location: string, setCookies: string[] = []): Response {
  const headers = new Headers({ location, ...noStore });
  for (const cookie of setCookies) headers.append('set-cookie', cookie);
  return new Response(null, { status: 303, headers });
}

function failureHeaders(failure: FormFailure): Record<string, string> {
  const headers: Record<string, string> = {};
  if (failure.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter);
  // A 401 names how to authenticate: with this app's sign-in form.
  if (failure.status === 401) headers['www-authenticate'] = 'Form realm="Todo"';
  return headers;
}

/**
 * The answer to an account form that failed: its page (`pagePath`, over loopback, with the
 * message and the typed email, see lib/forms/flash-page.ts) under the failure's status, or, if
 * that page cannot be rendered, a small page of its own with the message and a way back.
 */
export async function failedForm(
  request: Request,
  pagePath: string,
  flash: AuthFlash,
  failure: FormFailure,
): Promise<Response> {
  const page = await pageWithFlash(request, pagePath, { ...flash, message: failure.message });
  if (page) return htmlAnswer(failure.status, page.body, page.csp, failureHeaders(failure));
  const nonce = newNonce();
  const body = standalonePage({
    title: 'Your account',
    nonce,
    body: `<h1>Your account</h1>
<p role="alert">${escapeHtml(failure.message)}</p>
<a href="${escapeHtml(pagePath)}">Back</a>`,
  });
  return htmlAnswer(
    failure.status,
    body,
    contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development'),
    failureHeaders(failure),
  );
}
