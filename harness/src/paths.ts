import { fileURLToPath } from 'node:url';

/** The repository root, with a trailing slash. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const webRoot = `${repoRoot}web/`;

/** The compiled api, as its image runs it, and its migrator. */
export const apiEntry = `${repoRoot}api/dist/index.js`;
export const apiMigrator = `${repoRoot}api/dist/migrate.js`;
export const migrationsFolder = `${repoRoot}drizzle`;

/**
 * The one web build every script and suite runs: `web/.next`, where `npm run build` puts it,
 * so `npm start` after `npm test` (or the other way round) builds nothing again.
 */
export const webDistDir = `${webRoot}.next`;
/** web's entry point (web/start.ts, bundled): checks the settings, then starts Next's server.js. */
export const webServerEntry = `${webDistDir}/standalone/web/start.js`;

/** Where tests and scripts leave what a person reads afterwards (screenshots, figures). */
export const artifactsDir = `${repoRoot}.artifacts`;
