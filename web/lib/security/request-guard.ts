import { AUTH_FORMS_PREFIX } from '@/lib/auth/routes';
import { FORMS_PREFIX } from '@/lib/commands/outcome';
import { BODY_LIMIT_BYTES } from './body-limit';
import { checkOrigin, type OriginPolicy } from './origin';

/**
 * What proxy.ts refuses before Next sees a request, each with its own status: a method this
 * app does not serve, a POST from another origin (CSRF), a body too large or of unknown
 * length, and a POST that is neither a Server Action call nor one of the forms' routes (the
 * task forms' and the account forms').
 */
export type Refusal = {
  status: 400 | 403 | 405 | 411 | 413;
  reason: string;
  /** The Allow header of a 405. */
  allow?: string;
};

export type GuardedRequest = { method: string; pathname: string; headers: Headers };

/** A Server Action call: the header Next's client sends with every one. */
export function isActionCall(headers: Headers): boolean {
  return headers.has('next-action');
}

const CONTENT_LENGTH = /^\d{1,15}$/;

export function refusalOf(request: GuardedRequest, policy: OriginPolicy): Refusal | null {
  const { method, pathname, headers } = request;
  if (method === 'GET' || method === 'HEAD') return null;
  if (method !== 'POST') {
    return { status: 405, reason: `${method} is not served here`, allow: 'GET, HEAD, POST' };
  }
  const origin = checkOrigin(headers, policy);
  if (origin !== 'same-origin' && origin !== 'allowed') {
    return { status: 403, reason: `a POST needs this site's origin (Origin: ${origin})` };
  }
  const length = headers.get('content-length');
  if (length === null) return { status: 411, reason: 'a POST needs a Content-Length' };
  if (!CONTENT_LENGTH.test(length)) return { status: 400, reason: 'malformed Content-Length' };
  if (Number(length) > BODY_LIMIT_BYTES) {
    return { status: 413, reason: `the body is over ${BODY_LIMIT_BYTES} bytes` };
  }
  // Pages take POSTs only as Server Action calls; forms without JavaScript post to /forms/,
  // and the account forms to /auth/.
  const formRoute = pathname.startsWith(FORMS_PREFIX) || pathname.startsWith(AUTH_FORMS_PREFIX);
  if (!isActionCall(headers) && !formRoute) {
    return { status: 405, reason: 'this address takes no form posts', allow: 'GET, HEAD' };
  }
  return null;
}
