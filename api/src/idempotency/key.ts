import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';

// The IETF draft makes the key a Structured Field string ("…"); a bare token is accepted too,
// as most clients send one. Printable ASCII, no quote or backslash, at most 255 characters.
const KEY = /^(?:"([\x21\x23-\x5b\x5d-\x7e]{1,255})"|([\x21\x23-\x5b\x5d-\x7e]{1,255}))$/;

/** The `Idempotency-Key` request header, documented on every route that changes something. */
export const IdempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .regex(KEY, 'must be 1 to 255 printable ASCII characters, optionally in double quotes')
    .optional()
    .openapi({
      // Header names are case-insensitive; the generator wants the key's own spelling here.
      param: { name: 'idempotency-key', in: 'header' },
      description:
        'One key per intended change (a UUID, say). A repeat with the same key and request ' +
        'returns the stored answer (marked `Idempotent-Replayed: true`) without writing again; ' +
        'the same key with another request is 422; while the first is still running, 409. ' +
        'Keys are kept for 24 hours.',
      example: '"8e03978e-40d5-43e8-bc93-6894a57f9324"',
    }),
});

/** The stored form of a key: its SHA-256, so length and content never matter to the table. */
export function keyHash(header: string): Buffer {
  const match = KEY.exec(header);
  const key = match?.[1] ?? match?.[2] ?? header;
  return createHash('sha256').update(key, 'utf8').digest();
}
