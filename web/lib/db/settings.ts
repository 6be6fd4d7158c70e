import { z } from 'zod';
import { ConfigError } from '../config';
import { type ReadFile, readSecretFile, readUtf8 } from '../secret-file';

/** Where the database is: the same settings, and the same rules, as the api's (README). */
export type DatabaseSettings = {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** Connections of this process's pool (sessions, the rate limiter, revocations). */
  poolSize: number;
};

const DATABASE_NAME = /^[A-Za-z0-9_$]{1,64}$/;

const port = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be from 1 to 65535')
  .max(65535, 'must be from 1 to 65535');
const poolSize = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be from 1 to 500')
  .max(500, 'must be from 1 to 500');

function field<T>(schema: z.ZodType<T>, variable: string, value: string | undefined): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ConfigError(`invalid ${variable}: ${parsed.error.issues[0]?.message ?? 'bad value'}`);
  }
  return parsed.data;
}

const present = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

function fromUrl(value: string): Omit<DatabaseSettings, 'poolSize'> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      'invalid DATABASE_URL: must be a URL like mysql://user:password@host:3306/todo',
    );
  }
  if (url.protocol !== 'mysql:') {
    throw new ConfigError(`invalid DATABASE_URL: must use the mysql: scheme, not ${url.protocol}`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!DATABASE_NAME.test(database)) {
    throw new ConfigError('invalid DATABASE_URL: must name a database in its path, e.g. /todo');
  }
  if (!url.hostname) throw new ConfigError('invalid DATABASE_URL: must name a host');
  if (!url.username) throw new ConfigError('invalid DATABASE_URL: must name a user');
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
  };
}

function fromParts(
  env: Record<string, string | undefined>,
  readFile: ReadFile,
): Omit<DatabaseSettings, 'poolSize'> {
  const host = present(env.DB_HOST);
  const user = present(env.DB_USER);
  const database = present(env.DB_NAME);
  if (!host) throw new ConfigError('invalid DB_HOST: is required when DATABASE_URL is not set');
  if (!user) throw new ConfigError('invalid DB_USER: is required when DATABASE_URL is not set');
  if (!database) {
    throw new ConfigError('invalid DB_NAME: is required when DATABASE_URL is not set');
  }
  if (!DATABASE_NAME.test(database)) {
    throw new ConfigError('invalid DB_NAME: must be a plain MySQL database name');
  }
  let password = env.DB_PASSWORD ?? '';
  if (present(env.DB_PASSWORD_FILE)) {
    if (env.DB_PASSWORD) {
      throw new ConfigError('invalid DB_PASSWORD_FILE: cannot be set together with DB_PASSWORD');
    }
    password = readSecretFile('DB_PASSWORD_FILE', env, readFile, 'the database password');
  }
  const dbPort = field(port, 'DB_PORT', present(env.DB_PORT) ?? '3306');
  return { host, port: dbPort, user, password, database };
}

/**
 * The database settings: DATABASE_URL, or DB_HOST, DB_PORT, DB_USER, DB_NAME and DB_PASSWORD
 * or DB_PASSWORD_FILE, exactly as the api reads them; DB_POOL_SIZE (default 5) sizes this
 * app's own pool. Throws a ConfigError naming the first bad variable.
 */
export function parseDatabaseSettings(
  env: Record<string, string | undefined>,
  readFile: ReadFile = readUtf8,
): DatabaseSettings {
  const url = present(env.DATABASE_URL);
  const where = url ? fromUrl(url) : fromParts(env, readFile);
  return { ...where, poolSize: field(poolSize, 'DB_POOL_SIZE', present(env.DB_POOL_SIZE) ?? '5') };
}

let cached: DatabaseSettings | undefined;

export function databaseSettings(): DatabaseSettings {
  cached ??= parseDatabaseSettings(process.env);
  return cached;
}
