// After `next build`: the standalone server serves `public/` and `.next/static` only when they
// sit next to it, and Next leaves copying them to the deployer. Do it here so that the standalone
// server runs as built (scripts/bundle-start.ts then adds its entry point, start.js).
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = path.join(webDir, '.next');
const serverDir = path.join(distDir, 'standalone', 'web');

if (!existsSync(path.join(serverDir, 'server.js'))) {
  console.error(`copy-standalone-assets: no standalone server at ${serverDir}; run next build`);
  process.exit(1);
}

for (const [from, to] of [
  [path.join(webDir, 'public'), path.join(serverDir, 'public')],
  [path.join(distDir, 'static'), path.join(serverDir, '.next', 'static')],
] as const) {
  rmSync(to, { recursive: true, force: true });
  if (existsSync(from)) cpSync(from, to, { recursive: true });
}
