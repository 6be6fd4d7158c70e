import { type NextRequest, NextResponse } from 'next/server';
import { apiIsReady } from './lib/api/readiness';
import { ACCOUNT_HEADER, type Account, accountHeaderValue } from './lib/auth/request-account';
import {
  AUTH_FORMS_PREFIX,
  AUTH_PAGES,
  DELETE_ACCOUNT_PATH,
  returnToOf,
  signInHref,
} from './lib/auth/routes';
import { readSession } from './lib/auth/session';
import { authSettings } from './lib/auth/settings';
import { FORMS_PREFIX } from './lib/commands/outcome';
import { webConfig } from './lib/config';
import { FLASH_HEADER, isHeldFlash } from './lib/forms/flash';
import { CLEAR_FOCUS_COOKIE, FOCUS_COOKIE, FOCUS_HEADER } from './lib/forms/focus-cookie';
import { isWellFormedActionBody } from './lib/security/action-body';
import { contentSecurityPolicy, newNonce } from './lib/security/csp';
import { allowedHostsFrom, ownOrigin } from './lib/security/origin';
import { isActionCall, type Refusal, refusalOf } from './lib/security/request-guard';
import { unavailablePage } from './lib/unavailable-page';

const LIST_PATHS = new Set(['/', '/active', '/completed']);
// The list pages' live updates (app/events/route.ts).
const EVENTS_PATH = '/events';

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
 * A GET answered elsewhere, on the origin the browser used (Next wants an absolute Location from
 * a proxy): this site's own origin as the Origin check sees it, else Next's idea of it.
 */
function seeOther(request: NextRequest, path: string, trustProxyHeaders: boolean): NextResponse {
  const origin = ownOrigin(request.headers, trustProxyHeaders) ?? request.nextUrl.origin;
  return new NextResponse(null, {
    status: 303,
    headers: { location: new URL(path, origin).href, 'cache-control': 'no-store' },
  });
}

/** The origin the single sign-on form leads to (the provider's), when there is one. */
function singleSignOnTargets(): string[] {
  const { oidc } = authSettings();
  return oidc ? [new URL(oidc.issuer).origin] : [];
}

/**
 * Where a GET goes instead of the page it asked for: a signed-out visitor of a task page to
 * sign in (remembering the list), a signed-in visitor of sign-in or sign-up to their list.
 */
function redirectFor(pathname: string, search: string, account: Account | null): string | null {
  if (!account && (LIST_PATHS.has(pathname) || pathname === DELETE_ACCOUNT_PATH)) {
    return signInHref(`${pathname}${search}`);
  }
  if (account && AUTH_PAGES.has(pathname)) {
    return returnToOf(new URLSearchParams(search).get('returnTo'));
  }
  return null;
}

/**
 * Runs before every page, action and form post (and prefetch: no header skips it).
 *
 * 1. Refuses what no page of this app sends, with its own status, before Next's action
 *    handling can answer 500: other methods (405), a POST from another origin (403), a body of
 *    unknown length (411) or too large (413), a malformed Server Action call (400).
 * 2. Reads the session once (lib/auth/session.ts: the signed cookie cache, no database round
 *    trip while it is fresh), hands the account to the page, action or route in a request
 *    header of its own (lib/auth/request-account.ts), and passes on the cookies Better Auth
 *    renewed. Signed-out visitors of a task page go to sign in; signed-in visitors of sign-in
 *    or sign-up go to their list.
 * 3. Gives the response a fresh CSP nonce (Next.js reads it from the request's CSP header and
 *    stamps its scripts with it).
 * 4. Answers a list view with a "service unavailable" page and status 503 when the api is not
 *    ready: once a page has started rendering its status can no longer change. A form route's
 *    own render of a failure (it carries a held flash) is let through: the page then shows the
 *    form and its message without the list.
 */
export async function proxy(request: NextRequest) {
  const { trustProxyHeaders } = webConfig();
  const { pathname, search } = request.nextUrl;
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
  // Only this proxy names the account, never the client; the same for the focus hint.
  requestHeaders.delete(ACCOUNT_HEADER);
  requestHeaders.delete(FOCUS_HEADER);
  const session = await readSession(requestHeaders);
  const account = session.ok ? session.account : null;
  if (account) requestHeaders.set(ACCOUNT_HEADER, accountHeaderValue(account));
  const withCookies = (response: NextResponse) => {
    for (const cookie of session.setCookies) response.headers.append('set-cookie', cookie);
    return response;
  };

  // A form route's answer is a redirect, or a page that carries its own CSP (form-post.ts).
  if (pathname.startsWith(FORMS_PREFIX) || pathname.startsWith(AUTH_FORMS_PREFIX)) {
    return withCookies(NextResponse.next({ request: { headers: requestHeaders } }));
  }

  const nonce = newNonce();
  const csp = contentSecurityPolicy(
    nonce,
    process.env.NODE_ENV === 'development',
    AUTH_PAGES.has(pathname) ? singleSignOnTargets() : [],
  );
  requestHeaders.set('content-security-policy', csp);

  const isRead = request.method === 'GET' || request.method === 'HEAD';
  const rendersFlash = isHeldFlash(request.headers.get(FLASH_HEADER));
  const unavailable = () =>
    withCookies(
      new NextResponse(unavailablePage(`${pathname}${search}`, nonce), {
        status: 503,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'retry-after': '5',
          'content-security-policy': csp,
        },
      }),
    );
  if (isRead && !rendersFlash) {
    // The session could not be checked (its cache ran out and the database is away or busy):
    // neither "signed in" nor "signed out" would be true.
    if (!session.ok && (LIST_PATHS.has(pathname) || pathname === DELETE_ACCOUNT_PATH)) {
      return unavailable();
    }
    if (!session.ok && pathname === EVENTS_PATH) {
      return withCookies(
        new NextResponse('the session could not be checked; try again\n', {
          status: 503,
          headers: {
            'content-type': 'text/plain; charset=utf-8',
            'cache-control': 'no-store',
            'retry-after': '5',
          },
        }),
      );
    }
    const location = redirectFor(pathname, search, account);
    if (location) return withCookies(seeOther(request, location, trustProxyHeaders));
  }
  if (isRead && LIST_PATHS.has(pathname) && !rendersFlash && !(await apiIsReady())) {
    return unavailable();
  }
  // A list page drawn after a change made without JavaScript: the hint of where focus goes,
  // used once (lib/forms/focus-cookie.ts).
  const focusHint = request.cookies.get(FOCUS_COOKIE)?.value;
  const takesFocusHint = isRead && LIST_PATHS.has(pathname) && focusHint !== undefined;
  if (takesFocusHint) requestHeaders.set(FOCUS_HEADER, focusHint);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  if (takesFocusHint) response.headers.append('set-cookie', CLEAR_FOCUS_COOKIE);
  return withCookies(response);
}

export const config = {
  // Everything but static files and the probe endpoint, which need no nonce. Prefetches too:
  // a page fetched ahead of time must carry a nonce and answer 503 like any other.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|healthz).*)'],
};
