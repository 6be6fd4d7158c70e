import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';
import { percentile, startMixedLoad } from '../../reliability/support/mixed-load.js';
import { ensureWebBuild } from '../../reliability/support/web-build.js';
import { freePort, isListening } from '../lib/ports.js';
import { WEB_NODE_OPTIONS } from '../lib/web-runtime.js';
import { startPageLoad } from './page-load.js';
import { rssMiB } from './process-memory.js';

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

async function admin(sql: string) {
  const connection = await createConnection(serverUrl);
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

async function launch(name: string, entry: string, env: Record<string, string>) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      ...env,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let waited = 0; !(await isListening(port)); waited += 100) {
    if (child.exitCode !== null || waited > 30_000) throw new Error(`${name} did not start`);
    await sleep(100);
  }
  return { name, child, url: `http://127.0.0.1:${port}`, pid: child.pid ?? 0 };
}

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
const api = await launch('api', `${root}api/dist/index.js`, {
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'warn',
});
const web = await launch('web', webServer, { API_URL: api.url, NODE_OPTIONS: WEB_NODE_OPTIONS });

try {
  const apiLoad = startMixedLoad({ baseUrl: api.url, workers: 8, pauseMs: 5 });
  const pageLoad = startPageLoad(web.url, 4, 5);
  await sleep(WARM_UP_SECONDS * 1000);
  // RSS is sampled every second and compared as the median of the first and of the last
  // minute: one sample each would mostly measure where the GC's sawtooth happened to be.
  const samples = { api: [] as number[], web: [] as number[] };
  const sampler = setInterval(() => {
    samples.api.push(rssMiB(api.pid));
    samples.web.push(rssMiB(web.pid));
  }, 1000);
  const started = Date.now();
  const progress = setInterval(() => {
    const done = Math.round((Date.now() - started) / 1000);
    console.log(
      `  ${done} s: api ${apiLoad.outcomes.length} requests, web ${pageLoad.outcomes.length} pages, ` +
        `RSS api ${rssMiB(api.pid).toFixed(0)} MiB, web ${rssMiB(web.pid).toFixed(0)} MiB`,
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
  web.child.kill('SIGTERM');
  api.child.kill('SIGTERM');
  await sleep(1000);
  await admin(`DROP DATABASE IF EXISTS \`${database}\``);
}
