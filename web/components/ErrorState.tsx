'use client';

import type { MouseEvent } from 'react';

type Props = {
  title: string;
  message: string;
  /** This page's own URL: reloading it is the retry that works without JavaScript. */
  retryHref: string;
  /** With JavaScript, retry in place; without it the link simply reloads this URL. */
  onRetry?: () => void;
};

export function ErrorState({ title, message, retryHref, onRetry }: Props) {
  function retry(event: MouseEvent<HTMLAnchorElement>) {
    if (!onRetry) return;
    event.preventDefault();
    onRetry();
  }
  return (
    <section className="todoapp error-state" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p role="alert">{message}</p>
      <a className="button" href={retryHref} onClick={retry}>
        Try again
      </a>
    </section>
  );
}
