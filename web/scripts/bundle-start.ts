// After `next build` (and the copy of its assets): bundles start.ts, the settings check and what
// it imports (zod), into one file beside the standalone server.js, so the image and every
// script start `node .next/standalone/web/start.js` with nothing else to install.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverDir = path.join(webDir, '.next', 'standalone', 'web');

if (!existsSync(path.join(serverDir, 'server.js'))) {
  console.error(`bundle-start: no standalone server at ${serverDir}; run next build`);
  process.exit(1);
}

await build({
  entryPoints: [path.join(webDir, 'start.ts')],
  outfile: path.join(serverDir, 'start.js'),
  bundle: true,
  platform: 'node',
  // The standalone package.json says "type": "module", and start.ts awaits server.js.
  format: 'esm',
  target: 'node20',
  tsconfig: path.join(webDir, 'tsconfig.json'),
  // Next's own env-file loader, from the standalone node_modules: the one server.js uses.
  external: ['@next/env'],
  logLevel: 'warning',
});
console.log(`standalone server ready: node ${path.relative(process.cwd(), serverDir)}/start.js`);
