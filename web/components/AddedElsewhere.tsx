import Link from 'next/link';

type Props = {
  /** The title just added where this page does not show it, or null. */
  title: string | null;
  lastHref: string | null;
};

/**
 * The list is oldest first, so a task added on an earlier page lands on the last one, out of
 * sight: say so, with the way there, so nobody adds it twice. A polite status, always in the
 * page so that screen readers announce what appears in it.
 */
export function AddedElsewhere({ title, lastHref }: Props) {
  return (
    <p className="added-elsewhere" role="status">
      {title !== null && lastHref && (
        <>
          Added “<span dir="auto">{title}</span>” on the last page.{' '}
          <Link href={lastHref} prefetch={false}>
            Show the last page
          </Link>
        </>
      )}
    </p>
  );
}
