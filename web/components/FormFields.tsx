import { FORM_KEY_FIELD, RETURN_TO_FIELD } from '@/lib/tasks/form-key';

/**
 * The hidden fields every form carries: its key (the idempotency of what it asks) and the list
 * to return to when it was posted without JavaScript.
 */
export function FormFields({ formKey, returnTo }: { formKey: string; returnTo: string }) {
  return (
    <>
      <input type="hidden" name={FORM_KEY_FIELD} value={formKey} />
      <input type="hidden" name={RETURN_TO_FIELD} value={returnTo} />
    </>
  );
}
