import { hasPassword } from './accounts';
import {
  AUTH_BASE_PATH,
  type Auth,
  auth,
  MAX_PASSWORD_LENGTH,
  OIDC_PROVIDER_ID,
  revocations,
  singleSignOnAuth,
} from './auth';
import { failedForm, seeOther } from './form-answers';
import { type FormFailure, failureOf, failures } from './form-failures';
import { withinDeadline } from './provider-deadline';
import { accountOf } from './request-account';
import {
  type AuthFormName,
  DELETE_ACCOUNT_PATH,
  isAuthFormName,
  RETURN_TO_FIELD,
  returnToOf,
  SIGN_IN_PATH,
  SIGN_UP_PATH,
} from './routes';
import { authSettings } from './settings';

// The account forms (app/auth/[form]/route.ts), the same with JavaScript or without: each posts
// a plain form, and is answered Post/Redirect/Get: 303 to where the person goes next, or the
// form's own page with the message, under a status that says what happened. They call Better
// Auth through its request handler, not its server API, so that its origin and CSRF checks and
// its rate limiter (counted in the database) apply to them exactly as to any request. Proxy.ts
// has already refused a POST from another origin.

type Fields = Map<string, string>;

async function fieldsOf(request: Request): Promise<Fields | null> {
  try {
    const form = await request.formData();
    const fields: Fields = new Map();
    for (const [name, value] of form) if (typeof value === 'string') fields.set(name, value);
    return fields;
  } catch {
    return null;
  }
}

/**
 * Calls one of Better Auth's endpoints as part of this request: its headers (Origin, cookies,
 * the client address set by this server, Fetch Metadata) and a JSON body, which is all its
 * router accepts.
 */
function callBetterAuth(
  instance: Auth,
  request: Request,
  path: string,
  body: unknown,
): Promise<Response> {
  const headers = new Headers(request.headers);
  for (const name of ['content-length', 'transfer-encoding']) headers.delete(name);
  headers.set('content-type', 'application/json');
  const url = `${authSettings().publicUrl}${AUTH_BASE_PATH}${path}`;
  return instance.handler(
    new Request(url, { method: 'POST', headers, body: JSON.stringify(body) }),
  );
}

async function betterAuthAnswer(
  request: Request,
  path: string,
  body: unknown,
  instance: Auth = auth(),
): Promise<{ ok: true; response: Response } | { ok: false; failure: FormFailure }> {
  let response: Response;
  try {
    response = await callBetterAuth(instance, request, path, body);
  } catch (error) {
    console.error(`web: ${path} failed: ${error instanceof Error ? error.message : error}`);
    return { ok: false, failure: failures.unavailable };
  }
  if (response.ok) return { ok: true, response };
  return { ok: false, failure: await failureOf(response) };
}

const emailOf = (fields: Fields) => (fields.get('email') ?? '').trim();

