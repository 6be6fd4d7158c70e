import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { waitForHttp } from './http-probe.js';
import { freePort } from './ports.js';

export type NodeService = {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  /** What it printed so far (empty when its output goes to this terminal). */
  output: () => string;
  /** Exit code, or 128 + signal number when a signal ended it (as a shell reports it). */
  exited: Promise<number>;
  /** Sends SIGTERM (if still running) and waits for the exit code. */
  stop: () => Promise<number>;
};

export type NodeServiceOptions = {
  name: string;
  entry: string;
  /** Node's own flags, before the entry (`--import tsx`, say). */
  nodeArgs?: string[];
  /** The whole environment it gets, apart from PATH, NODE_ENV, PORT and HOSTNAME. */
  env: Record<string, string>;
  port?: number;
  probePath: string;
  acceptProbe?: (status: number) => boolean;
  /** `inherit`: its output goes to this terminal (npm start) instead of being kept. */
  output?: 'keep' | 'inherit';
};

const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

// The services still running. A test that fails before its own clean-up must not leave a server
// behind: one whose parent is gone writes its logs to a closed pipe and can spin on that for as
// long as the machine runs, skewing every benchmark after it.
const running = new Set<ChildProcess>();
let reaperInstalled = false;
function reapAtExit(child: ChildProcess) {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (reaperInstalled) return;
  reaperInstalled = true;
  process.once('exit', () => {
    for (const left of running) left.kill('SIGKILL');
  });
}

/**
 * Runs `node <entry>` on 127.0.0.1 with only the given environment, and waits until
 * `probePath` answers 200 (or `acceptProbe` says the answer will do).
 */
export async function startNodeService(options: NodeServiceOptions): Promise<NodeService> {
  const port = options.port ?? (await freePort());
  const inherit = options.output === 'inherit';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      ...options.env,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
    },
    stdio: ['ignore', inherit ? 'inherit' : 'pipe', inherit ? 'inherit' : 'pipe'],
  });
  reapAtExit(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit').then(([code, signal]) =>
    code === null ? 128 + (SIGNAL_NUMBERS[String(signal)] ?? 0) : (code as number),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}${options.probePath}`, {
      timeoutMs: 30_000,
      ...(options.acceptProbe ? { accept: options.acceptProbe } : {}),
      gaveUp: () => (child.exitCode === null ? undefined : `${options.name} exited early`),
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${options.name} did not start (${String(error)}):\n${output}`);
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
