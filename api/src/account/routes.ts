import { createRoute, z } from '@hono/zod-openapi';
import { problemResponses } from '../http/problem-responses.js';
import { createRouter } from '../http/router.js';
import { replayHeaders, writeRequest } from '../idempotency/http.js';
import type { IdempotentWrites } from '../idempotency/idempotent-write.js';
import { IdempotencyHeadersSchema } from '../idempotency/key.js';
import type { TaskWrites } from '../tasks/task-writes.js';

const AdoptionSchema = z
  .object({ adopted: z.number().int().nonnegative() })
  .openapi('AccountSetUp', {
    description: 'How many tasks without an owner this account took over',
  });

const setUpAccount = createRoute({
  method: 'post',
  path: '/',
  summary: 'Set up the calling account: it adopts the tasks that have no owner',
  description:
    'A database from before accounts (the tutorial, or an earlier release) keeps its tasks ' +
    'without an owner; the first account to call this after the upgrade takes them all over, ' +
    'counts included. The web app calls it when an account is created. Safe to call again.',
  request: { headers: IdempotencyHeadersSchema },
  responses: {
    200: { description: 'Set up', content: { 'application/json': { schema: AdoptionSchema } } },
    ...problemResponses(400, 401, 409, 422, 503),
  },
});

/** `/v1/account`: mounted by the app under that path. */
export function accountRoutes({ writes, write }: { writes: TaskWrites; write: IdempotentWrites }) {
  return createRouter().openapi(setUpAccount, async (c) => {
    const key = c.req.valid('header')['idempotency-key'];
    const { answer, replayed } = await write<{ adopted: number }>(
      writeRequest(c, key, {}),
      async (tx) => ({
        status: 200,
        body: { adopted: await writes.adoptUnowned(tx, c.var.account) },
      }),
    );
    if (answer.status !== 200) throw new Error('setting up an account has no other answer');
    return c.json(answer.body, 200, replayHeaders(replayed));
  });
}
