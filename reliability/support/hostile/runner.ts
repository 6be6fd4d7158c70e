import type { Connection } from 'mysql2/promise';
import type { HostileRequest } from './hostile-request.js';
import { highestTaskId, someTaskId, storedTitleHex, writesSoFar } from './table-fingerprint.js';
import { type Answer, judge } from './verdict.js';

/** How a request reaches the api: `app.request()` in process, or fetch over a socket. */
export type Send = (
  method: string,
  path: string,
  init: { headers: Record<string, string>; body?: string | Uint8Array },
) => Promise<Response>;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type HostileStats = { sent: number; byStatus: Record<number, number>; titlesStored: number };

/**
 * Sends one generated request, judges the answer, and checks the table: untouched by every
 * refused request and every read, and holding each accepted title byte for byte. Throws a
 * description of the first broken rule, which fast-check then shrinks to a minimal case.
 */
export async function createHostileRunner(send: Send, connection: Connection) {
  let writes = await writesSoFar(connection);
  const stats: HostileStats = { sent: 0, byStatus: {}, titlesStored: 0 };

  // A task that exists right now, made through the api when the generated traffic emptied the table.
  const existingId = async (): Promise<string> => {
    let id = await someTaskId(connection);
    if (id === null) {
      const seeded = await send('POST', '/v1/tasks', {
        headers: { 'content-type': 'application/json' },
        body: '{"title":"seed"}',
      });
      if (seeded.status !== 201) throw new Error(`could not seed a task: ${seeded.status}`);
      writes = await writesSoFar(connection);
      id = await someTaskId(connection);
    }
    return String(id);
  };

  const resolveId = async (request: HostileRequest): Promise<string> => {
    const ref = request.id;
    if (!ref || ref.kind === 'existing') return existingId();
    if (ref.kind === 'missing') {
      return String(
        (await highestTaskId(connection)) + 1_000_000 + Math.floor(Math.random() * 1000),
      );
    }
    return ref.text;
  };

  const run = async (request: HostileRequest): Promise<void> => {
    const id = await resolveId(request);
    const path = request.path.replace('{id}', id);
    const headers: Record<string, string> = { ...request.headers };
    if (request.contentType !== undefined) headers['content-type'] = request.contentType;
    const response = await send(request.method, path, {
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const answer: Answer = {
      status: response.status,
      headers: response.headers,
      text: request.method === 'HEAD' ? '' : await response.text(),
    };
    stats.sent++;
    stats.byStatus[answer.status] = (stats.byStatus[answer.status] ?? 0) + 1;
    const wrong = judge(request.method, request.expect, answer, headers['x-request-id']);

    const after = await writesSoFar(connection);
    const accepted = answer.status >= 200 && answer.status < 300;
    if ((!accepted || READS.has(request.method)) && after !== writes) {
      wrong.push(
        `${after - writes} rows written although the api answered ${request.method} with ${answer.status}`,
      );
    }
    writes = after;

    if (accepted && request.expect.storesTitle !== undefined) {
      const taskId =
        request.method === 'POST' ? (JSON.parse(answer.text) as { id: number }).id : Number(id);
      const returned = (JSON.parse(answer.text) as { title: string }).title;
      const expectedHex = Buffer.from(request.expect.storesTitle, 'utf8')
        .toString('hex')
        .toUpperCase();
      if (returned !== request.expect.storesTitle) wrong.push('the answer carries another title');
      if ((await storedTitleHex(connection, taskId)) !== expectedHex) {
        wrong.push('the stored title differs from the accepted one');
      } else stats.titlesStored++;
    }
    if (wrong.length > 0) {
      throw new Error(
        `${request.label}: ${request.method} ${path} ${JSON.stringify(headers)} ` +
          `body=${JSON.stringify(typeof request.body === 'string' ? request.body.slice(0, 300) : request.body && Buffer.from(request.body).toString('hex'))}\n` +
          `→ ${answer.status} ${answer.text.slice(0, 300)}\n  ${wrong.join('\n  ')}`,
      );
    }
  };

  return { run, stats };
}
