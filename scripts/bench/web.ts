import { availableParallelism, loadavg } from 'node:os';
import { ensureBuilt } from '@todo/harness/build';
import { assertChromium } from '@todo/harness/chromium';
import { cpuMs, rssMiB } from '@todo/harness/process-stats';
import { startStack } from '@todo/harness/stack';
import { addTask, completeTask } from '@todo/harness/task-client';
import { createTestDatabase } from '@todo/harness/test-database';
import autocannon from 'autocannon';
import { firstLoadJsKb } from './web/first-load-js.js';
import { runLighthouse } from './web/lighthouse-run.js';

// npm run bench:web — the production web build, with the real api and 100 tasks in a scratch
// database (on TEST_DATABASE_URL): autocannon on the page that shows all 100, then Lighthouse.
// Prints figures; asserts nothing (a benchmark, not a test).
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TASKS = 100;

async function seed(apiUrl: string) {
  for (let index = 1; index <= TASKS; index++) {
    const id = await addTask(apiUrl, `Benchmark task number ${index}`);
    if (index % 3 === 0) await completeTask(apiUrl, id);
  }
}

async function main() {
  assertChromium();
  ensureBuilt({ web: true });
  const stack = await startStack({
    database: await createTestDatabase({ prefix: 'todo_web_bench' }),
    web: true,
  });
  try {
    const { web } = stack;
    await seed(stack.apiUrl);
    const [apiPid, webPid] = [stack.api()?.child.pid ?? 0, web.child.pid ?? 0];
    const pageUrl = `${web.url}/?limit=${TASKS}`;
    const html = await (await fetch(pageUrl)).text();
    const shown = (html.match(/class="task-title"/g) ?? []).length;
    if (shown !== TASKS) throw new Error(`the page shows ${shown} tasks, not ${TASKS}`);

    await autocannon({ url: pageUrl, connections, duration: 3 }); // warm-up: JIT, keep-alive
    let peakRss = rssMiB(webPid);
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, rssMiB(webPid));
    }, 250);
    const webCpuBefore = cpuMs(webPid);
    const apiCpuBefore = cpuMs(apiPid);
    const result = await autocannon({ url: pageUrl, connections, duration: seconds });
    clearInterval(sampler);
    const webCpu = (cpuMs(webPid) - webCpuBefore) / result.requests.total;
    const apiCpu = (cpuMs(apiPid) - apiCpuBefore) / result.requests.total;

    const js = await firstLoadJsKb(pageUrl);
    const scores = await runLighthouse(pageUrl);

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
      `  first-load JS     ${js.kb.toFixed(1)} kB gzip in ${js.files} files   (target <= 120)`,
    );
    console.log('Lighthouse 12.2.3 (mobile, simulated throttling), Debian Chromium:');
    console.log(`  performance       ${scores.performance}   (target >= 95)`);
    console.log(`  accessibility     ${scores.accessibility}   (target 100)`);
    console.log(`  best practices    ${scores.bestPractices}   (target 100)`);
    for (const failure of scores.failures) console.log(`  below 0.9: ${failure}`);
  } finally {
    await stack.stop();
  }
}

await main();
