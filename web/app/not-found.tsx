import type { Metadata } from 'next';
import Link from 'next/link';
import { NOT_FOUND_TITLE } from '@/lib/tasks/list-title';

export const metadata: Metadata = { title: NOT_FOUND_TITLE };

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
