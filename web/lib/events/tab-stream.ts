// The api's event ids are an account's sequence numbers, at most 15 digits.
const EVENT_ID = /^\d{1,15}$/;

/**
 * Where a tab's stream resumes: the Last-Event-ID its EventSource sends on reconnecting, else
 * the `after` its page asked for (the number the page was rendered with), else nowhere (it is
 * told where the account stands). Anything else is refused.
 */
export function resumePoint(request: Request): string | undefined | 'invalid' {
  const header = request.headers.get('last-event-id');
  const after = new URL(request.url).searchParams.get('after');
  const given = header ?? after;
  if (given === null || given === '') return undefined;
  return EVENT_ID.test(given) ? given : 'invalid';
}

/** A minute to a minute and a half: spread out, so tabs do not all reconnect at once. */
export function streamLifetimeMs(random = Math.random): number {
  return 60_000 + Math.floor(random() * 30_000);
}
