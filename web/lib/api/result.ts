/** What a call to the api came to, as the web app needs to tell its user. */
export type ApiFailureKind = 'unavailable' | 'not-found' | 'rejected';

export type ApiFailure = { ok: false; kind: ApiFailureKind; message: string };
export type ApiResult<T> = { ok: true; value: T } | ApiFailure;

export const UNAVAILABLE_MESSAGE =
  'The task service is not answering right now. Nothing was changed; try again in a moment.';

export function unavailable(): ApiFailure {
  return { ok: false, kind: 'unavailable', message: UNAVAILABLE_MESSAGE };
}

type ProblemLike = { detail?: unknown; errors?: unknown };

function problemMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { detail, errors } = body as ProblemLike;
  if (Array.isArray(errors) && errors.length > 0) {
    const first = errors[0] as { field?: unknown; message?: unknown };
    if (typeof first.message === 'string') {
      return typeof first.field === 'string' ? `${first.field} ${first.message}` : first.message;
    }
  }
  return typeof detail === 'string' ? detail : undefined;
}

/** Turns a non-2xx api answer (an RFC 9457 problem) into a failure the UI can show. */
export async function failureFrom(response: Response): Promise<ApiFailure> {
  if (response.status >= 500) return unavailable();
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 404) {
    return {
      ok: false,
      kind: 'not-found',
      message: 'That task no longer exists. Reload the list.',
    };
  }
  const detail = problemMessage(body) ?? `the request was refused (${response.status})`;
  return { ok: false, kind: 'rejected', message: `The task service refused this: ${detail}.` };
}
