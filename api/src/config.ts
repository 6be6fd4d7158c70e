import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseTokenKeys } from './auth/token-keys.js';

/** Where one MySQL endpoint lives and how to log in to it. */
export type ConnectionSettings = {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
};

export type Config = {
  port: number;
  /** Keys that sign the web's bearer tokens (API_TOKEN_KEY_FILE); any of them is accepted. */
  tokenKeys: Uint8Array[];
  database: { primary: ConnectionSettings; replica: ConnectionSettings | null };
  poolSize: number;
  queryTimeoutMs: number;
  shutdownTimeoutMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
};

/** A configuration problem, always about one named variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, `must be from ${min} to ${max}`)
        .max(max, `must be from ${min} to ${max}`),
    );

const fields = {
  PORT: integer(1, 65535).default(4000),
  DB_PORT: integer(1, 65535).default(3306),
  DB_POOL_SIZE: integer(1, 500).default(10),
  DB_QUERY_TIMEOUT_MS: integer(100, 600_000).default(5000),
  SHUTDOWN_TIMEOUT_MS: integer(0, 600_000).default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_HOST: z.string().trim().min(1).optional(),
  DB_USER: z.string().trim().min(1).optional(),
  DB_NAME: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_$]{1,64}$/, 'must be a plain MySQL database name')
    .optional(),
};

function parseField<K extends keyof typeof fields>(
  env: NodeJS.ProcessEnv,
  name: K,
): z.output<(typeof fields)[K]> {
  // An empty variable is treated as unset: Kubernetes and shells produce them easily.
  const raw = env[name] === '' ? undefined : env[name];
  const result = fields[name].safeParse(raw);
  if (!result.success) {
    throw new ConfigError(name, result.error.issues[0]?.message ?? 'is invalid');
  }
  return result.data as z.output<(typeof fields)[K]>;
}

/** Parses `mysql://user:pass@host:port/db`; the password may be absent. */
export function parseDatabaseUrl(variable: string, value: string): ConnectionSettings {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, 'must be a URL like mysql://user:password@host:3306/todo');
  }
  if (url.protocol !== 'mysql:') {
    throw new ConfigError(variable, `must use the mysql: scheme, not ${url.protocol}`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_$]{1,64}$/.test(database)) {
    throw new ConfigError(variable, 'must name a database in its path, e.g. /todo');
  }
  if (!url.hostname) throw new ConfigError(variable, 'must name a host');
  if (!url.username) throw new ConfigError(variable, 'must name a user');
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
  };
}

type ReadFile = (path: string) => string;

function readSecretFile(variable: string, path: string, readFile: ReadFile): string {
  try {
    return readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(variable, `cannot be read (${reason})`);
  }
}

function tokenKeysFrom(env: NodeJS.ProcessEnv, readFile: ReadFile): Uint8Array[] {
  const path = env.API_TOKEN_KEY_FILE;
  if (!path)
    throw new ConfigError(
      'API_TOKEN_KEY_FILE',
      'is required (a file with the key the web signs tokens with)',
    );
  const keys = parseTokenKeys(readSecretFile('API_TOKEN_KEY_FILE', path, readFile));
  if (typeof keys === 'string') throw new ConfigError('API_TOKEN_KEY_FILE', keys);
  return keys;
}

function primaryFromParts(env: NodeJS.ProcessEnv, readFile: ReadFile): ConnectionSettings {
  const host = parseField(env, 'DB_HOST');
  const user = parseField(env, 'DB_USER');
  const database = parseField(env, 'DB_NAME');
  if (!host) throw new ConfigError('DB_HOST', 'is required when DATABASE_URL is not set');
  if (!user) throw new ConfigError('DB_USER', 'is required when DATABASE_URL is not set');
  if (!database) throw new ConfigError('DB_NAME', 'is required when DATABASE_URL is not set');

  let password = env.DB_PASSWORD ?? '';
  const passwordFile = env.DB_PASSWORD_FILE;
  if (passwordFile) {
    if (env.DB_PASSWORD) {
      throw new ConfigError('DB_PASSWORD_FILE', 'cannot be set together with DB_PASSWORD');
    }
    // A mounted Secret often ends with a newline that is not part of the password.
    password = readSecretFile('DB_PASSWORD_FILE', passwordFile, readFile).replace(/\r?\n$/, '');
  }
  return { host, port: parseField(env, 'DB_PORT'), user, password, database };
}

const readUtf8: ReadFile = (path) => readFileSync(path, 'utf8');

/**
 * Where the primary database is (DATABASE_URL or the DB_* variables): all the migrator needs,
 * so the migration Job is given no token key.
 */
export function loadPrimary(env: NodeJS.ProcessEnv, readFile: ReadFile = readUtf8) {
  return env.DATABASE_URL
    ? parseDatabaseUrl('DATABASE_URL', env.DATABASE_URL)
    : primaryFromParts(env, readFile);
}

/**
 * Reads the api's configuration from the environment once, at start-up. Throws a
 * ConfigError naming the first bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv, readFile: ReadFile = readUtf8): Config {
  const primary = loadPrimary(env, readFile);

  let replica: ConnectionSettings | null = null;
  if (env.DATABASE_READ_URL) {
    replica = parseDatabaseUrl('DATABASE_READ_URL', env.DATABASE_READ_URL);
    // A read URL without a password reuses the primary's, so a chart can point at the
    // read-only router port without copying the Secret into an environment variable.
    if (!replica.password) replica = { ...replica, password: primary.password };
  }

  return {
    port: parseField(env, 'PORT'),
    tokenKeys: tokenKeysFrom(env, readFile),
    database: { primary, replica },
    poolSize: parseField(env, 'DB_POOL_SIZE'),
    queryTimeoutMs: parseField(env, 'DB_QUERY_TIMEOUT_MS'),
    shutdownTimeoutMs: parseField(env, 'SHUTDOWN_TIMEOUT_MS'),
    logLevel: parseField(env, 'LOG_LEVEL'),
  };
}
