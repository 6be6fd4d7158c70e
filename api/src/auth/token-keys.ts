/**
 * The keys of the api's bearer tokens, from the file both web and api mount
 * (`API_TOKEN_KEY_FILE`): one per line, each at least 32 bytes. The web signs with the first;
 * the api accepts any, so a key is rotated by adding the new one first, rolling out, then
 * removing the old one.
 */
export const MIN_TOKEN_KEY_BYTES = 32;

export function parseTokenKeys(text: string): Uint8Array[] | string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return 'holds no key';
  const keys = lines.map((line) => new TextEncoder().encode(line));
  if (keys.some((key) => key.byteLength < MIN_TOKEN_KEY_BYTES)) {
    return `holds a key shorter than ${MIN_TOKEN_KEY_BYTES} bytes`;
  }
  return keys;
}
