import { webConfig } from '@/lib/config';
import { type AuthFlash, FLASH_HEADER, type Flash, holdFlash } from './flash';
import { loopbackOrigin } from './loopback';

/** An HTML answer with its own status and CSP (that of the page, or of a fallback page). */
export function htmlAnswer(
  status: number,
  body: string,
  csp: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': csp,
      ...headers,
    },
  });
}

/**
 * Renders one of this app's pages with a form's failure over loopback: a page's status cannot
 * be chosen from inside a render, so a form route fetches its own page, with a header naming
 * the held flash, and answers that HTML with the status it picks. The page request passes
 * through proxy.ts like any other (its nonce and CSP come back with it; its session is read
 * from the same cookies). Null when the page could not be rendered: the caller answers a
 * fallback page of its own.
 */
export async function pageWithFlash(
  request: Request,
  path: string,
  flash: Flash | AuthFlash,
): Promise<{ body: string; csp: string } | null> {
  const { token, release } = holdFlash(flash);
  try {
    const cookie = request.headers.get('cookie');
    const page = await fetch(`${loopbackOrigin()}${path}`, {
      headers: { [FLASH_HEADER]: token, ...(cookie ? { cookie } : {}) },
      cache: 'no-store',
      redirect: 'manual',
      // The page reads the list from the api, which may take its whole deadline.
      signal: AbortSignal.timeout(webConfig().apiTimeoutMs + 5000),
    });
    const csp = page.headers.get('content-security-policy');
    if (page.status === 200 && csp) return { body: await page.text(), csp };
    await page.body?.cancel();
    return null;
  } catch {
    return null;
  } finally {
    release();
  }
}
