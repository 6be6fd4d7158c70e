import { ConfigError } from '../config';
import { type ReadFile, readSecretFile, readUtf8 } from '../secret-file';

/** The api's rule for its token keys (API_TOKEN_KEY_FILE): each line at least 32 bytes. */
export const MIN_TOKEN_KEY_BYTES = 32;

/**
 * The key this app signs the api's tokens with: the first line of API_TOKEN_KEY_FILE. The api
 * accepts every line of the same file, so a key is rotated without downtime by adding the new
 * one as line 1, rolling out, then removing the old one.
 */
export function parseTokenKey(
  env: Record<string, string | undefined>,
  readFile: ReadFile = readUtf8,
): Uint8Array {
  const text = readSecretFile(
    'API_TOKEN_KEY_FILE',
    env,
    readFile,
    'the key tokens are signed with',
  );
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const keys = lines.map((line) => new TextEncoder().encode(line));
  const [first] = keys;
  if (!first) throw new ConfigError('invalid API_TOKEN_KEY_FILE: holds no key');
  if (keys.some((key) => key.byteLength < MIN_TOKEN_KEY_BYTES)) {
    throw new ConfigError(
      `invalid API_TOKEN_KEY_FILE: holds a key shorter than ${MIN_TOKEN_KEY_BYTES} bytes`,
    );
  }
  return first;
}

let cached: Uint8Array | undefined;

export function apiTokenKey(): Uint8Array {
  cached ??= parseTokenKey(process.env);
  return cached;
}
