import { PROBLEM_TYPES } from '@todo/api/problem-types';

/**
 * What a call to the api came to, as the web app must tell its user. For a change the words
 * must be true: `not-written` only when the api promised that nothing happened; when nobody can
 * say (the answer was lost, or the same change is still running), `unconfirmed`, and the same
 * idempotency key settles it on the next try.
 */
export type ApiFailureKind =
  | 'unavailable'
  | 'not-written'
  | 'unconfirmed'
  | 'not-found'
  | 'rejected';

export type ApiFailure = { ok: false; kind: ApiFailureKind; message: string };
export type ApiResult<T> = { ok: true; value: T } | ApiFailure;

export const UNAVAILABLE_MESSAGE =
  'The task service is not answering right now. Try again in a moment.';
export const NOT_WRITTEN_MESSAGE =
  'The task service did not answer in time. Nothing was changed; try again in a moment.';
export const NOT_REACHED_MESSAGE =
  'The task service is not answering right now. Nothing was changed; try again in a moment.';
export const UNCONFIRMED_MESSAGE =
  'The task service has not confirmed this change yet. Send it again: it will not be made twice.';

export const failure = (kind: ApiFailureKind, message: string): ApiFailure => ({
  ok: false,
  kind,
  message,
});

export const unavailable = () => failure('unavailable', UNAVAILABLE_MESSAGE);
export const notWritten = () => failure('not-written', NOT_WRITTEN_MESSAGE);
/** No connection to the api could be made: the change was never sent. */
export const notReached = () => failure('not-written', NOT_REACHED_MESSAGE);
export const unconfirmed = () => failure('unconfirmed', UNCONFIRMED_MESSAGE);

type ProblemLike = { type?: unknown; detail?: unknown; errors?: unknown };

function problemMessage(body: ProblemLike | undefined): string | undefined {
  if (!body) return undefined;
  const { detail, errors } = body;
  if (Array.isArray(errors) && errors.length > 0) {
    const first = errors[0] as { field?: unknown; message?: unknown };
    if (typeof first.message === 'string') {
      return typeof first.field === 'string' ? `${first.field} ${first.message}` : first.message;
    }
  }
  return typeof detail === 'string' ? detail : undefined;
}

async function problemOf(response: Response): Promise<ProblemLike | undefined> {
  const body: unknown = await response.json().catch(() => undefined);
  return typeof body === 'object' && body !== null ? (body as ProblemLike) : undefined;
}

/**
 * The api refused this app's token: web and api do not share API_TOKEN_KEY_FILE (or their
 * clocks are far apart). Nothing the person did can fix it, so it reads as the api being away,
 * and the server log says what is wrong. The api checks the token before anything else, so a
 * change refused this way was not made.
 */
function tokenRefused(response: Response): void {
  console.error(
    `web: the api refused this app's token (${response.status}): web and api must read the same key from API_TOKEN_KEY_FILE`,
  );
}

/** Turns a non-2xx answer to a read (an RFC 9457 problem) into a failure the UI can show. */
export async function readFailureFrom(response: Response): Promise<ApiFailure> {
  if (response.status === 401) {
    tokenRefused(response);
    await response.body?.cancel();
    return unavailable();
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    return unavailable();
  }
  return clientFailure(response.status, await problemOf(response));
}

/** The same for a change: a 503 says whether it was written; other 5xx and 409 leave it open. */
export async function writeFailureFrom(response: Response): Promise<ApiFailure> {
  if (response.status === 401) {
    tokenRefused(response);
    await response.body?.cancel();
    return notReached();
  }
  const problem = await problemOf(response);
  if (response.status === 503) {
    const type = problem?.type;
    if (type === PROBLEM_TYPES.notWritten || type === PROBLEM_TYPES.busy) return notWritten();
    return unconfirmed();
  }
  // A success other than the one the contract promises (200 for a create, say) is not the
  // api's answer: whatever answered, nobody can say whether the change was made.
  if (response.status === 409 || response.status >= 500 || response.status < 400) {
    return unconfirmed();
  }
  return clientFailure(response.status, problem);
}

function clientFailure(status: number, problem: ProblemLike | undefined): ApiFailure {
  if (status === 404) return failure('not-found', 'That task no longer exists. Reload the list.');
  if (problem?.type === PROBLEM_TYPES.keyReused) {
    return failure('rejected', 'This form was already used for another change. Reload the page.');
  }
  const detail = problemMessage(problem) ?? `the request was refused (${status})`;
  return failure('rejected', `The task service refused this: ${detail}.`);
}
