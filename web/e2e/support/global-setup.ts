import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { E2E_DIST_DIR, repoRoot, webServerEntry } from './paths';

/** Builds what the tests run, once: the api as the image runs it, web as `next build` makes it. */
export default function setup() {
  // For a quick local re-run against the last build: E2E_REUSE_BUILD=1 npm run test:e2e
  if (process.env.E2E_REUSE_BUILD === '1' && existsSync(webServerEntry)) return;
  const started = Date.now();
  execFileSync('npx', ['tsc', '-p', 'api/tsconfig.build.json'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  execFileSync('npm', ['run', 'build', '-w', '@todo/web'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WEB_DIST_DIR: E2E_DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
  });
  console.log(`e2e: api and web built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
