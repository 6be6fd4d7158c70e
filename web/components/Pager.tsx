import Link from 'next/link';

type Props = { nextHref: string | null; firstHref: string | null };

/** Cursor paging: a long list is read a page at a time, so each page costs the same. */
export function Pager({ nextHref, firstHref }: Props) {
  if (!nextHref && !firstHref) return null;
  return (
    <nav className="pager" aria-label="Pages">
      {firstHref && (
        <Link href={firstHref} prefetch={false}>
          First page
        </Link>
      )}
      {nextHref && (
        <Link href={nextHref} prefetch={false} rel="next">
          Next page
        </Link>
      )}
    </nav>
  );
}
