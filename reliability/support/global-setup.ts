import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { repoRoot } from './paths.js';
import { ensureWebBuild } from './web-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the standalone web server.js to run. */
    webServer: string;
  }
}

/** Builds what the suite runs, once: the api as its image runs it, and web unless fresh. */
export default function setup(project: TestProject) {
  execFileSync('npx', ['tsc', '-p', 'api/tsconfig.build.json'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  project.provide(
    'webServer',
    ensureWebBuild((line) => console.log(line)),
  );
}
