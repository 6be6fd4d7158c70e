import { availableParallelism, loadavg } from 'node:os';
import { bearer } from '@todo/harness/accounts';
import { ensureBuilt } from '@todo/harness/build';
import { percentile } from '@todo/harness/percentile';
import { cpuMs, rssMiB } from '@todo/harness/process-stats';
import { startQueryCounter } from '@todo/harness/query-counter';
import { startWeb } from '@todo/harness/services';
import { ACCOUNT_TEST_ENV, newEmail, type Session, signUp } from '@todo/harness/sessions';
import { startStack } from '@todo/harness/stack';
import { createTestDatabase } from '@todo/harness/test-database';
import type { RowDataPacket } from 'mysql2/promise';
import { type Arrivals, openTabs } from './events/tab-streams.js';

// npm run bench:events — live updates at scale: STREAMS browser-like tabs following /events on
// one web process, in front of one api process, on a scratch database (TEST_DATABASE_URL), while
// WRITES_PER_SECOND tasks are added through the api. Prints the delay from a write's answer
// (its commit) to its event in the tabs, what the open streams cost web and api, and how many
// queries the feed makes. Asserts nothing: a benchmark, not a test.
const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);
const TABS_PER_ACCOUNT = Number(process.env.BENCH_TABS_PER_ACCOUNT ?? 1);
const WRITES_PER_SECOND = Number(process.env.BENCH_WRITES_PER_SECOND ?? 10);
const WINDOW_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SIGN_UP_CONCURRENCY = 4;

type Window = { webRss: number; apiRss: number; webCpu: number; apiCpu: number; feedReads: number };

const isFeedRead = (sql: string) => /^\s*select/i.test(sql) && /`Task(Event|Feed)`/.test(sql);

async function signUpMany(webUrl: string, count: number): Promise<Session[]> {
  const sessions: Session[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      sessions.push(await signUp(webUrl, newEmail('events')));
    }
  };
  await Promise.all(Array.from({ length: SIGN_UP_CONCURRENCY }, worker));
  return sessions;
}

