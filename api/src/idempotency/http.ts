import type { Context } from 'hono';
import type { AppEnv } from '../http/request-context.js';
import { REPLAY_HEADER } from '../problem-types.js';
import { requestFingerprint } from './fingerprint.js';
import type { WriteRequest } from './idempotent-write.js';

/** A route's write, as idempotent-write.ts needs it: deadline, account, key and fingerprint. */
export function writeRequest(
  c: Context<AppEnv>,
  key: string | undefined,
  input: unknown,
): WriteRequest {
  return {
    deadline: c.var.deadline,
    account: c.var.account,
    key,
    fingerprint: requestFingerprint(c.req.method, c.req.path, input),
  };
}

/** `Idempotent-Replayed: true` on an answer sent again. */
export const replayHeaders = (replayed: boolean): Record<string, string> =>
  replayed ? { [REPLAY_HEADER]: 'true' } : {};
