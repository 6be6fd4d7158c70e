import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { percentile, startMixedLoad } from '../../reliability/support/mixed-load.js';
import { ensureWebBuild } from '../../reliability/support/web-build.js';
import { adminSql } from '../lib/admin-sql.js';
import { startNodeService } from '../lib/node-service.js';
import { rssMiB } from '../lib/process-stats.js';
import { WEB_NODE_OPTIONS } from '../lib/web-runtime.js';
import { startPageLoad } from './page-load.js';

// npm run soak — five minutes (SOAK_SECONDS) of mixed load on the api and the web at once, on a
// throwaway database. Prints totals, errors (target 0), p99 and the growth of RSS from the first
// minute to the last (target under 10 %). Not part of CI: it is long by design.
const root = fileURLToPath(new URL('../..', import.meta.url));
const serverUrl = (process.env.SOAK_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306').replace(
  /\/$/,
  '',
);
const seconds = Number(process.env.SOAK_SECONDS ?? 300);
const WARM_UP_SECONDS = 15;
if (!Number.isFinite(seconds) || seconds < 30) {
  console.error('SOAK_SECONDS must be a number of seconds, at least 30');
  process.exit(1);
}

const admin = (sql: string, database?: string) => adminSql(serverUrl, sql, database);

function summary(label: string, outcomes: Array<{ status: number; ms: number }>, elapsedS: number) {
  const errors = outcomes.filter((outcome) => outcome.status === 0 || outcome.status >= 500);
  const latencies = outcomes.map((outcome) => outcome.ms);
  console.log(
    `${label.padEnd(5)} requests ${String(outcomes.length).padStart(7)}  ` +
      `(${(outcomes.length / elapsedS).toFixed(0)}/s)  errors ${errors.length}  ` +
      `p50 ${percentile(latencies, 0.5).toFixed(1)} ms  p99 ${percentile(latencies, 0.99).toFixed(1)} ms  ` +
      `max ${latencies.reduce((max, ms) => Math.max(max, ms), 0).toFixed(0)} ms`,
  );
  return errors.length;
}

const database = `todo_soak_${randomBytes(4).toString('hex')}`;
const databaseUrl = `${serverUrl}/${database}`;
console.log(`soak: building what is stale, then ${seconds} s of load on database ${database}`);
execFileSync('npx', ['tsc', '-p', 'api/tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
const webServer = ensureWebBuild((line) => console.log(line));
execFileSync(process.execPath, [`${root}api/dist/migrate.js`], {
  env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
  stdio: 'inherit',
});
const api = await startNodeService({
  name: 'api',
  entry: `${root}api/dist/index.js`,
  env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
  probePath: '/readyz',
});
const web = await startNodeService({
  name: 'web',
  entry: webServer,
  env: { API_URL: api.url, NODE_OPTIONS: WEB_NODE_OPTIONS },
  probePath: '/healthz',
});
const pids = { api: api.child.pid ?? 0, web: web.child.pid ?? 0 };

try {
  const apiLoad = startMixedLoad({ baseUrl: api.url, workers: 8, pauseMs: 5 });
  const pageLoad = startPageLoad(web.url, 4, 5);
  await sleep(WARM_UP_SECONDS * 1000);
  // RSS is sampled every second and compared as the median of the first and of the last
  // minute: one sample each would mostly measure where the GC's sawtooth happened to be.
  const samples = { api: [] as number[], web: [] as number[] };
  const sampler = setInterval(() => {
    samples.api.push(rssMiB(pids.api));
    samples.web.push(rssMiB(pids.web));
  }, 1000);
  const started = Date.now();
  const progress = setInterval(() => {
    const done = Math.round((Date.now() - started) / 1000);
    console.log(
      `  ${done} s: api ${apiLoad.outcomes.length} requests, web ${pageLoad.outcomes.length} pages, ` +
        `RSS api ${rssMiB(pids.api).toFixed(0)} MiB, web ${rssMiB(pids.web).toFixed(0)} MiB`,
    );
  }, 30_000);
  await sleep(seconds * 1000);
  clearInterval(progress);
  clearInterval(sampler);
  const window = Math.min(60, Math.floor(samples.api.length / 3));
  const rssStart = {
    api: percentile(samples.api.slice(0, window), 0.5),
    web: percentile(samples.web.slice(0, window), 0.5),
  };
  const rssEnd = {
    api: percentile(samples.api.slice(-window), 0.5),
    web: percentile(samples.web.slice(-window), 0.5),
  };
  const [apiOutcomes, pageOutcomes] = await Promise.all([apiLoad.stop(), pageLoad.stop()]);
  const elapsed = (Date.now() - started) / 1000 + WARM_UP_SECONDS;

  console.log(`\nsoak: ${elapsed.toFixed(0)} s (including ${WARM_UP_SECONDS} s of warm-up)`);
  const errors = summary('api', apiOutcomes, elapsed) + summary('web', pageOutcomes, elapsed);
  let grewTooMuch = false;
  for (const name of ['api', 'web'] as const) {
    const growth = ((rssEnd[name] - rssStart[name]) / rssStart[name]) * 100;
    grewTooMuch ||= growth >= 10;
    console.log(
      `${name.padEnd(5)} RSS median of the first ${window} s ${rssStart[name].toFixed(1)} MiB, ` +
        `of the last ${window} s ${rssEnd[name].toFixed(1)} MiB ` +
        `(${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %, target < 10 %)`,
    );
  }
  console.log(`errors ${errors} (target 0)`);
  process.exitCode = errors > 0 || grewTooMuch ? 1 : 0;
} finally {
  await Promise.all([web.stop(), api.stop()]);
  await admin(`DROP DATABASE IF EXISTS \`${database}\``);
}
