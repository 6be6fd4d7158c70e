import { escapeHtml } from '@/lib/html-escape';
import { standalonePage } from '@/lib/standalone-page';
import { RENDERED_TITLE_FIELD } from '@/lib/tasks/unchanged-title';

// The fields a form of this app posts; nothing else a request carried is echoed back.
const KNOWN_FIELDS = new Set([
  'formKey',
  'returnTo',
  'id',
  RENDERED_TITLE_FIELD,
  'status',
  'complete',
  'reopen',
  'delete',
]);

type Options = {
  /** Where the form posts: its own route, so "Send again" is the same intent. */
  action: string;
  form: FormData | undefined;
  message: string;
  returnTo: string;
  nonce: string;
};

/**
 * The answer to a failed no-JavaScript form when its page could not be rendered: the message
 * and the form again, with what was typed and the same key, so that sending it again is safe.
 */
export function fallbackFormPage({ action, form, message, returnTo, nonce }: Options): string {
  const hidden: string[] = [];
  let title: string | undefined;
  for (const [name, value] of form?.entries() ?? []) {
    if (typeof value !== 'string') continue;
    if (name === 'title') title = value;
    else if (KNOWN_FIELDS.has(name)) {
      hidden.push(`<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`);
    }
  }
  const titleField =
    title === undefined
      ? ''
      : `<label for="title">Title</label>
<input id="title" name="title" dir="auto" autocomplete="off" value="${escapeHtml(title)}">`;
  return standalonePage({
    title: 'Your change',
    nonce,
    body: `<h1>Your change</h1>
<p role="alert">${escapeHtml(message)}</p>
<form method="post" action="${escapeHtml(action)}">
${hidden.join('\n')}
${titleField}
<button type="submit">Send again</button>
</form>
<a class="quiet" href="${escapeHtml(returnTo)}">Back to your tasks</a>`,
  });
}
