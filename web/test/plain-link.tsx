import type { ComponentProps } from 'react';

/** next/link as a plain anchor, for components rendered without Next's router. */
export default function PlainLink({
  prefetch: _prefetch,
  ...props
}: ComponentProps<'a'> & { prefetch?: boolean }) {
  return <a {...props} />;
}
