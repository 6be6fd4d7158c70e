import type { ReactNode } from 'react';

type Props = {
  /** The page's one heading ("Sign in", "Create your account"...). */
  title: string;
  children: ReactNode;
};

/** The card of the account pages, in the look of the list: the app's name, then the page. */
export function AuthCard({ title, children }: Props) {
  return (
    <section className="todoapp auth" aria-labelledby="auth-title">
      <p className="brand" aria-hidden="true">
        todos
      </p>
      <h1 id="auth-title">{title}</h1>
      {children}
    </section>
  );
}