async function signIn(request: Request, fields: Fields): Promise<Response> {
  const email = emailOf(fields);
  const password = fields.get('password') ?? '';
  const returnTo = returnToOf(fields.get(RETURN_TO_FIELD));
  const page =
    returnTo === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?${new URLSearchParams({ returnTo })}`;
  const fail = (failure: FormFailure) =>
    failedForm(request, page, { form: 'sign-in', message: '', email }, failure);
  if (email === '') return fail(failures.emailMissing);
  if (password === '') return fail(failures.passwordMissing);
  if (password.length > MAX_PASSWORD_LENGTH) return fail(failures.wrongCredentials);
  const answer = await betterAuthAnswer(request, '/sign-in/email', {
    email,
    password,
    rememberMe: true,
  });
  if (!answer.ok) return fail(answer.failure);
  return seeOther(returnTo, answer.response.headers.getSetCookie());
}

async function signUp(request: Request, fields: Fields): Promise<Response> {
  const email = emailOf(fields);
  const password = fields.get('password') ?? '';
  const fail = (failure: FormFailure) =>
    failedForm(request, SIGN_UP_PATH, { form: 'sign-up', message: '', email }, failure);
  if (email === '') return fail(failures.emailMissing);
  if (password === '') return fail(failures.passwordMissing);
  if (password !== (fields.get('passwordAgain') ?? '')) return fail(failures.passwordsDiffer);
  const answer = await betterAuthAnswer(request, '/sign-up/email', {
    // Better Auth wants a name; the part of the address before the @ will do.
    name: email.split('@')[0] || email,
    email,
    password,
    rememberMe: true,
  });
  if (!answer.ok) return fail(answer.failure);
  // The api was told of the new account (it adopts unowned tasks) by the user hook in auth.ts.
  return seeOther('/', answer.response.headers.getSetCookie());
}

async function signOut(request: Request): Promise<Response> {
  const failed = () =>
    failedForm(request, '/', { form: 'sign-out', message: '' }, failures.signOutFailed);
  let session: Awaited<ReturnType<ReturnType<typeof auth>['api']['getSession']>>;
  try {
    session = await auth().api.getSession({ headers: request.headers });
  } catch {
    return failed();
  }
  if (!session) return seeOther(SIGN_IN_PATH);
  try {
    // First the ending every replica reads, so that no copy of the cookie outlives this answer.
    await revocations().endSession(session.session.id);
  } catch (error) {
    console.error(
      `web: ending a session failed: ${error instanceof Error ? error.message : error}`,
    );
    return failed();
  }
  const answer = await betterAuthAnswer(request, '/sign-out', {});
  if (!answer.ok) return failed();
  return seeOther(`${SIGN_IN_PATH}?signedOut=1`, answer.response.headers.getSetCookie());
}

async function deleteAccount(request: Request, fields: Fields): Promise<Response> {
  const account = accountOf(request.headers);
  if (!account) return seeOther(SIGN_IN_PATH);
  const fail = (failure: FormFailure) =>
    failedForm(request, DELETE_ACCOUNT_PATH, { form: 'delete-account', message: '' }, failure);
  const password = fields.get('password') ?? '';
  let withPassword: boolean;
  try {
    withPassword = await hasPassword(account.id);
  } catch {
    return fail(failures.unavailable);
  }
  // An account with a password confirms with it; one that signs in with single sign-on only
  // confirms with the box, and Better Auth then wants a session made in the last 15 minutes.
  if (withPassword && password === '') return fail(failures.passwordMissing);
  if (!withPassword && fields.get('confirm') !== 'yes') return fail(failures.confirmMissing);
  const answer = await betterAuthAnswer(request, '/delete-user', withPassword ? { password } : {});
  if (!answer.ok) return fail(answer.failure);
  // Its sessions are gone from the database; their cookie caches end on every replica too.
  await revocations()
    .endAccount(account.id)
    .catch((error: unknown) =>
      console.error(
        `web: recording a deleted account failed: ${error instanceof Error ? error.message : error}`,
      ),
    );
  return seeOther(`${SIGN_UP_PATH}?deleted=1`, answer.response.headers.getSetCookie());
}

async function singleSignOn(request: Request, fields: Fields): Promise<Response> {
  const returnTo = returnToOf(fields.get(RETURN_TO_FIELD));
  const fail = (failure: FormFailure) =>
    failedForm(request, SIGN_IN_PATH, { form: 'single-sign-on', message: '' }, failure);
  const instance = singleSignOnAuth();
  if (!instance) return fail(failures.noSingleSignOn);
  const answer = await withinDeadline(
    betterAuthAnswer(
      request,
      '/sign-in/social',
      {
        provider: OIDC_PROVIDER_ID,
        callbackURL: returnTo,
        newUserCallbackURL: returnTo,
        // Better Auth adds `?error=<code>` to it; the sign-in page says what went wrong.
        errorCallbackURL: SIGN_IN_PATH,
        disableRedirect: true,
      },
      instance,
    ),
    { ok: false, failure: failures.providerAway },
  );
  if (!answer.ok) return fail(answer.failure);
  const { url } = (await answer.response.json()) as { url?: unknown };
  if (typeof url !== 'string') return fail(failures.unavailable);
  return seeOther(url, answer.response.headers.getSetCookie());
}

const FORMS: Record<AuthFormName, (request: Request, fields: Fields) => Promise<Response>> = {
  'sign-in': signIn,
  'sign-up': signUp,
  'sign-out': (request) => signOut(request),
  'delete-account': deleteAccount,
  'single-sign-on': singleSignOn,
};

/** Answers an account form posted to `/auth/<form>`. */
export async function answerAuthForm(request: Request, name: string): Promise<Response> {
  if (!isAuthFormName(name)) {
    return new Response('Not Found\n', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  const fields = await fieldsOf(request);
  if (!fields) {
    return failedForm(request, SIGN_IN_PATH, { form: name, message: '' }, failures.notUnderstood);
  }
  return FORMS[name](request, fields);
}
