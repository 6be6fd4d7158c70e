import { availableParallelism, loadavg } from 'node:os';
import { tokenFor } from '@todo/harness/accounts';
import { ensureBuilt } from '@todo/harness/build';
import { assertChromium } from '@todo/harness/chromium';
import { percentile } from '@todo/harness/percentile';
import { cpuMs, rssMiB } from '@todo/harness/process-stats';
import { startQueryCounter } from '@todo/harness/query-counter';
import { startWeb } from '@todo/harness/services';
import { ACCOUNT_TEST_ENV, accountIdOf, signIn, signUp } from '@todo/harness/sessions';
import { startStack } from '@todo/harness/stack';
import { addTask, completeTask } from '@todo/harness/task-client';
import { createTestDatabase } from '@todo/harness/test-database';
import autocannon from 'autocannon';
import { firstLoadJsKb } from './web/first-load-js.js';
import { runLighthouseMedian } from './web/lighthouse-run.js';

// npm run bench:web — the production web build, with the real api and 100 tasks of a signed-in
// account in a scratch database (on TEST_DATABASE_URL): autocannon on the page that shows all
// 100, as that account, then Lighthouse. Between web and the database, a relay counts what web
// asks of it (the session comes from the cookie cache: nothing per page view). Also the cost of
// a sign-in and of an api token. Prints figures; asserts nothing (a benchmark, not a test).
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TASKS = 100;
const SIGN_INS = 9;
const TOKENS = 2000;

async function seed(apiUrl: string, account: string) {
  for (let index = 1; index <= TASKS; index++) {
    const id = await addTask(apiUrl, `Benchmark task number ${index}`, account);
    if (index % 3 === 0) await completeTask(apiUrl, id, account);
  }
}

/** Milliseconds of each sign-in through the form (scrypt included), sorted. */
async function signInTimes(webUrl: string, email: string, password: string): Promise<number[]> {
  const times: number[] = [];
  for (let attempt = 0; attempt < SIGN_INS; attempt++) {
    const started = performance.now();
    await signIn(webUrl, email, password);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

/** Microseconds to make one api token (HS256, as web makes them), over many. */
async function tokenMicros(): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < TOKENS; index++) await tokenFor(`bench-account-${index}`);
  return ((performance.now() - started) * 1000) / TOKENS;
}

async function main() {
  assertChromium();
  ensureBuilt({ web: true });
  const database = await createTestDatabase({ prefix: 'todo_web_bench' });
  const stack = await startStack({ database, testAccount: false });
  const counter = await startQueryCounter({
    host: database.settings.host,
    port: database.settings.port,
  });
  const web = await startWeb({
    apiUrl: stack.apiUrl,
    databaseUrl: counter.url(database.url),
    env: ACCOUNT_TEST_ENV,
  });
  try {
    const password = 'benchmark password';
    const session = await signUp(web.url, 'bench@example.test', password);
    await seed(stack.apiUrl, await accountIdOf(database.url, session.email));
    const headers = { cookie: session.cookie };
    const [apiPid, webPid] = [stack.api()?.child.pid ?? 0, web.child.pid ?? 0];
    const pageUrl = `${web.url}/?limit=${TASKS}`;
    const html = await (await fetch(pageUrl, { headers })).text();
    const shown = (html.match(/class="task-title"/g) ?? []).length;
    if (shown !== TASKS) throw new Error(`the page shows ${shown} tasks, not ${TASKS}`);

    await autocannon({ url: pageUrl, headers, connections, duration: 3 }); // warm-up: JIT, keep-alive
    let peakRss = rssMiB(webPid);
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, rssMiB(webPid));
    }, 250);
    const webCpuBefore = cpuMs(webPid);
    const apiCpuBefore = cpuMs(apiPid);
    counter.reset();
    const result = await autocannon({ url: pageUrl, headers, connections, duration: seconds });
    clearInterval(sampler);
    const statements = counter.statements();
    const sessionStatements = statements.filter((statement) =>
      /AuthSession|AuthUser|AuthAccount/.test(statement.sql),
    ).length;
    const webCpu = (cpuMs(webPid) - webCpuBefore) / result.requests.total;
    const apiCpu = (cpuMs(apiPid) - apiCpuBefore) / result.requests.total;

    const js = await firstLoadJsKb(pageUrl, headers);
    // The load is over; let the machine settle before the browser measures anything.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const light = await runLighthouseMedian(pageUrl, headers, 'light');
    const dark = await runLighthouseMedian(pageUrl, headers, 'dark');
    const signIns = await signInTimes(web.url, session.email, password);
    const token = await tokenMicros();

    console.log(`\nweb home page with ${TASKS} tasks (${pageUrl.replace(web.url, '')}),`);
    console.log(`${connections} connections for ${seconds} s, api and MariaDB on this machine`);
    console.log(
      `(load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs at the end):`,
    );
    console.log(`  requests/s        ${result.requests.average.toFixed(0)}   (target >= 550)`);
    console.log(`  latency p50       ${result.latency.p50} ms`);
    console.log(`  latency p99       ${result.latency.p99} ms`);
    console.log(`  errors / non-2xx  ${result.errors + result.timeouts} / ${result.non2xx}`);
    console.log(`  web server RSS    ${peakRss.toFixed(0)} MiB peak   (target <= 250)`);
    console.log(`  CPU per request   web ${webCpu.toFixed(1)} ms, api ${apiCpu.toFixed(1)} ms`);
    console.log(
      `  web → database    ${statements.length} statements in ${result.requests.total} page views ` +
        `(${(statements.length / result.requests.total).toFixed(4)} per view; ` +
        `${sessionStatements} about sessions: the cookie cache answers)`,
    );
    console.log(
      `  first-load JS     ${js.kb.toFixed(1)} kB gzip in ${js.files} files   (target <= 120)`,
    );
    console.log(
      'Lighthouse 12.2.3 (mobile, simulated throttling), Debian Chromium, light / dark, median of 3:',
    );
    console.log(
      `  performance       ${light.performance} / ${dark.performance}   (target >= 95; ` +
        `runs ${light.performanceRuns.join(', ')} / ${dark.performanceRuns.join(', ')})`,
    );
    console.log(
      `  accessibility     ${light.accessibility} / ${dark.accessibility}   (target 100)`,
    );
    console.log(
      `  best practices    ${light.bestPractices} / ${dark.bestPractices}   (target 100)`,
    );
    for (const failure of light.failures) console.log(`  light, below 0.9: ${failure}`);
    for (const failure of dark.failures) console.log(`  dark, below 0.9: ${failure}`);
    console.log('Accounts:');
    console.log(
      `  sign-in           p50 ${percentile(signIns, 0.5).toFixed(0)} ms, ` +
        `max ${(signIns.at(-1) ?? 0).toFixed(0)} ms over ${SIGN_INS} (form post to 303, scrypt included)`,
    );
    console.log(
      `  api token         ${token.toFixed(1)} µs to make one (HS256); web reuses one per account for 30 s`,
    );
  } finally {
    await web.stop();
    await stack.stop();
    await counter.stop();
  }
}

await main();
