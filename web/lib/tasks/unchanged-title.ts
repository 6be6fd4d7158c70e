/**
 * The hidden field of the edit form holding the title the form was rendered with. Without
 * JavaScript the browser posts Save whatever the field holds; the rename command compares the
 * two and asks the api nothing when the title was left as it was (with JavaScript the editor
 * already closes without submitting).
 */
export const RENDERED_TITLE_FIELD = 'renderedTitle';

/**
 * Whether `title` (already validated and trimmed, so anything the api would refuse was refused
 * before) is the one the form was rendered with. The field comes from outside and may lie, but
 * at worst a forged value equal to the posted title skips that rename: the sender could as well
 * have sent nothing, and no other title, nor another task or account, is touched.
 */
export function isUnchangedTitle(form: FormData, title: string): boolean {
  const rendered = form.get(RENDERED_TITLE_FIELD);
  return typeof rendered === 'string' && rendered === title;
}
