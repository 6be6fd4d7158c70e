import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../scripts/lib/ports.js';
import { TEST_TOKEN_KEY } from './accounts.js';

const entry = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

export { freePort };

export type ApiProcess = {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
};

/** A mounted Secret's worth of token key, as the chart gives the api one. */
export function tokenKeyFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'todo-token-key-')), 'api-token-key');
  writeFileSync(path, `${TEST_TOKEN_KEY}\n`);
  return path;
}

/** The compiled server in its own process, as the container runs it. */
export async function startApi(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      API_TOKEN_KEY_FILE: tokenKeyFile(),
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (!output.includes('listening')) {
    if (child.exitCode !== null) throw new Error(`api exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`api did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, child, output: () => output, exited };
}

/** Runs the entry with this environment and returns how it ended. */
export async function runToExit(env: Record<string, string>) {
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  return { code: code as number | null, stderr };
}
