import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from './ports.js';

export type NodeService = {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  /** Exit code, or 128 + signal number when a signal ended it (as a shell reports it). */
  exited: Promise<number>;
  /** Sends SIGTERM (if still running) and waits for the exit code. */
  stop: () => Promise<number>;
};

const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/**
 * Runs `node <entry>` on 127.0.0.1 with only the given environment, and waits until
 * `probePath` answers 200 (or `acceptProbe` says the answer will do).
 */
export async function startNodeService(options: {
  name: string;
  entry: string;
  env: Record<string, string>;
  port?: number;
  probePath: string;
  acceptProbe?: (status: number) => boolean;
}): Promise<NodeService> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [options.entry], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      ...options.env,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit').then(([code, signal]) =>
    code === null ? 128 + (SIGNAL_NUMBERS[String(signal)] ?? 0) : (code as number),
  );
  const url = `http://127.0.0.1:${port}`;
  const accept = options.acceptProbe ?? ((status: number) => status === 200);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited early:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} did not start:\n${output}`);
    }
    const status = await fetch(`${url}${options.probePath}`, { signal: AbortSignal.timeout(2000) })
      .then(async (response) => {
        await response.body?.cancel();
        return response.status;
      })
      .catch(() => 0);
    if (status !== 0 && accept(status)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    name: options.name,
    url,
    port,
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