async function main() {
  ensureBuilt({ web: true });
  const database = await createTestDatabase({ prefix: 'todo_events_bench' });
  const counter = await startQueryCounter({
    host: database.settings.host,
    port: database.settings.port,
  });
  // The api reaches the database through the counter; web (sessions) directly.
  const stack = await startStack({ database: counter.url(database.url), testAccount: false });
  const web = await startWeb({
    apiUrl: stack.apiUrl,
    databaseUrl: database.url,
    env: ACCOUNT_TEST_ENV,
  });
  const [apiPid, webPid] = [stack.api()?.child.pid ?? 0, web.child.pid ?? 0];

  /** Averages over `seconds`: RSS sampled each second, CPU as a share of one core. */
  async function measure(seconds: number): Promise<Window> {
    const cpu = [cpuMs(webPid), cpuMs(apiPid)];
    counter.reset();
    const rss = { web: 0, api: 0 };
    for (let second = 0; second < seconds; second++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      rss.web += rssMiB(webPid);
      rss.api += rssMiB(apiPid);
    }
    const feedReads = counter.statements().filter((statement) => isFeedRead(statement.sql));
    return {
      webRss: rss.web / seconds,
      apiRss: rss.api / seconds,
      webCpu: (cpuMs(webPid) - (cpu[0] ?? 0)) / (seconds * 10),
      apiCpu: (cpuMs(apiPid) - (cpu[1] ?? 0)) / (seconds * 10),
      feedReads: feedReads.length / seconds,
    };
  }

  try {
    const accounts = Math.ceil(STREAMS / TABS_PER_ACCOUNT);
    console.log(`signing up ${accounts} accounts through the web's form…`);
    const sessions = await signUpMany(web.url, accounts);
    const ids = new Map(
      (await database.query<RowDataPacket[]>('SELECT id, email FROM AuthUser')).map((row) => [
        row.email as string,
        row.id as string,
      ]),
    );
    const tabSessions = Array.from(
      { length: STREAMS },
      (_, index) => sessions[index % sessions.length] as Session,
    );

    const idle = await measure(WINDOW_SECONDS);
    const arrivals: Arrivals = new Map();
    console.log(`opening ${STREAMS} streams…`);
    const tabs = openTabs(web.url, tabSessions, arrivals);
    const openDeadline = Date.now() + 120_000;
    while (tabs.stats().opened < STREAMS && Date.now() < openDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const open = await measure(WINDOW_SECONDS);

    const answered = new Map<string, number>();
    const failedWrites: number[] = [];
    let written = 0;
    const writer = setInterval(() => {
      const session = sessions[written % sessions.length] as Session;
      const title = `bench ${written++}`;
      const account = ids.get(session.email) ?? '';
      void (async () => {
        const response = await fetch(`${stack.apiUrl}/v1/tasks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await bearer(account)) },
          body: JSON.stringify({ title }),
        });
        await response.body?.cancel();
        if (response.status === 201) answered.set(title, performance.now());
        else failedWrites.push(response.status);
      })();
    }, 1000 / WRITES_PER_SECOND);
    const writing = await measure(WINDOW_SECONDS);
    clearInterval(writer);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await tabs.close();

    const delays: number[] = [];
    let missing = 0;
    for (const [title, at] of answered) {
      const seen = arrivals.get(title) ?? [];
      missing += Math.max(0, TABS_PER_ACCOUNT - seen.length);
      for (const arrival of seen) delays.push(Math.max(0, arrival - at));
    }
    const stats = tabs.stats();
    const mib = (value: number) => `${value.toFixed(0)} MiB`;
    const perStream = (open: number, idle: number) =>
      `${(((open - idle) * 1024) / STREAMS).toFixed(1)} KiB per stream`;
    const cores = (value: number) => `${value.toFixed(1)}%`;

    console.log(
      `\nlive updates: ${STREAMS} streams (${accounts} accounts, ${TABS_PER_ACCOUNT} tab(s) each)`,
    );
    console.log(`on one web and one api process, MariaDB on this machine`);
    console.log(
      `(load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs at the end):`,
    );
    console.log(
      `  writes            ${answered.size} answered at ${WRITES_PER_SECOND}/s for ${WINDOW_SECONDS} s, ${failedWrites.length} failed`,
    );
    console.log(
      `  deliveries        ${delays.length}, ${missing} missing   (every write to every tab of its account)`,
    );
    console.log(`  commit → tab p50  ${percentile(delays, 0.5).toFixed(0)} ms`);
    console.log(`  commit → tab p99  ${percentile(delays, 0.99).toFixed(0)} ms   (target <= 1000)`);
    console.log(`  commit → tab max  ${(delays.length ? Math.max(...delays) : 0).toFixed(0)} ms`);
    console.log(
      `  streams           ${stats.opened} opened, ${stats.reconnects} reconnected, ${[...stats.failures.values()].reduce((a, b) => a + b, 0)} failed ${JSON.stringify(Object.fromEntries(stats.failures))}`,
    );
    console.log('                    idle        streams open     open + writes');
    console.log(
      `  web RSS           ${mib(idle.webRss).padEnd(12)}${mib(open.webRss).padEnd(17)}${mib(writing.webRss)}   (${perStream(open.webRss, idle.webRss)}; target <= 50)`,
    );
    console.log(
      `  api RSS           ${mib(idle.apiRss).padEnd(12)}${mib(open.apiRss).padEnd(17)}${mib(writing.apiRss)}   (${perStream(open.apiRss, idle.apiRss)})`,
    );
    console.log(
      `  web CPU           ${cores(idle.webCpu).padEnd(12)}${cores(open.webCpu).padEnd(17)}${cores(writing.webCpu)}`,
    );
    console.log(
      `  api CPU           ${cores(idle.apiCpu).padEnd(12)}${cores(open.apiCpu).padEnd(17)}${cores(writing.apiCpu)}`,
    );
    console.log(
      `  feed reads/s      ${idle.feedReads.toFixed(1).padEnd(12)}${open.feedReads.toFixed(1).padEnd(17)}${writing.feedReads.toFixed(1)}   (api → database; independent of the streams)`,
    );
  } finally {
    await web.stop();
    await stack.stop();
    await counter.stop();
    await database.drop();
  }
}

await main();
