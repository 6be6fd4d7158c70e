import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { apiEntry, repoRoot, webDistDir, webServerEntry } from './paths.js';

// Never inputs of a build, wherever they are: outputs, dependencies, files tools rewrite.
const NEVER_SOURCES = new Set(['node_modules', '.next', '.cache', 'dist', 'next-env.d.ts']);

/**
 * The newest modification time under `path`, leaving out `skip` (directories count too: a
 * deletion changes theirs).
 */
function newestIn(path: string, skip: Set<string>): number {
  if (skip.has(path) || !existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (NEVER_SOURCES.has(entry) || entry.endsWith('.tsbuildinfo')) continue;
    newest = Math.max(newest, newestIn(join(path, entry), skip));
  }
  return newest;
}

/** True when `output` is missing or older than anything in `inputs` (less what `skip` names). */
export function isStale(output: string, inputs: string[], skip: string[] = []): boolean {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  const skipped = new Set(skip);
  return inputs.some((input) => newestIn(input, skipped) > built);
}

const inRepo = (...paths: string[]) => paths.map((path) => join(repoRoot, path));

const API_SOURCES = inRepo(
  'api/src',
  'api/package.json',
  'api/tsconfig.build.json',
  'tsconfig.json',
);
// web takes types (and the api's limits) from api/src, and its dependencies from the lockfile;
// its tests are not part of the build.
const WEB_SOURCES = inRepo('web', 'api/src', 'package-lock.json', 'tsconfig.json');
const NOT_WEB_SOURCES = inRepo('web/test', 'web/e2e', 'web/README.md');

/**
 * A web build is usable once `next build`, the copy of its static assets and the bundle of its
 * entry point (start.js) all finished.
 */
function webBuildComplete(): boolean {
  return (
    existsSync(join(webDistDir, 'BUILD_ID')) &&
    existsSync(join(webDistDir, 'standalone/web/.next/static')) &&
    existsSync(webServerEntry)
  );
}

/**
 * Builds what is missing or older than its sources, once: the api (`api/dist`, as its image
 * runs it) and, with `web`, the production web build in `web/.next`. Fresh builds are reused,
 * so a second suite in the same run builds nothing.
 */
export function ensureBuilt(options: { web?: boolean; log?: (line: string) => void } = {}): void {
  const log = options.log ?? ((line: string) => console.log(line));
  if (isStale(apiEntry, API_SOURCES)) {
    log('building the api (api/dist)...');
    execFileSync('npx', ['tsc', '-p', 'api/tsconfig.build.json'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
  }
  if (!options.web) return;
  if (webBuildComplete() && !isStale(webServerEntry, WEB_SOURCES, NOT_WEB_SOURCES)) return;
  log('building the web app (web/.next; a minute or two)...');
  const started = Date.now();
  execFileSync('npm', ['run', 'build', '-w', '@todo/web'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (!webBuildComplete()) throw new Error('next build finished without a standalone server');
  log(`web built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
