import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { serverAnswers } from './database-server.js';
import { freePort } from './ports.js';

const run = promisify(execFile);

type ServerKind = { kind: 'mariadb' | 'mysql'; server: string; installDb?: string };

const candidates: ServerKind[] = [
  { kind: 'mariadb', server: '/usr/sbin/mariadbd', installDb: '/usr/bin/mariadb-install-db' },
  { kind: 'mariadb', server: '/usr/bin/mariadbd', installDb: '/usr/bin/mariadb-install-db' },
  { kind: 'mysql', server: '/usr/sbin/mysqld' },
  { kind: 'mysql', server: '/usr/bin/mysqld' },
  { kind: 'mysql', server: '/usr/local/mysql/bin/mysqld' },
];

/** The MariaDB or MySQL server binary installed on this machine, if any. */
export function findServerBinary(): ServerKind | null {
  return (
    candidates.find(
      (candidate) =>
        existsSync(candidate.server) && (!candidate.installDb || existsSync(candidate.installDb)),
    ) ?? null
  );
}

export type PrivateDatabase = {
  /** `mysql://root@127.0.0.1:<port>` (no database in the path). */
  serverUrl: string;
  port: number;
  dataDir: string;
  /** Whether the server answers now. */
  readonly running: boolean;
  /** Graceful stop (SIGTERM), waiting for the process to end. */
  stop(): Promise<void>;
  /** Hard kill (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data. */
  start(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open and nothing is answered. */
  pause(): void;
  /** Lets a paused server go on (SIGCONT). */
  resume(): void;
};

export type PrivateDatabaseOptions = {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
  /** Small buffers: this is a developer's or a test's server, not production. */
  extraArgs?: string[];
};

async function initialise(kind: ServerKind, dataDir: string) {
  if (existsSync(join(dataDir, 'mysql'))) return;
  mkdirSync(dataDir, { recursive: true });
  if (kind.kind === 'mariadb' && kind.installDb) {
    await run(kind.installDb, [
      '--no-defaults',
      `--datadir=${dataDir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      `--user=${process.env.USER ?? 'root'}`,
    ]);
  } else {
    await run(kind.server, [
      '--no-defaults',
      '--initialize-insecure',
      `--datadir=${dataDir}`,
      `--user=${process.env.USER ?? 'root'}`,
    ]);
  }
}

/** A server left running by an earlier run that died would hold the data directory's lock. */
async function stopLeftover(pidFile: string, log: (line: string) => void) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // not running
  }
  log(`stopping a database server left running by an earlier run (pid ${pid})`);
  for (let waited = 0; waited < 30_000; waited += 200) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(200);
  }
}

async function waitUntilAnswering(serverUrl: string, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + 60_000;
  while (!(await serverAnswers(serverUrl))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
      throw new Error(`database server did not start:\n${tail}`);
    }
    await sleep(200);
  }
}

/**
 * Starts a MariaDB (or MySQL) server of our own: its data in `dataDir` (created and
 * initialised on first use, kept afterwards), listening on 127.0.0.1 only, root without a
 * password. Tests use it to stop, kill and restart a database without touching the shared one.
 */
export async function startPrivateDatabase(
  options: PrivateDatabaseOptions,
): Promise<PrivateDatabase> {
  const kind = findServerBinary();
  if (!kind) throw new Error('no mariadbd or mysqld is installed');
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => {});
  await initialise(kind, dataDir);
  const port = options.port ?? (await freePort());
  const serverUrl = `mysql://root@127.0.0.1:${port}`;
  // A UNIX socket path must stay under ~100 bytes, which a deep data dir may not.
  const socket = join(
    tmpdir(),
    `todo-db-${createHash('sha1').update(dataDir).digest('hex').slice(0, 12)}.sock`,
  );
  const logFile = join(dataDir, 'server.log');
  let child: ChildProcess | null = null;

  const start = async () => {
    await stopLeftover(join(dataDir, 'server.pid'), log);
    const out = openSync(logFile, 'a');
    child = spawn(
      kind.server,
      [
        '--no-defaults',
        `--datadir=${dataDir}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--socket=${socket}`,
        `--pid-file=${join(dataDir, 'server.pid')}`,
        `--user=${process.env.USER ?? 'root'}`,
        '--skip-name-resolve',
        '--innodb-buffer-pool-size=128M',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        ...(kind.kind === 'mysql' ? ['--mysqlx=OFF'] : []),
        ...(options.extraArgs ?? []),
      ],
      // Its own process group: a terminal's Ctrl-C reaches the app first, and the database
      // is stopped last, by us, once the app has let go of it.
      { stdio: ['ignore', out, out], detached: true },
    );
    await waitUntilAnswering(serverUrl, child, logFile);
    log(`database server (${kind.kind}) listening on 127.0.0.1:${port}, data in ${dataDir}`);
  };

  const end = async (signal: NodeJS.Signals) => {
    const current = child;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const exited = new Promise((done) => current.once('exit', done));
    current.kill(signal);
    await exited;
  };

  await start();
  return {
    serverUrl,
    port,
    dataDir,
    get running() {
      const current = child as ChildProcess | null;
      return current !== null && current.exitCode === null && current.signalCode === null;
    },
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    start,
    pause: () => {
      (child as ChildProcess | null)?.kill('SIGSTOP');
    },
    resume: () => {
      (child as ChildProcess | null)?.kill('SIGCONT');
    },
  };
}
