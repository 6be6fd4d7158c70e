import { randomBytes } from 'node:crypto';

/**
 * A new call of the addTask Server Action, encoded as React encodes (state, form): the form's
 * fields under `_1_`, then field `0`, the arguments, naming the form `$K1`. A new form key, so
 * a new change.
 */
export async function newActionBody(title: string): Promise<{ contentType: string; body: Buffer }> {
  const form = new FormData();
  form.append('_1_formKey', `edge-${randomBytes(12).toString('hex')}`);
  form.append('_1_returnTo', '/');
  form.append('_1_title', title);
  form.append('0', '[{"status":"idle"},"$K1"]');
  const encoded = new Request('http://encode.invalid/', { method: 'POST', body: form });
  return {
    contentType: encoded.headers.get('content-type') ?? '',
    body: Buffer.from(await encoded.arrayBuffer()),
  };
}
