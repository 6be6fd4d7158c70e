import Link from 'next/link';
import { authFormRoute, DELETE_ACCOUNT_PATH } from '@/lib/auth/routes';

type Props = {
  email: string;
  /** Why signing out did not work (its form's failure page). */
  message?: string;
};

/** Who is signed in, above the list: sign out (a POST, never a link) and delete the account. */
export function AccountBar({ email, message }: Props) {
  return (
    <nav className="account-bar" aria-label="Your account">
      <span className="account-email" dir="auto" title={email}>
        {email}
      </span>
      <form method="post" action={authFormRoute('sign-out')}>
        <button
          type="submit"
          className="text-button"
          aria-describedby={message ? 'sign-out-message' : undefined}
        >
          Sign out
        </button>
      </form>
      <Link className="text-button" href={DELETE_ACCOUNT_PATH} prefetch={false}>
        Delete account
      </Link>
      {message && (
        <p id="sign-out-message" className="form-message" role="alert">
          {message}
        </p>
      )}
    </nav>
  );
}
