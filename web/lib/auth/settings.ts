import { z } from 'zod';
import { ConfigError } from '../config';
import { type ReadFile, readSecretFile, readUtf8 } from '../secret-file';

/** Single sign-on through an OpenID Connect provider (off unless OIDC_ISSUER is set). */
export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button says "Sign in with <name>". */
  name: string;
};

export type AuthSettings = {
  /** The origin browsers use (PUBLIC_URL): links, the OIDC redirect, Secure cookies over https. */
  publicUrl: string;
  /** Whether PUBLIC_URL was set; without it, a request's own origin is trusted too (local runs). */
  publicUrlSet: boolean;
  /** Better Auth's secret (AUTH_SECRET_FILE): signs session cookies and the cookie cache. */
  secret: string;
  oidc: OidcSettings | null;
  /** Sign-in and sign-up attempts allowed per client address in each window. */
  rateLimit: { windowSeconds: number; max: number };
};

export const MIN_AUTH_SECRET_LENGTH = 32;
export const DEFAULT_OIDC_NAME = 'single sign-on';

const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be from ${min} to ${max}`)
    .max(max, `must be from ${min} to ${max}`);

function field<T>(schema: z.ZodType<T>, variable: string, value: string | undefined): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ConfigError(`invalid ${variable}: ${parsed.error.issues[0]?.message ?? 'bad value'}`);
  }
  return parsed.data;
}

const present = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An http(s) origin, written as one (`https://host[:port]`, a trailing slash allowed). */
function parseOrigin(variable: string, value: string, httpsOnly: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`invalid ${variable}: must be a URL like https://todo.example.com`);
  }
  const secureEnough =
    url.protocol === 'https:' ||
    (url.protocol === 'http:' && (!httpsOnly || LOOPBACK.has(url.hostname)));
  if (!secureEnough) {
    throw new ConfigError(
      httpsOnly
        ? `invalid ${variable}: must be an https URL (http only on 127.0.0.1 or localhost)`
        : `invalid ${variable}: must be an http or https URL`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError(`invalid ${variable}: must not carry credentials, a query or a fragment`);
  }
  return url.href.replace(/\/+$/, '');
}

function publicUrlOf(env: Record<string, string | undefined>): string {
  const value = present(env.PUBLIC_URL);
  if (!value) return `http://127.0.0.1:${Number.parseInt(env.PORT ?? '', 10) || 3000}`;
  const url = parseOrigin('PUBLIC_URL', value, false);
  if (new URL(url).origin !== url) {
    throw new ConfigError(
      'invalid PUBLIC_URL: must be an origin without a path, e.g. https://todo.example.com',
    );
  }
  return url;
}

function oidcOf(env: Record<string, string | undefined>, readFile: ReadFile): OidcSettings | null {
  const issuer = present(env.OIDC_ISSUER);
  if (!issuer) {
    for (const variable of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET_FILE']) {
      if (present(env[variable])) {
        throw new ConfigError(`invalid ${variable}: is set, but OIDC_ISSUER is not`);
      }
    }
    return null;
  }
  const issuerUrl = parseOrigin('OIDC_ISSUER', issuer, true);
  const clientId = present(env.OIDC_CLIENT_ID);
  if (!clientId) throw new ConfigError('invalid OIDC_CLIENT_ID: is required with OIDC_ISSUER');
  const clientSecret = readSecretFile(
    'OIDC_CLIENT_SECRET_FILE',
    env,
    readFile,
    'the OpenID Connect client secret, required with OIDC_ISSUER',
  ).trim();
  if (!clientSecret) throw new ConfigError('invalid OIDC_CLIENT_SECRET_FILE: the file is empty');
  const name = present(env.OIDC_NAME) ?? DEFAULT_OIDC_NAME;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (name.length > 60 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new ConfigError('invalid OIDC_NAME: must be a short label (at most 60 characters)');
  }
  return { issuer: issuerUrl, clientId, clientSecret, name };
}

/**
 * The account settings, read once at start-up: PUBLIC_URL, AUTH_SECRET_FILE, the OIDC_*
 * variables, and the sign-in rate limit (AUTH_RATE_LIMIT_WINDOW_SECONDS, AUTH_RATE_LIMIT_MAX).
 * Throws a ConfigError naming the first bad variable.
 */
export function parseAuthSettings(
  env: Record<string, string | undefined>,
  readFile: ReadFile = readUtf8,
): AuthSettings {
  const publicUrl = publicUrlOf(env);
  const secret = readSecretFile(
    'AUTH_SECRET_FILE',
    env,
    readFile,
    "Better Auth's secret, the same on every replica",
  ).trim();
  if (secret.length < MIN_AUTH_SECRET_LENGTH) {
    throw new ConfigError(
      `invalid AUTH_SECRET_FILE: the secret must be at least ${MIN_AUTH_SECRET_LENGTH} characters`,
    );
  }
  return {
    publicUrl,
    publicUrlSet: present(env.PUBLIC_URL) !== undefined,
    secret,
    oidc: oidcOf(env, readFile),
    rateLimit: {
      windowSeconds: field(
        whole(1, 86_400),
        'AUTH_RATE_LIMIT_WINDOW_SECONDS',
        present(env.AUTH_RATE_LIMIT_WINDOW_SECONDS) ?? '60',
      ),
      max: field(whole(1, 10_000), 'AUTH_RATE_LIMIT_MAX', present(env.AUTH_RATE_LIMIT_MAX) ?? '5'),
    },
  };
}

let cached: AuthSettings | undefined;

export function authSettings(): AuthSettings {
  cached ??= parseAuthSettings(process.env);
  return cached;
}
