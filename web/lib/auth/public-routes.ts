import { OIDC_CALLBACK_PATH, OIDC_HANDLER_PATH, singleSignOnAuth } from './auth';
import { withinDeadline } from './provider-deadline';
import { authSettings } from './settings';

const notFound = () =>
  new Response('Not Found\n', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });

/**
 * The part of Better Auth that browsers reach directly: the provider's redirect back after
 * single sign-on, at `PUBLIC_URL/api/auth/oauth2/callback/oidc` (the address to register with
 * the provider). Better Auth serves the callback of a provider added by its genericOAuth plugin
 * at `/api/auth/callback/oidc`; the registered address (its `redirectURI`) is kept, and the
 * request is handed to that route. Nothing else of Better Auth is exposed: sign-in, sign-up,
 * sign-out and account deletion go through this app's forms, which call it in-process.
 */
export async function answerBetterAuthRoute(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const instance = singleSignOnAuth();
  if (!instance || url.pathname !== OIDC_CALLBACK_PATH) return notFound();
  const handled = new URL(`${OIDC_HANDLER_PATH}${url.search}`, authSettings().publicUrl);
  // The code is exchanged at the provider's token endpoint; if it does not answer in time, back
  // to sign in with the reason, as Better Auth sends its own errors.
  return withinDeadline(
    instance.handler(new Request(handled, { headers: request.headers })),
    new Response(null, {
      status: 303,
      headers: { location: `/sign-in?error=provider_not_answering`, 'cache-control': 'no-store' },
    }),
  );
}
