import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The process tests run the compiled server, exactly what the image runs. */
export default function setup() {
  const api = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: api, stdio: 'inherit' });
}
