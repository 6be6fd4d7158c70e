import { type NextRequest, NextResponse } from 'next/server';
import { apiIsReady } from './lib/api/readiness';
import { FORMS_PREFIX } from './lib/commands/outcome';
import { webConfig } from './lib/config';
import { FLASH_HEADER, heldFlash } from './lib/forms/flash';
import { isWellFormedActionBody } from './lib/security/action-body';
import { contentSecurityPolicy, newNonce } from './lib/security/csp';
import { allowedHostsFrom } from './lib/security/origin';
import { isActionCall, type Refusal, refusalOf } from './lib/security/request-guard';
import { unavailablePage } from './lib/unavailable-page';

const LIST_PATHS = new Set(['/', '/active', '/completed']);

// The same list Next checks Server Actions against (next.config.ts inlines it at build time).
const allowedHosts = allowedHostsFrom(process.env.SERVER_ACTIONS_ALLOWED_ORIGINS);

// Forwarding headers a client could set itself: passed on only from a trusted ingress.
const FORWARDING_HEADERS = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port'];

function refuse(refusal: Refusal): NextResponse {
  return new NextResponse(`${refusal.reason}\n`, {
    status: refusal.status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      ...(refusal.allow ? { allow: refusal.allow } : {}),
    },
  });
}

/**
 * Runs before every page, action and form post (and prefetch: no header skips it).
 *
 * 1. Refuses what no page of this app sends, with its own status, before Next's action
 *    handling can answer 500: other methods (405), a POST from another origin (403), a body of
 *    unknown length (411) or too large (413), a malformed Server Action call (400).
 * 2. Gives the response a fresh CSP nonce (Next.js reads it from the request's CSP header and
 *    stamps its scripts with it).
 * 3. Answers a list view with a "service unavailable" page and status 503 when the api is not
 *    ready: once a page has started rendering its status can no longer change. A form route's
 *    own render of a failure (it carries a held flash) is let through: the page then shows the
 *    form and its message without the list.
 */
export async function proxy(request: NextRequest) {
  const { trustProxyHeaders } = webConfig();
  const { pathname } = request.nextUrl;
  const refusal = refusalOf(
    { method: request.method, pathname, headers: request.headers },
    { trustProxyHeaders, allowedHosts },
  );
  if (refusal) return refuse(refusal);
  if (request.method === 'POST' && isActionCall(request.headers)) {
    if (!(await isWellFormedActionBody(request))) {
      return refuse({ status: 400, reason: 'a Server Action call takes (state, form)' });
    }
  }

  const requestHeaders = new Headers(request.headers);
  if (!trustProxyHeaders) {
    for (const name of FORWARDING_HEADERS) requestHeaders.delete(name);
  }
  // A form route's answer is a redirect, or a page that carries its own CSP (form-post.ts).
  if (pathname.startsWith(FORMS_PREFIX)) {
    return NextResponse.next({ request: { headers: requestHeaders } });
  }

  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  requestHeaders.set('content-security-policy', csp);

  const isRead = request.method === 'GET' || request.method === 'HEAD';
  const rendersFlash = heldFlash(request.headers.get(FLASH_HEADER)) !== undefined;
  if (isRead && LIST_PATHS.has(pathname) && !rendersFlash && !(await apiIsReady())) {
    const retryHref = `${pathname}${request.nextUrl.search}`;
    return new NextResponse(unavailablePage(retryHref, nonce), {
      status: 503,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'retry-after': '5',
        'content-security-policy': csp,
      },
    });
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  // Everything but static files and the probe endpoint, which need no nonce. Prefetches too:
  // a page fetched ahead of time must carry a nonce and answer 503 like any other.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|healthz).*)'],
};
