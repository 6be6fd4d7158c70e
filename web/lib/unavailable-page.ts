/**
 * The page the proxy answers, with status 503, in place of a list while the api is not ready.
 * It is plain HTML with its styles inline (allowed by the response's nonce) so that it needs
 * nothing else from a server that cannot serve its real page, and works without JavaScript.
 */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function unavailablePage(retryHref: string, nonce: string): string {
  const href = escapeHtml(retryHref);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Unavailable · Todo</title>
<link rel="icon" href="data:,">
<style nonce="${escapeHtml(nonce)}">
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Noto Sans","Liberation Sans",Arial,sans-serif;color:#1f2933;background:#eef2f6;line-height:1.45}
body{margin:0;display:flex;justify-content:center;padding:clamp(1rem,5vw,3.5rem) .75rem}
main{width:100%;max-width:36rem;background:#fff;border-radius:14px;padding:1.5rem 1.25rem;box-shadow:0 1px 2px rgb(16 42 67/8%),0 12px 32px -12px rgb(16 42 67/22%)}
h1{margin:0 0 .5rem;font-size:1.5rem}
p{margin:0 0 1.25rem;color:#52606d}
a{display:inline-block;color:#fff;background:#2f5f8a;border-radius:8px;padding:.6rem 1.1rem;font-weight:600;text-decoration:none}
a:hover{background:#1d4468}
a:focus-visible{outline:3px solid #1a66d2;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>Tasks are unavailable</h1>
<p role="alert">The task service is not answering. Your tasks are safe; try again in a moment.</p>
<a href="${href}">Try again</a>
</main>
</body>
</html>
`;
}
