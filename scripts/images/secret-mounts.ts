import { chmodSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * Where the chart mounts the Secrets' files (charts/todo/templates/_auth.tpl), as the servers
 * are told in their environment.
 */
export const SECRET_PATHS = {
  apiTokenKey: '/var/run/secrets/todo/api-token/key',
  authSecret: '/var/run/secrets/todo/auth/secret',
} as const;

/**
 * Where the smoke run binds a file so that the server finds it at `path`. In the Debian-based
 * images /var/run is a symlink to /run; the kubelet follows it, `buildah run --isolation
 * chroot` does not (the file is simply not there), so files meant for /var/run/… are bound at
 * /run/…, the same place seen from inside the container.
 */
export function mountPoint(path: string): string {
  return path.replace(/^\/var\/run\//, '/run/');
}

/**
 * A copy of `source` readable by the container's user, as the kubelet projects a Secret's key
 * (mode 0644 unless the chart says otherwise): the harness keeps its own files at 0600, and the
 * images run as uid 10001, which could not read them.
 */
export function asMountedSecret(source: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'todo-images-secret-')), basename(source));
  chmodSync(dirname(copy), 0o755);
  copyFileSync(source, copy);
  chmodSync(copy, 0o644);
  return copy;
}
