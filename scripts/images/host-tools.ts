import { run, succeeds } from './command.js';

const TOOLS = ['buildah', 'debootstrap'] as const;

async function missingTools(): Promise<string[]> {
  const missing: string[] = [];
  for (const tool of TOOLS) {
    if (!(await succeeds('sh', ['-c', `command -v ${tool}`]))) missing.push(tool);
  }
  return missing;
}

/**
 * Why the image suite cannot run here as things stand, or undefined when it can: it needs root,
 * and `npm test` leaves installing buildah (minutes, the first time) to `npm run test:images`.
 */
export async function imagesBlocked(): Promise<{ why: string; command: string } | undefined> {
  if (process.getuid?.() !== 0) {
    return {
      why: "they need root (buildah's chroot isolation and debootstrap)",
      command: 'sudo npm run test:images',
    };
  }
  if ((await missingTools()).includes('buildah')) {
    return { why: 'buildah is not installed', command: 'npm run test:images' };
  }
  return undefined;
}

/** Installs buildah and debootstrap from Debian when absent; both need root, as do the builds. */
export async function ensureHostTools(log: (line: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error('scripts/images must run as root (buildah chroot isolation and debootstrap)');
  }
  const missing = await missingTools();
  if (missing.length === 0) return;
  log(`installing ${missing.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env });
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}
