import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

export { freePort } from '../../../scripts/lib/ports';

export type Service = {
  url: string;
  port: number;
  output: () => string;
  stop: () => Promise<void>;
};

/** Starts `node <entry>` and waits until `probePath` answers 200. */
export async function startService(
  name: string,
  entry: string,
  port: number,
  env: Record<string, string>,
  probePath: string,
): Promise<Service> {
  const child: ChildProcess = spawn(process.execPath, [entry], {
    // Only what the service needs, not this shell's environment.
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      ...env,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`${name} did not start:\n${output}`);
    const ok = await fetch(`${url}${probePath}`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
