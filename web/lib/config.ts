import { z } from 'zod';

/** Server-side settings of the web app, read from the environment once. */
export type WebConfig = {
  apiUrl: string;
  apiTimeoutMs: number;
  /** Take the public scheme and host from X-Forwarded-Proto/-Host (behind an ingress). */
  trustProxyHeaders: boolean;
};

const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true, false, 1 or 0' })
  .transform((value) => value === 'true' || value === '1');

const envSchema = z.object({
  API_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4000'),
  API_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(3000),
  TRUST_PROXY_HEADERS: flag.default(false),
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(env: Record<string, string | undefined>): WebConfig {
  const parsed = envSchema.safeParse({
    API_URL: env.API_URL || undefined,
    API_TIMEOUT_MS: env.API_TIMEOUT_MS || undefined,
    TRUST_PROXY_HEADERS: env.TRUST_PROXY_HEADERS?.trim().toLowerCase() || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`invalid ${variable}: ${issue?.message ?? 'bad value'}`);
  }
  return {
    apiUrl: parsed.data.API_URL.replace(/\/+$/, ''),
    apiTimeoutMs: parsed.data.API_TIMEOUT_MS,
    trustProxyHeaders: parsed.data.TRUST_PROXY_HEADERS,
  };
}

let cached: WebConfig | undefined;

export function webConfig(): WebConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
