import { existsSync, readFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './command.js';

export type Deployable = 'api' | 'web';

export function imageTag(deployable: Deployable): string {
  return `localhost/todo-${deployable}:dev`;
}

// Where the registry is reached through a TLS-inspecting proxy (as on this project's machines),
// npm inside the build needs that proxy's CA. It is bind-mounted for RUN steps only, so it never
// lands in a layer; the Dockerfiles declare the ARG in their npm stages.
const BUILD_CA_PATH = '/run/build-ca.crt';

const SYSTEM_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

function proxyCaArgs(): string[] {
  // The host's CA bundle holds any locally installed proxy CA; adding it to node's own store is
  // harmless where there is no proxy.
  const candidates = [process.env.NODE_EXTRA_CA_CERTS, SYSTEM_CA_BUNDLE];
  const bundle = candidates.find((path) => path !== undefined && path !== '' && existsSync(path));
  if (!bundle) return [];
  return [
    '--volume',
    `${bundle}:${BUILD_CA_PATH}:ro`,
    '--build-arg',
    `NODE_EXTRA_CA_CERTS=${BUILD_CA_PATH}`,
  ];
}

async function labelArgs(repoRoot: string): Promise<string[]> {
  const manifest: unknown = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const version =
    manifest && typeof manifest === 'object' && 'version' in manifest
      ? String(manifest.version)
      : '0.0.0-dev';
  const revision = (await run('git', ['rev-parse', 'HEAD'], { cwd: repoRoot })).trim();
  return ['--build-arg', `VERSION=${version}`, '--build-arg', `REVISION=${revision}`];
}

/** Builds one deployable's Dockerfile with the repository root as context. */
export async function buildImage(deployable: Deployable, repoRoot: string): Promise<void> {
  await run(
    'buildah',
    [
      'bud',
      '--isolation',
      'chroot',
      '--pull=never',
      // Keep intermediate layers: an unchanged lockfile reuses the `npm ci` layer next time.
      '--layers',
      ...proxyCaArgs(),
      ...(await labelArgs(repoRoot)),
      '--file',
      join(deployable, 'Dockerfile'),
      '--tag',
      imageTag(deployable),
      '.',
    ],
    { cwd: repoRoot, timeoutMs: 20 * 60_000, inherit: process.env.IMAGES_VERBOSE !== undefined },
  );
}

/** The image's size as buildah reports it, e.g. "250 MB". */
export async function imageSize(image: string): Promise<string> {
  const listing: unknown = JSON.parse(await run('buildah', ['images', '--json', image]));
  const first = Array.isArray(listing) ? (listing[0] as { size?: unknown } | undefined) : undefined;
  if (typeof first?.size !== 'string') throw new Error(`buildah listed no size for ${image}`);
  return first.size;
}

const STORAGE = '/var/lib/containers/storage';
const MIN_FREE_BYTES = 20 * 1024 ** 3;

/**
 * `--layers` keeps every intermediate image (about 1.5 GB per build after a source change), and
 * nothing else removes them on a long-lived machine. When the disk runs low, drop them all: the
 * next build is slower, the machine stays usable.
 */
export async function pruneCacheWhenDiskLow(log: (line: string) => void): Promise<void> {
  const stats = await statfs(existsSync(STORAGE) ? STORAGE : '/var/lib');
  const free = stats.bavail * stats.bsize;
  if (free >= MIN_FREE_BYTES) return;
  log(`${(free / 1024 ** 3).toFixed(1)} GiB free: pruning buildah's intermediate images`);
  await run('buildah', ['rmi', '--prune']).catch((error: unknown) => {
    log(`prune failed, building anyway: ${String(error).slice(0, 300)}`);
  });
}
