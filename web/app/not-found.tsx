import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Not found · Todo' };

export default function NotFound() {
  return (
    <section className="todoapp error-state" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>There is no page at this address.</p>
      <Link className="button" href="/">
        Go to your tasks
      </Link>
    </section>
  );
}
