import { escapeHtml } from './html-escape';

// The look of the pages this app answers without its React tree (the 503 page, a form's
// fallback answer): plain HTML, styles inline under the response's nonce, nothing to fetch;
// light or dark as globals.css, with its colours.
const STYLES = `html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Noto Sans","Liberation Sans",Arial,sans-serif;color:#1f2933;background:#eef2f6;line-height:1.45}
body{margin:0;display:flex;justify-content:center;padding:clamp(1rem,5vw,3.5rem) .75rem}
main{width:100%;max-width:36rem;background:#fff;border-radius:14px;padding:1.5rem 1.25rem;box-shadow:0 1px 2px rgb(16 42 67/8%),0 12px 32px -12px rgb(16 42 67/22%)}
h1{margin:0 0 .5rem;font-size:1.5rem}
p{margin:0 0 1.25rem;color:#52606d}
a,button{display:inline-block;color:#fff;background:#2f5f8a;border:0;border-radius:8px;padding:.6rem 1.1rem;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
a:hover,button:hover{background:#1d4468}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #1a66d2;outline-offset:2px}
form{display:flex;flex-wrap:wrap;gap:.75rem;margin:0 0 1.25rem}
label{flex-basis:100%;font-weight:600}
input{flex:1 1 14rem;font:inherit;padding:.55rem .7rem;border:1px solid #9aa5b1;border-radius:8px;unicode-bidi:plaintext}
a.quiet{color:#2f5f8a;background:none;padding:0;text-decoration:underline}
:root{color-scheme:light dark}
@media (prefers-color-scheme:dark){html{color:#e3e8ee;background:#0f161e}main{background:#18222d;box-shadow:none}p{color:#a5b2bf}a,button{color:#0f161e;background:#8cbcec}a:hover,button:hover{background:#b3d3f3}a:focus-visible,button:focus-visible,input:focus-visible{outline-color:#7fb8ff}input{color:inherit;background:#111a23;border-color:#71839a}a.quiet{color:#8cbcec;background:none}}`;

export function standalonePage(options: { title: string; nonce: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)} · Todo</title>
<link rel="icon" href="data:,">
<style nonce="${escapeHtml(options.nonce)}">
${STYLES}
</style>
</head>
<body>
<main>
${options.body}
</main>
</body>
</html>
`;
}
