import Link from 'next/link';
import type { LiveStatus } from './use-task-events';

type Props = {
  status: LiveStatus;
  /** Tasks added on a later page since this one was rendered. */
  elsewhere: number;
  laterHref: string | null;
};

/**
 * What live updates have to say, quietly: that changes from elsewhere are not arriving, or that
 * some arrived on a later page of the list. The status region is always there, so that a screen
 * reader announces what appears in it.
 */
export function LiveNotice({ status, elsewhere, laterHref }: Props) {
  return (
    <div className="live-notice" role="status">
      {status === 'offline' && <p>Offline, reconnecting…</p>}
      {elsewhere > 0 && (
        <p>
          {elsewhere === 1 ? 'A task was' : `${elsewhere} tasks were`} added on a later page.{' '}
          {laterHref && (
            <Link href={laterHref} prefetch={false}>
              Go to the next page
            </Link>
          )}
        </p>
      )}
    </div>
  );
}
