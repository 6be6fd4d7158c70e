import type { NodeService } from '@todo/harness/node-service';
import { type QueryCounter, startQueryCounter } from '@todo/harness/query-counter';
import { startWeb } from '@todo/harness/services';
import { ACCOUNT_TEST_ENV, signUp } from '@todo/harness/sessions';
import { type Stack, startStack } from '@todo/harness/stack';
import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';
import { afterAll, beforeAll, expect, it } from 'vitest';

// What a signed-in page view costs the database, counted on the wire between web and MySQL
// (the api's own queries go by another connection and are not counted): the session comes
// from its signed cookie cache, so no page view reads a session, an account or a user. The
// only statements are the list of ended sessions, read at most once a second per replica
// whatever the traffic. The figures are printed (bench:web measures the same under load).

let database: TestDatabase;
let stack: Stack<{ database: string }>;
let counter: QueryCounter;
let web: NodeService;

beforeAll(async () => {
  database = await createTestDatabase({ prefix: 'todo_web_cost' });
  stack = await startStack({ database: database.url, testAccount: false });
  counter = await startQueryCounter({ host: database.settings.host, port: database.settings.port });
  web = await startWeb({
    apiUrl: stack.apiUrl,
    databaseUrl: counter.url(database.url),
    env: ACCOUNT_TEST_ENV,
  });
}, 120_000);

afterAll(async () => {
  await web?.stop();
  await stack?.stop();
  await counter?.stop();
  await database?.drop();
});

const SESSION_TABLES = /AuthSession|AuthUser|AuthAccount/;

it('a page view reads no session from the database; ended sessions are read once a second at most', async () => {
  const session = await signUp(web.url);
  counter.reset();
  const views = 40;
  const started = Date.now();
  for (let view = 0; view < views; view++) {
    const page = await fetch(`${web.url}/`, { headers: { cookie: session.cookie } });
    expect(page.status).toBe(200);
    await page.text();
  }
  const seconds = (Date.now() - started) / 1000;
  const statements = counter.statements();
  expect(statements.filter((statement) => SESSION_TABLES.test(statement.sql))).toEqual([]);
  const others = statements.filter((statement) => !/AuthVerification/.test(statement.sql));
  // A connection the pool opens says which time zone it speaks, nothing else.
  expect(others.every((statement) => statement.sql.startsWith('SET time_zone'))).toBe(true);
  expect(statements.length).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
  console.log(
    `session cost: ${views} signed-in page views in ${seconds.toFixed(1)} s, ` +
      `${statements.length} statements from web (${(statements.length / views).toFixed(2)} per view), ` +
      `none about sessions`,
  );
});
