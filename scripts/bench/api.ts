import { randomUUID } from 'node:crypto';
import { bearer, TEST_ACCOUNT, TEST_TOKEN_KEY, tokenFor } from '@todo/harness/accounts';
import { ensureBuilt } from '@todo/harness/build';
import { type NodeService, startNodeService } from '@todo/harness/node-service';
import { repoRoot } from '@todo/harness/paths';
import { rssMiB } from '@todo/harness/process-stats';
import { startApi } from '@todo/harness/services';
import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';
import autocannon from 'autocannon';
import { verifyBearerToken } from '../../api/src/auth/bearer-token.js';

// npm run bench:api — the api against a framework-free floor, in the same run, on the same
// databases (on TEST_DATABASE_URL). Prints figures; asserts nothing (a benchmark, not a test).
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

/**
 * A database with `accounts` accounts owning `rows` tasks between them, round robin; the
 * benchmark acts for the first (TEST_ACCOUNT). Counts are seeded into each account's slot 0.
 */
async function seed(prefix: string, rows: number, accounts = 1): Promise<TestDatabase> {
  const database = await createTestDatabase({ prefix });
  const owners = [TEST_ACCOUNT, ...Array.from({ length: accounts - 1 }, (_, i) => `bench-${i}`)];
  for (let start = 0; start < owners.length; start += 500) {
    const batch = owners.slice(start, start + 500);
    await database.query(
      `INSERT INTO AuthUser (id, name, email, email_verified, created_at, updated_at) VALUES ${batch
        .map(() => '(?, ?, ?, false, NOW(3), NOW(3))')
        .join(',')}`,
      batch.flatMap((owner) => [owner, owner, `${owner}@example.test`]),
    );
  }
  for (let start = 0; start < rows; start += 5000) {
    const values = Array.from({ length: Math.min(5000, rows - start) }, (_, i) => {
      const n = start + i;
      const status = n % 3 === 0 ? 'completed' : 'ongoing';
      return `('Task ${n + 1}', '${status}', '${owners[n % owners.length]}')`;
    });
    await database.query(`INSERT INTO Todo (task, status, owner_id) VALUES ${values.join(',')}`);
  }
  await database.query(
    `INSERT INTO TodoCounter (owner_id, slot, ongoing, completed)
       SELECT owner_id, 0, SUM(status = 'ongoing'), SUM(status = 'completed') FROM Todo GROUP BY owner_id;
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

type Scenario = { path: string; method: 'GET' | 'POST'; idempotencyKeys?: boolean };

async function slice(server: Server, scenario: Scenario, duration: number) {
  const { path, method } = scenario;
  // Signed in, as the web calls it: a token made for this slice (tokens live a minute).
  const headers: Record<string, string> = { ...(await bearer()) };
  if (method === 'POST') headers['content-type'] = 'application/json';
  const result = await autocannon({
    url: `${server.service.url}${path}`,
    connections,
    duration,
    method,
    headers,
    ...(method === 'POST' ? { body: JSON.stringify({ title: 'Benchmark task' }) } : {}),
    // One key per request, as the web sends one per intended change.
    ...(scenario.idempotencyKeys
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                headers: { ...request.headers, 'idempotency-key': randomUUID() },
              }),
            },
          ],
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

/** What verifying one token costs the api, in ms: the api's own check, many times over. */
async function tokenCost(): Promise<number> {
  const keys = [new TextEncoder().encode(TEST_TOKEN_KEY)];
  const token = await tokenFor();
  for (let i = 0; i < 2000; i++) await verifyBearerToken(token, keys);
  const started = performance.now();
  const runs = 20_000;
  for (let i = 0; i < runs; i++) await verifyBearerToken(token, keys);
  return (performance.now() - started) / runs;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Loads the api and the floor in alternating slices, so that whatever else the machine is
 * doing weighs on both alike; figures are the means over the slices.
 */
async function compare(api: Server, floor: Server, scenario: Scenario) {
  const rounds = 4;
  const per = Math.max(1, Math.round(seconds / rounds));
  await slice(api, scenario, 2); // warm-up: JIT and pool connections
  await slice(floor, scenario, 2);
  const results = new Map<Server, Figures[]>([
    [api, []],
    [floor, []],
  ]);
  const sampler = setInterval(() => api.sample(), 250);
  for (let round = 0; round < rounds; round++) {
    for (const server of [api, floor])
      results.get(server)?.push(await slice(server, scenario, per));
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

console.log(
  'building the api; seeding 100 tasks, 100,000 tasks of 1,000 accounts, and one account with 100,000...',
);
ensureBuilt({ log: () => {} });
const [smallDb, sharedDb, bigDb] = await Promise.all([
  seed('todo_bench_small', 100),
  seed('todo_bench_shared', 100_000, 1_000),
  seed('todo_bench_big', 100_000),
]);

const rows: Array<[string, string, Figures]> = [];
const run = async (label: string, database: TestDatabase, scenario: Scenario) => {
  const env = {
    DATABASE_URL: database.url,
    DB_POOL_SIZE: '10',
    LOG_LEVEL: 'warn',
    FLOOR_ACCOUNT: TEST_ACCOUNT,
  };
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
  const figures = await compare(api, floor, scenario);
  rows.push([label, 'api', figures.api], [label, 'floor', figures.floor]);
  await Promise.all([api.service.stop(), floor.service.stop()]);
  return api.peakRss;
};

const list100 = { path: '/v1/tasks?limit=100', method: 'GET' } as const;
const create = { path: '/v1/tasks', method: 'POST' } as const;
const rss = [
  await run('list 100 (100 rows)', smallDb, list100),
  await run('list 100 (1,000 accounts)', sharedDb, list100),
  await run('list 100 (100,000 rows)', bigDb, list100),
  await run('create', smallDb, create),
  await run('create, Idempotency-Key', smallDb, { ...create, idempotencyKeys: true }),
];
await Promise.all([smallDb.drop(), sharedDb.drop(), bigDb.drop()]);

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
const shared = find('list 100 (1,000 accounts)', 'api');
console.log(`100,000-row p50 / 100-row p50: ${(big.p50 / small.p50).toFixed(2)}  (target <= 1.2)`);
console.log(
  `1,000-account p50 / 100-row p50: ${(shared.p50 / small.p50).toFixed(2)}  (target <= 1.2)`,
);
const keyed = find('create, Idempotency-Key', 'api');
const plain = find('create', 'api');
console.log(
  `create with a key / without:  ${(keyed.rps / plain.rps).toFixed(2)}  (target >= 0.85)`,
);
const verify = await tokenCost();
console.log(`bearer token check:            ${verify.toFixed(3)} ms each  (target well under 1)`);
console.log(`api peak RSS under load:       ${Math.max(...rss).toFixed(0)} MiB  (target <= 120)`);
