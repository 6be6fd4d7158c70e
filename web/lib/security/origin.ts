/**
 * Whether a POST comes from a page of this app: its `Origin` must be this app's own origin,
 * scheme included, or one of the hosts configured as allowed. Browsers send Origin with every
 * POST, so a missing one, `null` (a sandboxed or privacy-sensitive context) and anything that is
 * not an origin are refused too.
 */
export type OriginPolicy = {
  /** Take the public scheme and host from X-Forwarded-Proto/-Host (set by a trusted ingress). */
  trustProxyHeaders: boolean;
  /** `host[:port]` patterns as Next's `serverActions.allowedOrigins` reads them (`*.example.com`). */
  allowedHosts: readonly string[];
};

export type OriginVerdict =
  | 'same-origin'
  | 'allowed'
  | 'missing'
  | 'null'
  | 'malformed'
  | 'foreign';

// A Host header (or X-Forwarded-Host) is a name or address and an optional port, nothing more.
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function first(value: string | null): string | undefined {
  return value?.split(',')[0]?.trim() || undefined;
}

/** This app's origin as the browser sees it; null when the request does not say. */
export function ownOrigin(headers: Headers, trustProxyHeaders: boolean): string | null {
  // TLS ends at the ingress: without trusted forwarding headers, this server speaks plain HTTP.
  const scheme = (trustProxyHeaders && first(headers.get('x-forwarded-proto'))) || 'http';
  const host =
    (trustProxyHeaders && first(headers.get('x-forwarded-host'))) || headers.get('host') || '';
  if ((scheme !== 'http' && scheme !== 'https') || !HOST.test(host)) return null;
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return null;
  }
}

/** Next's wildcard rules: `*` is one label, a leading `**` any number; never a whole domain. */
export function hostMatches(host: string, pattern: string): boolean {
  const hostLabels = host.toLowerCase().split('.');
  const patternLabels = pattern.trim().toLowerCase().split('.');
  if (patternLabels.length === 1 && (patternLabels[0] === '*' || patternLabels[0] === '**')) {
    return false;
  }
  while (patternLabels.length > 0) {
    const wanted = patternLabels.pop();
    const label = hostLabels.pop();
    if (wanted === '' || label === undefined || label === '') return false;
    if (wanted === '**') return patternLabels.length === 0;
    if (wanted !== '*' && wanted !== label) return false;
  }
  return hostLabels.length === 0;
}

export function checkOrigin(headers: Headers, policy: OriginPolicy): OriginVerdict {
  const origin = headers.get('origin');
  if (origin === null) return 'missing';
  if (origin === 'null') return 'null';
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return 'malformed';
  }
  // Exactly the serialisation a browser sends: scheme, host, port if not the default; no path.
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) {
    return 'malformed';
  }
  if (url.origin === ownOrigin(headers, policy.trustProxyHeaders)) return 'same-origin';
  if (policy.allowedHosts.some((pattern) => hostMatches(url.host, pattern))) return 'allowed';
  return 'foreign';
}

/** SERVER_ACTIONS_ALLOWED_ORIGINS as a list (comma-separated `host[:port]` patterns). */
export function allowedHostsFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
