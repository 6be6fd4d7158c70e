import { spawnSync } from 'node:child_process';
import { TOOLS, type ToolName, toolPath } from './kube-tools.js';

// `npm run helm -- <args>` / `npm run kubectl -- <args>`: the cached binaries, unpacked on demand.
const [tool, ...args] = process.argv.slice(2);
if (!tool || !(tool in TOOLS)) {
  console.error(`usage: cli.ts <${Object.keys(TOOLS).join('|')}> [args...]`);
  process.exit(2);
}
const result = spawnSync(toolPath(tool as ToolName), args, { stdio: 'inherit' });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
