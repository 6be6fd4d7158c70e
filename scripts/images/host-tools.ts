import { run, succeeds } from './command.js';

const TOOLS = ['buildah', 'debootstrap'] as const;

async function missingTools(): Promise<string[]> {
  const missing: string[] = [];
  for (const tool of TOOLS) {
    if (!(await succeeds('sh', ['-c', `command -v ${tool}`]))) missing.push(tool);
  }
  return missing;
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
