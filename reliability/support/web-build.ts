import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RELIABILITY_DIST_DIR, repoRoot, webRoot } from './paths.js';

// What a production build of web is made from; a build older than any of these is stale.
const SOURCES = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'next.config.ts',
  'instrumentation.ts',
  'instrumentation-node.ts',
  'package.json',
];

function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestModification(join(path, entry)));
  }
  return newest;
}

/** The standalone server of a build in `distDir` (relative to web/) if it is complete. */
function serverOf(distDir: string): string | null {
  const server = join(webRoot, distDir, 'standalone', 'web', 'server.js');
  const staticCopied = join(webRoot, distDir, 'standalone', 'web', distDir, 'static');
  const buildId = join(webRoot, distDir, 'BUILD_ID');
  if (!existsSync(server) || !existsSync(staticCopied) || !existsSync(buildId)) return null;
  return server;
}

function builtAt(distDir: string): number {
  return statSync(join(webRoot, distDir, 'standalone', 'web', 'server.js')).mtimeMs;
}

/**
 * The web server to run: an existing production build newer than every web source (ours, the
 * e2e suite's, or `.next`), else a fresh one in this suite's own dist dir. Building takes one
 * to two minutes here, so it happens once per run at most.
 */
export function ensureWebBuild(log: (line: string) => void): string {
  const sourcesChanged = Math.max(
    ...SOURCES.map((name) => newestModification(join(webRoot, name))),
  );
  for (const distDir of [RELIABILITY_DIST_DIR, '.cache/next-e2e', '.next']) {
    const server = serverOf(distDir);
    if (server && builtAt(distDir) > sourcesChanged) {
      log(`reliability: reusing the web build in web/${distDir}`);
      return server;
    }
  }
  const started = Date.now();
  execFileSync('npm', ['run', 'build', '-w', '@todo/web'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WEB_DIST_DIR: RELIABILITY_DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
  });
  log(`reliability: web built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const server = serverOf(RELIABILITY_DIST_DIR);
  if (!server) throw new Error('next build finished without a standalone server');
  return server;
}
