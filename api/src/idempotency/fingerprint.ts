import { createHash } from 'node:crypto';

/** JSON with object keys in order, so that the same request always reads the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonical(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What makes two requests "the same" for an idempotency key: method, path and the input as
 * the api understood it (after validation), not the bytes on the wire.
 */
export function requestFingerprint(method: string, path: string, input: unknown): Buffer {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonical(input)}`, 'utf8')
    .digest();
}
