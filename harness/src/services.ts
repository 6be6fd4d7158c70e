import { authSecretFile, tokenKeyFile } from './accounts.js';
import { type NodeService, startNodeService } from './node-service.js';
import { apiEntry, webServerEntry } from './paths.js';
import { freePort } from './ports.js';

/**
 * The web server's V8 heap cap, as in web/Dockerfile and the chart's `web.maxHeapMiB`: left to
 * itself V8 sizes the heap from the host's memory and grows past 400 MB under load.
 */
export const WEB_MAX_HEAP_MIB = 192;

type ServiceOptions = {
  port?: number;
  /** Added to (and overriding) the service's environment. */
  env?: Record<string, string>;
  output?: 'keep' | 'inherit';
};

/**
 * The compiled api (`api/dist`), started as its container runs it. It is up once `probePath`
 * answers 200: `/healthz` (the default) needs no database, `/readyz` needs a working one.
 */
export function startApi(
  options: ServiceOptions & { databaseUrl?: string; probePath?: '/healthz' | '/readyz' } = {},
): Promise<NodeService> {
  return startNodeService({
    name: 'api',
    entry: apiEntry,
    env: {
      LOG_LEVEL: 'warn',
      API_TOKEN_KEY_FILE: tokenKeyFile(),
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
    probePath: options.probePath ?? '/healthz',
    ...(options.port ? { port: options.port } : {}),
    ...(options.output ? { output: options.output } : {}),
  });
}

export type WebOptions = ServiceOptions & {
  apiUrl: string;
  /** The database web keeps its accounts and sessions in: the api's (DATABASE_URL). */
  databaseUrl: string;
  /**
   * PUBLIC_URL, the origin browsers use: by default the server's own URL; `false` leaves it
   * unset, so web trusts whatever origin it is reached at (npm start: 127.0.0.1 or localhost).
   */
  publicUrl?: string | false;
};

/**
 * The production web server (the standalone build in web/.next) in front of `apiUrl`, with
 * what accounts need: the database, Better Auth's secret and the api token key as files (the
 * harness's test ones, unless `env` names others) and its public URL.
 */
export async function startWeb(options: WebOptions): Promise<NodeService> {
  const port = options.port ?? (await freePort());
  const publicUrl = options.publicUrl ?? `http://127.0.0.1:${port}`;
  return startNodeService({
    name: 'web',
    entry: webServerEntry,
    env: {
      NODE_OPTIONS: `--max-old-space-size=${WEB_MAX_HEAP_MIB}`,
      AUTH_SECRET_FILE: authSecretFile(),
      API_TOKEN_KEY_FILE: tokenKeyFile(),
      DATABASE_URL: options.databaseUrl,
      ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}),
      ...options.env,
      API_URL: options.apiUrl,
    },
    probePath: '/healthz',
    port,
    ...(options.output ? { output: options.output } : {}),
  });
}
