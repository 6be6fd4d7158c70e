import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { NodeService } from '@todo/harness/node-service';
import { apiEntry } from '@todo/harness/paths';
import { startApi as startApiService } from '@todo/harness/services';

export { freePort } from '@todo/harness/ports';

export type ApiProcess = NodeService;

/** The compiled server in its own process, as the container runs it, logging at info. */
export function startApi(env: Record<string, string>): Promise<ApiProcess> {
  return startApiService({ env: { LOG_LEVEL: 'info', ...env } });
}

/** Runs the entry with this environment and returns how it ended. */
export async function runToExit(env: Record<string, string>) {
  const child = spawn(process.execPath, [apiEntry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  return { code: code as number | null, stderr };
}
