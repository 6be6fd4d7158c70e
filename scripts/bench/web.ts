import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createConnection } from 'mysql2/promise';
import { freePort, isListening } from '../lib/ports.js';
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

async function admin(sql: string) {
  const connection = await createConnection(serverUrl);
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

type Server = { url: string; child: ChildProcess; rssMb(): number; cpuMs(): number };

async function launch(entry: string, env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  while (!(await isListening(port))) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    await sleep(50);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    // User + system CPU time so far (clock ticks of 10 ms): a cost per request that does not
    // depend on how busy the rest of the machine is.
    cpuMs() {
      const fields =
        readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
  };
}

async function stop(server: Server | undefined) {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((done) => server.child.once('exit', done));
  server.child.kill('SIGTERM');
  await exited;
}

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
  let api: Server | undefined;
  let web: Server | undefined;
  try {
    api = await launch('api/dist/index.js', { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
    await seed(api.url);
    web = await launch(`web/${distDir}/standalone/web/server.js`, {
      API_URL: api.url,
      HOSTNAME: '127.0.0.1',
      NODE_OPTIONS: WEB_NODE_OPTIONS,
    });
    const pageUrl = `${web.url}/?limit=${TASKS}`;
    const html = await (await fetch(pageUrl)).text();
    const shown = (html.match(/class="task-title"/g) ?? []).length;
    if (shown !== TASKS) throw new Error(`the page shows ${shown} tasks, not ${TASKS}`);

    await autocannon({ url: pageUrl, connections, duration: 3 }); // warm-up: JIT, keep-alive
    let peakRss = web.rssMb();
    const sampler = setInterval(() => {
      if (web) peakRss = Math.max(peakRss, web.rssMb());
    }, 250);
    const webCpuBefore = web.cpuMs();
    const apiCpuBefore = api.cpuMs();
    const result = await autocannon({ url: pageUrl, connections, duration: seconds });
    clearInterval(sampler);
    const webCpu = (web.cpuMs() - webCpuBefore) / result.requests.total;
    const apiCpu = (api.cpuMs() - apiCpuBefore) / result.requests.total;

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
    console.log(`  web server RSS    ${peakRss.toFixed(0)} MB peak   (target <= 250)`);
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
    await stop(web);
    await stop(api);
    await admin(`DROP DATABASE IF EXISTS \`${database}\``);
  }
}

await main();
