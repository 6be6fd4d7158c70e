import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const webRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where the tests build web: its own directory, so a build of `.next` in the tree is untouched. */
export const E2E_DIST_DIR = '.cache/next-e2e';
export const webServerEntry = `${webRoot}${E2E_DIST_DIR}/standalone/web/server.js`;
export const apiEntry = `${repoRoot}api/dist/index.js`;
export const apiMigrator = `${repoRoot}api/dist/migrate.js`;
export const artifactsDir = `${repoRoot}.artifacts/web-e2e`;
