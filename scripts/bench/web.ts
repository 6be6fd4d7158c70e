import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { adminSql } from '../lib/admin-sql.js';
import { type NodeService, startNodeService } from '../lib/node-service.js';
import { cpuMs, rssMiB } from '../lib/process-stats.js';
import { WEB_NODE_OPTIONS } from '../lib/web-runtime.js';
import { firstLoadJsKb } from './web/first-load-js.js';
import { assertChromium, runLighthouse } from './web/lighthouse-run.js';

// npm run bench:web — the production web build, with the real api and 100 tasks in a scratch
// database: autocannon on the page that shows all 100, then Lighthouse. Prints figures;
// asserts nothing (a benchmark, not a test).
const root = fileURLToPath(new URL('../..', import.meta.url));
const serverUrl = (process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306').replace(
  /\/$/,
  '',
);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const distDir = '.cache/next-bench';
const database = `todo_web_bench_${process.pid}`;
const TASKS = 100;

const admin = (sql: string, database?: string) => adminSql(serverUrl, sql, database);

function build() {
  if (process.env.BENCH_REUSE_BUILD === '1') return;
  console.log('building api and web (production) ...');
  execFileSync('npx', ['tsc', '-p', 'api/tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync('npm', ['run', 'build', '-w', '@todo/web'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WEB_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
  });
}

async function seed(apiUrl: string) {
  for (let index = 1; index <= TASKS; index++) {
    const response = await fetch(`${apiUrl}/v1/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Benchmark task number ${index}` }),
    });
    if (response.status !== 201) throw new Error(`seeding failed: ${response.status}`);
    if (index % 3 === 0) {
      const { id } = (await response.json()) as { id: number };
      await fetch(`${apiUrl}/v1/tasks/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'completed' }),
      });
    }
  }
}

async function main() {
  assertChromium();
  build();
  await admin(`DROP DATABASE IF EXISTS \`${database}\``);
  const databaseUrl = `${serverUrl}/${database}`;
  execFileSync(process.execPath, ['api/dist/migrate.js'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
  });
  let api: NodeService | undefined;
  let web: NodeService | undefined;
  try {
    api = await startNodeService({
      name: 'api',
      entry: `${root}api/dist/index.js`,
      env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
      probePath: '/readyz',
    });
    await seed(api.url);
    web = await startNodeService({
      name: 'web',
      entry: `${root}web/${distDir}/standalone/web/server.js`,
      env: { API_URL: api.url, NODE_OPTIONS: WEB_NODE_OPTIONS },
      probePath: '/healthz',
    });
    const [apiPid, webPid] = [api.child.pid ?? 0, web.child.pid ?? 0];
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
    await web?.stop();
    await api?.stop();
    await admin(`DROP DATABASE IF EXISTS \`${database}\``);
  }
}

await main();
