import { type ChildProcess, spawn } from 'node:child_process';

export interface CommandOptions {
  /** Kill the command and fail after this many milliseconds. */
  timeoutMs?: number;
  /** Show the command's output live instead of capturing it. */
  inherit?: boolean;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    // The tail is where tools print the reason they failed.
    super(`${command} failed (exit ${exitCode ?? 'signal'}):\n${output.slice(-4000)}`);
  }
}

function describe(file: string, args: readonly string[]): string {
  return [file, ...args].join(' ');
}

/** Runs a command to completion; resolves with its stdout, rejects with its output on failure. */
export function run(
  file: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<string> {
  const { timeoutMs = 10 * 60_000, inherit = false } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      detached: true,
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [
        options.input === undefined ? 'ignore' : 'pipe',
        inherit ? 'inherit' : 'pipe',
        inherit ? 'inherit' : 'pipe',
      ],
    });
    let stdout = '';
    let combined = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk;
      combined += chunk;
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      combined += chunk;
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
    const timer = setTimeout(() => {
      // The whole group: buildah's chroot runner leaves its child behind otherwise.
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      combined += `\n[killed after ${timeoutMs} ms]`;
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new CommandError(describe(file, args), null, String(error)));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new CommandError(describe(file, args), code, combined));
    });
  });
}

/** Resolves true when the command exits 0, false otherwise (including when it is missing). */
export async function succeeds(file: string, args: readonly string[]): Promise<boolean> {
  try {
    await run(file, args, { timeoutMs: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** A long-running process (a server in a container) whose output is kept for diagnosis. */
export interface Background {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export function start(file: string, args: readonly string[], label: string): Background {
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk;
    if (process.env.IMAGES_VERBOSE) process.stderr.write(`[${label}] ${chunk}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => resolve(code));
    child.on('error', (error) => {
      output += String(error);
      resolve(null);
    });
  });
  return { child, output: () => output, exited };
}
