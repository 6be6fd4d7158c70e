import { createHash, randomUUID } from 'node:crypto';
import { formKeyOf } from './form-key';

/**
 * The idempotency key of one intended change: the form's key (new with every rendering, and
 * after every submission with JavaScript) and what was asked of it (which button, which task,
 * which title). Sending the same form again, by a retry, a double click or a no-JavaScript
 * resubmission, asks the api for the same change with the same key, which it makes once; a
 * different change from the same rendering (Back, then another button) gets a key of its own.
 * A form without a usable key (a hand-made request) still gets one, good for this call only.
 */
export function intentKey(form: FormData, ...intent: Array<string | number>): string {
  const formKey = formKeyOf(form) ?? randomUUID();
  return createHash('sha256')
    .update([formKey, ...intent].map(String).join('\n'))
    .digest('base64url');
}
