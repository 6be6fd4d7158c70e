import { ensureAccount } from './accounts.js';
import type { NodeService } from './node-service.js';
import { type HttpProxy, startProxy } from './proxy.js';
import { startApi, startWeb } from './services.js';
import type { TestDatabase } from './test-database.js';

type ServiceOptions = { port?: number; env?: Record<string, string> };
type WebServiceOptions = ServiceOptions & {
  /** PUBLIC_URL: the web's own URL by default; `false` leaves it unset (see startWeb). */
  publicUrl?: string | false;
};

export type StackOptions = {
  /**
   * The api's database, migrated: a URL (left as it is), or a throwaway database, which the
   * stack then owns and drops in `stop()`.
   */
  database: string | TestDatabase;
  api?: ServiceOptions;
  /**
   * Start the production web server in front of the api (`true`, or its port, env and public
   * URL), on the same database: its accounts and sessions.
   */
  web?: boolean | WebServiceOptions;
  /** Put a fault proxy between web and api, for a test to switch its failures on and off. */
  proxy?: boolean;
  /** `inherit`: the servers print to this terminal (npm start) instead of into `output()`. */
  output?: 'keep' | 'inherit';
  /**
   * Create TEST_ACCOUNT, the account the harness's task client and loads act for (default
   * true); `npm start` does not put it in a real database.
   */
  testAccount?: boolean;
};

type Running = {
  /** The api's URL; it stays the same across stopApi() and startApi(). */
  apiUrl: string;
  /** The api process running now, if any. */
  api(): NodeService | null;
  /** Stops the api (SIGTERM) and waits for it to exit. */
  stopApi(): Promise<void>;
  /** Starts the api again, on the same port. */
  startApi(): Promise<void>;
  /** Stops everything, web first, and drops an owned database. */
  stop(): Promise<void>;
};

type WebPart<O extends StackOptions> = O['web'] extends true | WebServiceOptions
  ? { web: NodeService; webUrl: string }
  : { web?: undefined; webUrl?: undefined };

type ProxyPart<O extends StackOptions> = O['proxy'] extends true
  ? { proxy: HttpProxy }
  : { proxy?: undefined };

export type Stack<O extends StackOptions = StackOptions> = Running & WebPart<O> & ProxyPart<O>;

/**
 * The app as it runs in production, on loopback: the compiled api on `database`, and, when
 * asked, a fault proxy in front of it and the production web server in front of that. Every
 * service gets a free port unless one is given. If anything fails to start, what did start is
 * stopped again.
 */
export async function startStack<const O extends StackOptions>(options: O): Promise<Stack<O>> {
  const databaseUrl =
    typeof options.database === 'string' ? options.database : options.database.url;
  const owned = typeof options.database === 'string' ? null : options.database;
  const output = options.output ?? 'keep';
  const webOptions = options.web === true ? {} : options.web || null;
  const launchApi = (port?: number) =>
    startApi({
      ...options.api,
      ...(port ? { port } : {}),
      databaseUrl,
      probePath: '/readyz',
      output,
    });

  let api: NodeService | null = null;
  let proxy: HttpProxy | null = null;
  let web: NodeService | null = null;
  const stop = async () => {
    await web?.stop();
    await proxy?.stop();
    await api?.stop();
    await owned?.drop();
  };
  try {
    api = await launchApi();
    const apiPort = api.port;
    // The account the harness's task client and loads act for, as if it had signed up.
    if (options.testAccount !== false) await ensureAccount(databaseUrl);
    if (options.proxy) proxy = await startProxy(api.url);
    if (webOptions) {
      web = await startWeb({ ...webOptions, apiUrl: proxy?.url ?? api.url, databaseUrl, output });
    }
    const running: Running = {
      apiUrl: api.url,
      api: () => api,
      async stopApi() {
        await api?.stop();
        api = null;
      },
      async startApi() {
        api ??= await launchApi(apiPort);
      },
      stop,
    };
    return {
      ...running,
      ...(web ? { web, webUrl: web.url } : {}),
      ...(proxy ? { proxy } : {}),
    } as Stack<O>;
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
