import { randomUUID } from 'node:crypto';
import { bearerSource } from './accounts.js';
import { startWorkers } from './load-workers.js';

export type Operation = 'list' | 'read' | 'create' | 'rename' | 'complete' | 'delete' | 'ready';

/** One request the load made and how it ended; status 0 means no HTTP answer at all. */
export type Outcome = {
  op: Operation;
  id?: number;
  title?: string;
  status: number;
  problem: boolean;
  startedAt: number;
  ms: number;
  error?: string;
};

export type LoadOptions = {
  baseUrl: string;
  workers: number;
  /** A request still unanswered after this long counts as hung (status 0). */
  timeoutMs?: number;
  /** Relative weights of the operations; absent ones are not made. */
  mix?: Partial<Record<Operation, number>>;
  /** Pause between one worker's requests, so the load is steady rather than flat out. */
  pauseMs?: number;
  /** The account the load acts for (it must exist): TEST_ACCOUNT unless given. */
  account?: string;
};

export type RunningLoad = {
  outcomes: Outcome[];
  /** Stops issuing requests and waits for those in flight. */
  stop(): Promise<Outcome[]>;
};

const DEFAULT_MIX: Partial<Record<Operation, number>> = {
  list: 3,
  read: 2,
  create: 3,
  rename: 1,
  complete: 1,
  delete: 1,
};

function picker(mix: Partial<Record<Operation, number>>) {
  const entries = Object.entries(mix) as Array<[Operation, number]>;
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  return (): Operation => {
    let roll = Math.random() * total;
    for (const [op, weight] of entries) {
      roll -= weight;
      if (roll < 0) return op;
    }
    return entries[0]?.[0] ?? 'list';
  };
}

/**
 * Steady mixed traffic against the api: each worker makes one request at a time, on tasks it
 * created itself (so every acknowledged write can be checked afterwards), and records every
 * request's status and latency.
 */
export function startMixedLoad(options: LoadOptions): RunningLoad {
  const outcomes: Outcome[] = [];
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pick = picker(options.mix ?? DEFAULT_MIX);

  const authorized = bearerSource(options.account);
  const send = async (
    op: Operation,
    method: string,
    path: string,
    body?: unknown,
    extra: { id?: number; title?: string } = {},
  ): Promise<Outcome> => {
    const startedAt = Date.now();
    const began = performance.now();
    let outcome: Outcome;
    try {
      const json: Record<string, string> =
        body === undefined ? {} : { 'content-type': 'application/json' };
      const response = await fetch(`${options.baseUrl}${path}`, {
        method,
        headers: { ...json, ...(await authorized()) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      const problem = response.headers.get('content-type') === 'application/problem+json';
      outcome = { op, ...extra, status: response.status, problem, startedAt, ms: 0 };
      if (op === 'create' && response.status === 201) {
        outcome.id = (JSON.parse(text) as { id: number }).id;
      }
    } catch (error) {
      outcome = { op, ...extra, status: 0, problem: false, startedAt, ms: 0, error: String(error) };
    }
    outcome.ms = performance.now() - began;
    outcomes.push(outcome);
    return outcome;
  };

  const newStep = () => {
    const mine: number[] = [];
    const someOfMine = () => mine[Math.floor(Math.random() * mine.length)];
    return async () => {
      const op = pick();
      const id = someOfMine();
      if (op === 'list') await send(op, 'GET', '/v1/tasks?limit=20');
      else if (op === 'ready') await send(op, 'GET', '/readyz');
      else if (op === 'create' || id === undefined) {
        const title = `load ${randomUUID()} ✓`;
        const made = await send('create', 'POST', '/v1/tasks', { title }, { title });
        if (made.id !== undefined) mine.push(made.id);
      } else if (op === 'read') await send(op, 'GET', `/v1/tasks/${id}`, undefined, { id });
      else if (op === 'rename') {
        const title = `renamed ${randomUUID()}`;
        await send(op, 'PATCH', `/v1/tasks/${id}`, { title }, { id, title });
      } else if (op === 'complete') {
        await send(op, 'PATCH', `/v1/tasks/${id}`, { status: 'completed' }, { id });
      } else if (op === 'delete') {
        mine.splice(mine.indexOf(id), 1);
        await send(op, 'DELETE', `/v1/tasks/${id}`, undefined, { id });
      }
    };
  };

  const workers = startWorkers(options.workers, newStep, options.pauseMs);
  return {
    outcomes,
    async stop() {
      await workers.stop();
      return outcomes;
    },
  };
}
