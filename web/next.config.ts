import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';
import { BODY_LIMIT_BYTES } from './lib/security/body-limit';

const webDir = path.dirname(fileURLToPath(import.meta.url));

// Hosts (host[:port]) from which Server Actions may be posted, for a proxy that forwards its
// own Host instead of X-Forwarded-Host. Read at build time: Next bakes the list into the build,
// and `env` below bakes the same list into proxy.ts, whose origin check must agree with Next's.
const allowedOrigins = (process.env.SERVER_ACTIONS_ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter((origin) => origin !== '');

// Headers for every response; the Content-Security-Policy is per request (proxy.ts, with a nonce).
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];

const nextConfig: NextConfig = {
  output: 'standalone',
  // The monorepo root, so the standalone output traces hoisted node_modules.
  outputFileTracingRoot: path.join(webDir, '..'),
  // `@todo/api/limits`, `/problem-types` and `/auth-schema` are TypeScript source shared with
  // the api: its rules, its problem types, and the Drizzle tables of accounts.
  transpilePackages: ['@todo/api'],
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm run typecheck` checks web (with the api's route types) once; the build does not repeat
  // it, so building web needs no api sources beyond those three modules.
  typescript: { ignoreBuildErrors: true },
  env: { SERVER_ACTIONS_ALLOWED_ORIGINS: allowedOrigins.join(',') },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
  experimental: {
    serverActions: { allowedOrigins, bodySizeLimit: BODY_LIMIT_BYTES },
    // What proxy.ts may buffer of a body; it refuses anything larger by its Content-Length.
    proxyClientMaxBodySize: BODY_LIMIT_BYTES,
  },
};

export default nextConfig;
