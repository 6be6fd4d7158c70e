import { authSchema } from '@todo/api/auth-schema';
import { type BetterAuthOptions, betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { setUpAccount } from '@/lib/api/account-setup';
import { webConfig } from '@/lib/config';
import { type AuthDatabase, authDatabase } from '@/lib/db/pool';
import { ownOrigin } from '@/lib/security/origin';
import { CLIENT_ADDRESS_HEADER } from './client-address';
import { createRevocations, type Revocations } from './revocations';
import { type AuthSettings, authSettings } from './settings';

/** Better Auth's routes live under this path (only the OIDC callback is served to browsers). */
export const AUTH_BASE_PATH = '/api/auth';
/** The id of the OpenID Connect provider; its callback is `PUBLIC_URL` + OIDC_CALLBACK_PATH. */
export const OIDC_PROVIDER_ID = 'oidc';
export const OIDC_CALLBACK_PATH = `${AUTH_BASE_PATH}/oauth2/callback/${OIDC_PROVIDER_ID}`;
/** Where Better Auth itself serves the callback of a provider registered by genericOAuth. */
export const OIDC_HANDLER_PATH = `${AUTH_BASE_PATH}/callback/${OIDC_PROVIDER_ID}`;

export const MIN_PASSWORD_LENGTH = 8;
// scrypt hashes whatever it is given; a cap keeps a megabyte "password" from costing a core.
export const MAX_PASSWORD_LENGTH = 128;
/**
 * How long a page view trusts the signed session cookie without asking the database. Ended
 * sessions are refused sooner than that (revocations.ts).
 */
export const COOKIE_CACHE_SECONDS = 60;
/** A session created this recently may delete its account without a password (single sign-on). */
export const FRESH_SESSION_SECONDS = 15 * 60;

type Dependencies = {
  settings: AuthSettings;
  /** Whether this instance signs in through the OpenID Connect provider (see `held`). */
  singleSignOn: boolean;
  db: () => AuthDatabase;
  revocations: Revocations;
  trustProxyHeaders: boolean;
  onAccountCreated: (account: string) => Promise<unknown>;
};

function rateLimited(settings: AuthSettings) {
  const rule = { window: settings.rateLimit.windowSeconds, max: settings.rateLimit.max };
  // Every way to test a password or make an account: per client address and path, counted in
  // the database, so the limit holds across replicas.
  return {
    '/sign-in/email': rule,
    '/sign-up/email': rule,
    '/sign-in/social': rule,
    '/delete-user': rule,
  };
}

export function authOptions(deps: Dependencies) {
  const { settings, revocations } = deps;
  const publicOrigin = new URL(settings.publicUrl).origin;
  const oidc = deps.singleSignOn ? settings.oidc : null;
  return {
    appName: 'Todo',
    baseURL: settings.publicUrl,
    basePath: AUTH_BASE_PATH,
    secret: settings.secret,
    database: drizzleAdapter(deps.db(), {
      provider: 'mysql',
      schema: authSchema,
      transaction: true,
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      autoSignIn: true,
      requireEmailVerification: false,
    },
    session: {
      freshAge: FRESH_SESSION_SECONDS,
      cookieCache: {
        enabled: true,
        maxAge: COOKIE_CACHE_SECONDS,
        strategy: 'compact',
        // Read on every use of a cached session: an ended one no longer matches, so Better
        // Auth reads the session from the database again, finds it gone, and signs out.
        version: async (session, user) =>
          (await revocations.isEnded(session.id, user.id)) ? 'ended' : '1',
      },
    },
    user: { deleteUser: { enabled: true } },
    // A provider's email never takes over an account that signs in with a password.
    account: { accountLinking: { enabled: false } },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
      customRules: rateLimited(settings),
    },
    // Without PUBLIC_URL (a local run), the origin the request came to is trusted as well, so
    // http://localhost:3000 works as http://127.0.0.1:3000 does; proxy.ts has already checked
    // that a POST's Origin is that one.
    trustedOrigins: settings.publicUrlSet
      ? [publicOrigin]
      : (request?: Request) => {
          const own = request && ownOrigin(request.headers, deps.trustProxyHeaders);
          return own ? [publicOrigin, own] : [publicOrigin];
        },
    advanced: {
      cookiePrefix: 'todo',
      useSecureCookies: settings.publicUrl.startsWith('https:'),
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      disableOriginCheck: false,
      disableCSRFCheck: false,
    },
    databaseHooks: {
      user: {
        create: {
          // After the account's row is committed (Better Auth queues it after the transaction).
          after: async (user) => {
            await deps.onAccountCreated(user.id);
          },
        },
      },
    },
    plugins: oidc
      ? [
          genericOAuth({
            config: [
              {
                providerId: OIDC_PROVIDER_ID,
                name: oidc.name,
                discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
                clientId: oidc.clientId,
                clientSecret: oidc.clientSecret,
                scopes: ['openid', 'email', 'profile'],
                pkce: true,
                requireIdTokenVerification: true,
                redirectURI: `${settings.publicUrl}${OIDC_CALLBACK_PATH}`,
              },
            ],
          }),
        ]
      : [],
    telemetry: { enabled: false },
    logger: { level: 'error' },
  } satisfies BetterAuthOptions;
}

export type Auth = ReturnType<typeof betterAuth<ReturnType<typeof authOptions>>>;

type Held = { auth: Auth; singleSignOn: Auth | null; revocations: Revocations };

// proxy.ts and the routes are bundled apart; one instance (and one pool) per process.
const AUTH_KEY = Symbol.for('todo.web.auth');

function held(): Held {
  const store = globalThis as Record<symbol, unknown>;
  let current = store[AUTH_KEY] as Held | undefined;
  if (!current) {
    const revocations = createRevocations({
      db: authDatabase,
      // As long as a cookie cache can outlive the session, and a little more for clock drift.
      keepMs: (COOKIE_CACHE_SECONDS + 30) * 1000,
    });
    const deps = {
      settings: authSettings(),
      db: authDatabase,
      revocations,
      trustProxyHeaders: webConfig().trustProxyHeaders,
      onAccountCreated: setUpAccount,
    };
    // Two instances on the same tables, secret and cookies, so each reads the other's sessions.
    // Only the second knows the OpenID Connect provider: Better Auth fetches the provider's
    // discovery document when an instance first starts, with no deadline, and a provider that
    // does not answer must never hold up a page view or a password sign-in.
    current = {
      auth: betterAuth(authOptions({ ...deps, singleSignOn: false })),
      singleSignOn: deps.settings.oidc
        ? betterAuth(authOptions({ ...deps, singleSignOn: true }))
        : null,
      revocations,
    };
    store[AUTH_KEY] = current;
  }
  return current;
}

/** This process's Better Auth: sessions, email and password, sign-out, account deletion. */
export function auth(): Auth {
  return held().auth;
}

/** The same, with the OpenID Connect provider: single sign-on only; null when it is off. */
export function singleSignOnAuth(): Auth | null {
  return held().singleSignOn;
}

/** This process's list of ended sessions. */
export function revocations(): Revocations {
  return held().revocations;
}
