import { ensureBuilt } from '@todo/harness/build';
import { type NodeService, startNodeService } from '@todo/harness/node-service';
import { repoRoot } from '@todo/harness/paths';
import { rssMiB } from '@todo/harness/process-stats';
import { startApi } from '@todo/harness/services';
import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';
import autocannon from 'autocannon';

// npm run bench:api — the api against a framework-free floor, in the same run, on the same
// databases (on TEST_DATABASE_URL). Prints figures; asserts nothing (a benchmark, not a test).
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

async function seed(prefix: string, rows: number): Promise<TestDatabase> {
  const database = await createTestDatabase({ prefix });
  for (let start = 0; start < rows; start += 5000) {
    const values = Array.from(
      { length: Math.min(5000, rows - start) },
      (_, i) => `('Task ${start + i + 1}', '${(start + i) % 3 === 0 ? 'completed' : 'ongoing'}')`,
    );
    await database.query(`INSERT INTO Todo (task, status) VALUES ${values.join(',')}`);
  }
  await database.query(
    `UPDATE TodoCounter SET ongoing = 0, completed = 0;
     UPDATE TodoCounter t JOIN (SELECT SUM(status = 'ongoing') AS o, SUM(status = 'completed') AS c FROM Todo) s
       SET t.ongoing = s.o, t.completed = s.c WHERE t.slot = 0;
     ANALYZE TABLE Todo;`,
  );
  return database;
}

type Server = { service: NodeService; peakRss: number; sample(): void };

function measured(service: NodeService): Server {
  const server: Server = {
    service,
    peakRss: 0,
    sample() {
      server.peakRss = Math.max(server.peakRss, rssMiB(service.child.pid ?? 0));
    },
  };
  return server;
}

type Figures = { rps: number; p50: number; p99: number; errors: number };

async function slice(server: Server, path: string, method: 'GET' | 'POST', duration: number) {
  const result = await autocannon({
    url: `${server.service.url}${path}`,
    connections,
    duration,
    method,
    ...(method === 'POST'
      ? {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'Benchmark task' }),
        }
      : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Loads the api and the floor in alternating slices, so that whatever else the machine is
 * doing weighs on both alike; figures are the means over the slices.
 */
async function compare(api: Server, floor: Server, path: string, method: 'GET' | 'POST' = 'GET') {
  const rounds = 4;
  const per = Math.max(1, Math.round(seconds / rounds));
  await slice(api, path, method, 2); // warm-up: JIT and pool connections
  await slice(floor, path, method, 2);
  const results = new Map<Server, Figures[]>([
    [api, []],
    [floor, []],
  ]);
  const sampler = setInterval(() => api.sample(), 250);
  for (let round = 0; round < rounds; round++) {
    for (const server of [api, floor])
      results.get(server)?.push(await slice(server, path, method, per));
  }
  clearInterval(sampler);
  const summary = (server: Server): Figures => {
    const slices = results.get(server) ?? [];
    return {
      rps: mean(slices.map((figures) => figures.rps)),
      p50: mean(slices.map((figures) => figures.p50)),
      p99: mean(slices.map((figures) => figures.p99)),
      errors: slices.reduce((sum, figures) => sum + figures.errors, 0),
    };
  };
  return { api: summary(api), floor: summary(floor) };
}

console.log('building the api and seeding 100 and 100,000 tasks...');
ensureBuilt({ log: () => {} });
const [smallDb, bigDb] = await Promise.all([
  seed('todo_bench_small', 100),
  seed('todo_bench_big', 100_000),
]);

const rows: Array<[string, string, Figures]> = [];
const run = async (
  label: string,
  database: TestDatabase,
  path: string,
  method: 'GET' | 'POST' = 'GET',
) => {
  const env = { DATABASE_URL: database.url, DB_POOL_SIZE: '10', LOG_LEVEL: 'warn' };
  const api = measured(await startApi({ env, probePath: '/readyz' }));
  const floor = measured(
    await startNodeService({
      name: 'floor',
      entry: `${repoRoot}scripts/bench/floor-server.ts`,
      nodeArgs: ['--import', 'tsx'],
      env,
      // The floor serves /v1/tasks only: any answer means it listens.
      probePath: '/',
      acceptProbe: () => true,
    }),
  );
  const figures = await compare(api, floor, path, method);
  rows.push([label, 'api', figures.api], [label, 'floor', figures.floor]);
  await Promise.all([api.service.stop(), floor.service.stop()]);
  return api.peakRss;
};

const rss = [
  await run('list 100 (100 rows)', smallDb, '/v1/tasks?limit=100'),
  await run('list 100 (100,000 rows)', bigDb, '/v1/tasks?limit=100'),
  await run('create', smallDb, '/v1/tasks', 'POST'),
];
await Promise.all([smallDb.drop(), bigDb.drop()]);

const pad = (text: string | number, width: number) => String(text).padStart(width);
console.log(
  `\n${connections} connections, ${seconds} s per server and scenario (4 alternating slices), Node ${process.version}\n`,
);
console.log(
  `${'scenario'.padEnd(26)}${pad('server', 7)}${pad('req/s', 10)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('errors', 8)}`,
);
for (const [label, server, figures] of rows) {
  console.log(
    `${label.padEnd(26)}${pad(server, 7)}${pad(figures.rps.toFixed(0), 10)}${pad(figures.p50, 9)}${pad(figures.p99, 9)}${pad(figures.errors, 8)}`,
  );
}
const find = (label: string, server: string) =>
  rows.find((row) => row[0] === label && row[1] === server)?.[2] as Figures;
const small = find('list 100 (100 rows)', 'api');
const big = find('list 100 (100,000 rows)', 'api');
console.log(
  `\napi / floor, list 100:        ${(small.rps / find('list 100 (100 rows)', 'floor').rps).toFixed(2)}  (target >= 0.85)`,
);
console.log(`100,000-row p50 / 100-row p50: ${(big.p50 / small.p50).toFixed(2)}  (target <= 1.2)`);
console.log(`api peak RSS under load:       ${Math.max(...rss).toFixed(0)} MiB  (target <= 120)`);
