import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { helmVersion, toolPath } from '../../scripts/tools/kube-tools.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Unpacks helm once, and builds the api that bundled-wiring.test.ts runs with the chart's env. */
export default function setup(): void {
  const helm = toolPath('helm');
  console.log(`chart tests use ${helm} (${helmVersion(helm)})`);
  execFileSync('npx', ['tsc', '-p', 'api/tsconfig.build.json'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}
