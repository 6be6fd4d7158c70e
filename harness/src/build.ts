import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { apiEntry, repoRoot, webDistDir, webRoot, webServerEntry } from './paths.js';

// Never inputs of a build: outputs, dependencies, tests, and files every tool run rewrites.
const NOT_SOURCES = new Set([
  'node_modules',
  '.next',
  '.cache',
  'dist',
  'test',
  'e2e',
  'next-env.d.ts',
  'README.md',
]);

/** The newest modification time under `path` (directories count: a deletion changes theirs). */
function newestIn(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (NOT_SOURCES.has(entry) || entry.endsWith('.tsbuildinfo')) continue;
    newest = Math.max(newest, newestIn(join(path, entry)));
  }
  return newest;
}

/** True when `output` is missing or older than anything in `inputs`. */
export function isStale(output: string, inputs: string[]): boolean {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return inputs.some((input) => newestIn(input) > built);
}

const inRepo = (...paths: string[]) => paths.map((path) => join(repoRoot, path));

const API_SOURCES = inRepo(
  'api/src',
  'api/package.json',
  'api/tsconfig.build.json',
  'tsconfig.json',
);
// web takes types (and the api's limits) from api/src, and its dependencies from the lockfile.
const WEB_SOURCES = [webRoot, ...inRepo('api/src', 'package-lock.json', 'tsconfig.json')];

/** A web build is usable once `next build` and the copy of its static assets both finished. */
function webBuildComplete(): boolean {
  return (
    existsSync(join(webDistDir, 'BUILD_ID')) &&
    existsSync(join(webDistDir, 'standalone/web/.next/static'))
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
  if (webBuildComplete() && !isStale(webServerEntry, WEB_SOURCES)) return;
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
