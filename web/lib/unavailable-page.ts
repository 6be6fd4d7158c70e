import { escapeHtml } from './html-escape';
import { standalonePage } from './standalone-page';

/**
 * The page the proxy answers, with status 503, in place of a list while the api is not ready.
 * It is plain HTML with its styles inline (allowed by the response's nonce) so that it needs
 * nothing else from a server that cannot serve its real page, and works without JavaScript.
 */
export function unavailablePage(retryHref: string, nonce: string): string {
  return standalonePage({
    title: 'Unavailable',
    nonce,
    body: `<h1>Tasks are unavailable</h1>
<p role="alert">The task service is not answering. Your tasks are safe; try again in a moment.</p>
<a href="${escapeHtml(retryHref)}">Try again</a>`,
  });
}
