import Link from 'next/link';

type Props = {
  firstHref: string | null;
  prevHref: string | null;
  nextHref: string | null;
  /** "51–100 of 120" (lib/tasks/page-position.ts), or null. */
  position: string | null;
};

/**
 * Cursor paging: a long list is read a page at a time, each page opened by a cursor the api
 * gave (no OFFSET), so each page costs the same. Plain links: they work without JavaScript and
 * are reached with Tab like any other.
 */
export function Pager({ firstHref, prevHref, nextHref, position }: Props) {
  if (!nextHref && !prevHref && !firstHref) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <span className="pager-back">
        {firstHref && (
          <Link href={firstHref} prefetch={false}>
            First page
          </Link>
        )}
        {prevHref && (
          <Link href={prevHref} prefetch={false} rel="prev">
            Previous page
          </Link>
        )}
      </span>
      {position && <span className="pager-position">{position}</span>}
      <span className="pager-forward">
        {nextHref && (
          <Link href={nextHref} prefetch={false} rel="next">
            Next page
          </Link>
        )}
      </span>
    </nav>
  );
}
