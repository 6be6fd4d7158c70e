// Errors that fetch reports when no connection to the api was ever made: the address has no
// listener, the name does not resolve, there is no route. Nothing was sent, so nothing was
// written. Anything else (a reset, a timeout) may have happened after the api read the request.
const NOTHING_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether a failed fetch (undici's `TypeError: fetch failed`) never reached the api at all. */
export function neverReachedApi(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof AggregateError) {
    // Happy eyeballs tries every address of a name; all of them must have refused.
    return (
      cause.errors.length > 0 && cause.errors.every((each) => NOTHING_SENT.has(codeOf(each) ?? ''))
    );
  }
  return NOTHING_SENT.has(codeOf(cause) ?? '');
}
