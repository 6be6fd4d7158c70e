import { authFormRoute, RETURN_TO_FIELD } from '@/lib/auth/routes';

/** "Sign in with <provider>": a POST that is answered with a redirect to the provider. */
export function SingleSignOnForm({ name, returnTo }: { name: string; returnTo: string }) {
  return (
    <form className="sso-form" method="post" action={authFormRoute('single-sign-on')}>
      {returnTo !== '/' && <input type="hidden" name={RETURN_TO_FIELD} value={returnTo} />}
      <p className="divider">
        <span>or</span>
      </p>
      <button type="submit" className="button secondary">
        {`Sign in with ${name}`}
      </button>
    </form>
  );
}
