import { type NextRequest, NextResponse } from 'next/server';
import { apiIsReady } from './lib/api/readiness';
import { contentSecurityPolicy, newNonce } from './lib/security/csp';
import { unavailablePage } from './lib/unavailable-page';

const LIST_PATHS = new Set(['/', '/active', '/completed']);

/**
 * Runs before every page: gives the response a fresh CSP nonce (Next.js reads it from the
 * request's CSP header and stamps its scripts with it), and answers a list view with a
 * "service unavailable" page and status 503 when the api is not ready: once a page has started
 * rendering its status can no longer change, so this is decided here.
 */
export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);

  const isRead = request.method === 'GET' || request.method === 'HEAD';
  if (isRead && LIST_PATHS.has(request.nextUrl.pathname) && !(await apiIsReady())) {
    const retryHref = `${request.nextUrl.pathname}${request.nextUrl.search}`;
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
  matcher: [
    {
      // Pages only: static files and the probe endpoint need no nonce.
      source: '/((?!_next/static|_next/image|favicon.ico|icon.svg|healthz).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
