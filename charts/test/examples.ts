import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chartDir } from './helm.js';

/** Example values files shipped with the chart; every one is linted and rendered. */
export const EXAMPLES = readdirSync(join(chartDir, 'examples'))
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .map((file) => ({ name: file, path: join(chartDir, 'examples', file) }));
