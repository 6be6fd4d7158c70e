import { spawnSync } from 'node:child_process';
import { chromiumMissing } from '@todo/harness/chromium';
import { chooseDatabaseServer } from '@todo/harness/database-choice';
import { repoRoot } from '@todo/harness/paths';
import { findServerBinary, type PrivateDatabase } from '@todo/harness/private-database';
import { imagesBlocked } from '../images/host-tools.js';

// npm test: lint, typecheck, then every suite this machine can run, in order, stopping at the
// first failure. A suite the machine cannot run is skipped with one line saying why and what
// runs it; with TEST_REQUIRE_ALL=1 (.ci/run) a skip is a failure instead.
const requireAll = process.env.TEST_REQUIRE_ALL === '1';
const say = (line: string) => console.log(`[test] ${line}`);

type Blocker = { why: string; command?: string } | undefined;
type Suite = { script: string; name: string; needs?: Array<() => Promise<Blocker>> };

let privateServer: PrivateDatabase | null = null;
let databaseChecked: Promise<Blocker> | undefined;

/**
 * The server for the suites' throwaway databases: TEST_DATABASE_URL when set, else the one on
 * 127.0.0.1:3306, else a private one started here (data in .data/test-mysql) when MariaDB or
 * MySQL is installed. Decided once, on first need, and passed on in TEST_DATABASE_URL.
 */
function database(): Promise<Blocker> {
  databaseChecked ??= (async () => {
    if (process.env.TEST_DATABASE_URL) return undefined;
    const chosen = await chooseDatabaseServer(`${repoRoot}.data/test-mysql`, say);
    if (!chosen) {
      return {
        why: 'no database server answers on 127.0.0.1:3306 (root, no password) and none is installed (apt-get install mariadb-server, or set TEST_DATABASE_URL)',
      };
    }
    say(`database server: ${chosen.description}`);
    privateServer = chosen.owned;
    process.env.TEST_DATABASE_URL = chosen.serverUrl;
    return undefined;
  })();
  return databaseChecked;
}

const chromium = async (): Promise<Blocker> => {
  const why = chromiumMissing();
  return why ? { why } : undefined;
};

const serverBinary = async (): Promise<Blocker> =>
  findServerBinary()
    ? undefined
    : { why: 'no mariadbd or mysqld is installed (the fault tests run a server of their own)' };

const SUITES: Suite[] = [
  { script: 'lint', name: 'lint' },
  { script: 'typecheck', name: 'typecheck' },
  { script: 'test:api', name: 'api', needs: [database] },
  { script: 'test:chart', name: 'chart' },
  { script: 'lint:workflows', name: 'workflows' },
  { script: 'test:images', name: 'images', needs: [imagesBlocked, database] },
  { script: 'test:web', name: 'web' },
  { script: 'test:e2e', name: 'e2e', needs: [database, chromium] },
  { script: 'test:reliability', name: 'reliability', needs: [database, chromium, serverBinary] },
];

async function main(): Promise<string[]> {
  const skipped: string[] = [];
  for (const suite of SUITES) {
    let blocker: Blocker;
    for (const need of suite.needs ?? []) blocker ??= await need();
    if (blocker) {
      const command = blocker.command ?? `npm run ${suite.script}`;
      const line = `${suite.name}: skipped, ${blocker.why}; \`${command}\` runs them`;
      say(line);
      if (requireAll) throw new Error(`TEST_REQUIRE_ALL=1 and ${suite.name} cannot run here`);
      skipped.push(line);
      continue;
    }
    const run = spawnSync('npm', ['run', suite.script], { cwd: repoRoot, stdio: 'inherit' });
    if (run.status !== 0) {
      throw new Error(`\`npm run ${suite.script}\` failed (exit ${run.status ?? run.signal})`);
    }
  }
  return skipped;
}

let code = 0;
try {
  const skipped = await main();
  say(skipped.length === 0 ? 'every suite passed' : 'every suite that ran passed; skipped:');
  for (const line of skipped) say(`  ${line}`);
} catch (error) {
  console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  await (privateServer as PrivateDatabase | null)?.stop();
}
process.exit(code);
