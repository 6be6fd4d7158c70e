import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Background, run, start, succeeds } from './command.js';

export interface ImageConfig {
  user: string;
  workingDir: string;
  cmd: string[];
  labels: Record<string, string>;
}

/** The run-time settings baked into an image, read back so the smoke run uses exactly them. */
export async function imageConfig(image: string): Promise<ImageConfig> {
  const inspected = JSON.parse(await run('buildah', ['inspect', '--type', 'image', image])) as {
    OCIv1?: {
      config?: {
        User?: string;
        WorkingDir?: string;
        Cmd?: string[];
        Labels?: Record<string, string>;
      };
    };
  };
  const config = inspected.OCIv1?.config;
  if (!config?.Cmd?.length) throw new Error(`${image} has no CMD`);
  return {
    user: config.User ?? '',
    workingDir: config.WorkingDir ?? '/',
    cmd: config.Cmd,
    labels: config.Labels ?? {},
  };
}

export interface RunSpec {
  env: Record<string, string>;
  /** Paths given a fresh tmpfs, as the chart gives them an emptyDir. */
  scratch: string[];
  /** Host files mounted read-only at these paths, as the chart mounts a Secret's keys. */
  secrets?: Record<string, string>;
  /** Defaults to the image's CMD. */
  command?: string[];
}

// buildah run itself places these in the container's upper layer; the process did not write them.
const WRITTEN_BY_BUILDAH = new Set(['etc/hosts', 'etc/resolv.conf', 'etc/hostname']);

/**
 * A working container of an image, run with buildah's chroot isolation on the host network as
 * the image's own user. buildah 1.28 has no read-only root option, so instead of enforcing it
 * the container's overlay upper layer is inspected afterwards: anything there was written
 * outside the scratch mounts and would fail on a read-only root filesystem.
 */
export class Container {
  /** The server started in this container, if any, so tear-down can stop it after a failure. */
  server: Background | undefined;
  /**
   * Where files were bound (the secrets): buildah makes each mount point in the upper layer,
   * as it makes etc/hosts; the process did not write them.
   */
  private readonly mountPoints = new Set<string>();

  private constructor(
    readonly name: string,
    readonly config: ImageConfig,
    /** Exit codes that mean "stopped cleanly on SIGTERM" for this image's server. */
    readonly cleanExitCodes: readonly number[],
  ) {}

  static async create(
    image: string,
    name: string,
    cleanExitCodes: readonly number[] = [0],
  ): Promise<Container> {
    const config = await imageConfig(image);
    await run('buildah', ['from', '--pull=never', '--name', name, image]);
    return new Container(name, config, cleanExitCodes);
  }

  private args(spec: RunSpec): string[] {
    const args = ['run', '--isolation', 'chroot', '--network', 'host'];
    args.push('--user', this.config.user, '--workingdir', this.config.workingDir);
    for (const [key, value] of Object.entries(spec.env)) args.push('--env', `${key}=${value}`);
    for (const path of spec.scratch) args.push('--mount', `type=tmpfs,destination=${path}`);
    for (const [destination, source] of Object.entries(spec.secrets ?? {})) {
      args.push('--mount', `type=bind,source=${source},destination=${destination},ro=true`);
      this.mountPoints.add(destination.replace(/^\/+/, ''));
    }
    return [...args, this.name, '--', ...(spec.command ?? this.config.cmd)];
  }

  /** Runs a command that is expected to finish (the migrator). */
  async runToCompletion(spec: RunSpec, timeoutMs: number): Promise<string> {
    return run('buildah', this.args(spec), { timeoutMs });
  }

  /** Starts the image's server; stop it with `stop`. */
  start(spec: RunSpec): Background {
    this.server = start('buildah', this.args(spec), this.name);
    return this.server;
  }

  /** Files the processes wrote into the image's root filesystem (relative paths). */
  async writesToRootFilesystem(): Promise<string[]> {
    const merged = (await run('buildah', ['mount', this.name])).trim();
    const upper = join(dirname(merged), 'diff');
    const written: string[] = [];
    const walk = async (dir: string, prefix: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(join(dir, entry.name), path);
        else if (!WRITTEN_BY_BUILDAH.has(path) && !this.mountPoints.has(path)) written.push(path);
      }
    };
    await walk(upper, '');
    await run('buildah', ['umount', this.name]);
    return written;
  }

  async remove(): Promise<void> {
    await succeeds('buildah', ['rm', this.name]);
  }
}

/** The processes started below `pid` that have no children: the container's own process. */
async function leafDescendants(pid: number): Promise<number[]> {
  const children = new Map<number, number[]>();
  for (const line of (await run('ps', ['-e', '-o', 'pid=,ppid='])).split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (child === undefined || parent === undefined || Number.isNaN(parent)) continue;
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const leaves: number[] = [];
  const walk = (current: number) => {
    const below = children.get(current) ?? [];
    if (below.length === 0 && current !== pid) leaves.push(current);
    for (const next of below) walk(next);
  };
  walk(pid);
  return leaves;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/**
 * SIGTERM to the container's process itself, as the kubelet sends it to the container's PID 1
 * (buildah run answers a SIGTERM of its own by killing its child, so it is not signalled);
 * SIGKILL to the whole group when the process has not exited within `graceMs`.
 */
export async function stop(server: Background, graceMs: number): Promise<number | null> {
  const pid = server.child.pid;
  if (pid === undefined) return server.exited;
  for (const leaf of await leafDescendants(pid)) signal(leaf, 'SIGTERM');
  const timer = setTimeout(() => signal(-pid, 'SIGKILL'), graceMs);
  const code = await server.exited;
  clearTimeout(timer);
  return code;
}
