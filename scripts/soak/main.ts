import { setTimeout as sleep } from 'node:timers/promises';
import { startMixedLoad } from '@todo/harness/api-load';
import { ensureBuilt } from '@todo/harness/build';
import { percentile } from '@todo/harness/percentile';
import { rssMiB } from '@todo/harness/process-stats';
import { accountIdOf, signUp } from '@todo/harness/sessions';
import { startStack } from '@todo/harness/stack';
import { createTestDatabase } from '@todo/harness/test-database';
import { startPageLoad } from './page-load.js';

// npm run soak — five minutes (SOAK_SECONDS) of mixed load on the api and the web at once, on a
// throwaway database (on TEST_DATABASE_URL). Prints totals, errors (target 0), p99 and the growth
// of RSS from the first minute to the last (target under 10 %). Not part of CI: it is long by
// design.
const seconds = Number(process.env.SOAK_SECONDS ?? 300);
const WARM_UP_SECONDS = 15;
if (!Number.isFinite(seconds) || seconds < 30) {
  console.error('SOAK_SECONDS must be a number of seconds, at least 30');
  process.exit(1);
}

function summary(label: string, outcomes: Array<{ status: number; ms: number }>, elapsedS: number) {
  // A redirect counts too: a signed-in page sent to sign in lost its session.
  const errors = outcomes.filter(
    (outcome) =>
      outcome.status === 0 ||
      outcome.status >= 500 ||
      (outcome.status >= 300 && outcome.status < 400),
  );
  const latencies = outcomes.map((outcome) => outcome.ms);
  console.log(
    `${label.padEnd(5)} requests ${String(outcomes.length).padStart(7)}  ` +
      `(${(outcomes.length / elapsedS).toFixed(0)}/s)  errors ${errors.length}  ` +
      `p50 ${percentile(latencies, 0.5).toFixed(1)} ms  p99 ${percentile(latencies, 0.99).toFixed(1)} ms  ` +
      `max ${latencies.reduce((max, ms) => Math.max(max, ms), 0).toFixed(0)} ms`,
  );
  return errors.length;
}

console.log(`soak: building what is stale, then ${seconds} s of load`);
ensureBuilt({ web: true });
const database = await createTestDatabase({ prefix: 'todo_soak' });
console.log(`soak: database ${database.name}`);
const stack = await startStack({ database, web: true, testAccount: false });
const { web } = stack;
const pids = { api: stack.api()?.child.pid ?? 0, web: web.child.pid ?? 0 };

try {
  // One account, signed up through the web: the api load writes its tasks, the pages read them.
  const session = await signUp(web.url);
  const account = await accountIdOf(database.url, session.email);
  const apiLoad = startMixedLoad({ baseUrl: stack.apiUrl, workers: 8, pauseMs: 5, account });
  const pageLoad = startPageLoad(web.url, session.cookie, 4, 5);
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
  await stack.stop();
}
