import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const webRoot = `${repoRoot}web/`;
export const apiEntry = `${repoRoot}api/dist/index.js`;
export const apiMigrator = `${repoRoot}api/dist/migrate.js`;
/** Where this suite builds web when no fresh build exists: its own dist dir, raced by nobody. */
export const RELIABILITY_DIST_DIR = '.cache/next-reliability';
