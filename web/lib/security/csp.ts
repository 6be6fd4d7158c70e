/**
 * The Content-Security-Policy of every page: scripts only from this origin and carrying this
 * response's nonce (Next.js puts it on its own scripts), styles only from this origin, and no
 * other host for anything. `formTargets` are origins a form may lead to besides this one: the
 * sign-in pages' single sign-on form is answered with a redirect to the provider, and browsers
 * hold redirects after a form post to `form-action` too.
 */
export function contentSecurityPolicy(
  nonce: string,
  development: boolean,
  formTargets: readonly string[] = [],
): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    `style-src 'self'${development ? " 'unsafe-inline'" : ` 'nonce-${nonce}'`}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    ["form-action 'self'", ...formTargets].join(' '),
    "frame-ancestors 'none'",
  ].join('; ');
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
