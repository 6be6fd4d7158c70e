'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { startTransition } from 'react';
import { ErrorState } from '@/components/ErrorState';

type Props = { error: Error & { digest?: string }; retry: () => void };

/** A page that failed to render, most often because the api did not answer in time. */
export default function PageError({ retry }: Props) {
  const query = useSearchParams().toString();
  const href = `${usePathname()}${query ? `?${query}` : ''}`;
  return (
    <ErrorState
      title="Tasks are unavailable"
      message="The task service did not answer. Your tasks are safe; try again in a moment."
      retryHref={href}
      onRetry={() => startTransition(() => retry())}
    />
  );
}
