import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartDir, helm, parseManifests } from './helm.js';
import { containersOf } from './manifests.js';

// The default images are where release.yml publishes them: `ghcr.io/example/` stands for
// `ghcr.io/<owner>/`, and release.yml rewrites it with sed when it packages the chart. The
// workflow and values.yaml live apart, so this checks that the one still rewrites the other.

const workflowFile = fileURLToPath(new URL('../../.github/workflows/release.yml', import.meta.url));
const workflow = readFileSync(workflowFile, 'utf8');
const values = readFileSync(join(chartDir, 'values.yaml'), 'utf8');
const OWNER = 'acme';
/** How release.yml's shell names the owner. */
const OWNER_VARIABLE = `\${OWNER}`;
const scratch = mkdtempSync(join(tmpdir(), 'todo-release-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** values.yaml as release.yml leaves it: its sed substitution, applied line by line. */
function released(): string {
  const sed = workflow.match(/sed -i "s#([^#"]+)#([^#"]+)#" charts\/todo\/values\.yaml/);
  if (!sed) throw new Error('release.yml no longer rewrites charts/todo/values.yaml with sed');
  const [, from = '', to = ''] = sed;
  const replacement = to.replaceAll(OWNER_VARIABLE, OWNER);
  return values
    .split('\n')
    .map((line) => line.replace(from, replacement))
    .join('\n');
}

describe('release.yml and the default images', () => {
  it('rewrites exactly the api and web repositories to the owner, which its own checks accept', () => {
    const after = released();
    const before = values.split('\n');
    const changed = after.split('\n').filter((line, i) => line !== before[i]);
    expect(changed.map((line) => line.trim())).toEqual([
      `repository: ghcr.io/${OWNER}/todo-api`,
      `repository: ghcr.io/${OWNER}/todo-web`,
    ]);
    const parsed = parse(after);
    expect(parsed.api.image.repository).toBe(`ghcr.io/${OWNER}/todo-api`);
    expect(parsed.web.image.repository).toBe(`ghcr.io/${OWNER}/todo-web`);
    expect(parsed.bundled.image.repository).toBe('docker.io/library/mysql');
    const greps = [...workflow.matchAll(/grep -q "([^"]+)" charts\/todo\/values\.yaml/g)];
    expect(greps).toHaveLength(2);
    for (const [, pattern = ''] of greps) {
      expect(after).toContain(pattern.replaceAll(OWNER_VARIABLE, OWNER));
    }
  });

  it('names the images the same workflow pushes, tagged with the appVersion it sets', async () => {
    expect(workflow).toMatch(
      /tags: ghcr\.io\/\$\{\{ needs\.version\.outputs\.owner \}\}\/todo-\$\{\{ matrix\.deployable \}\}:\$\{\{ needs\.version\.outputs\.version \}\}/,
    );
    expect(workflow).toContain('--app-version "$VERSION"');
    const chart = join(scratch, 'todo');
    cpSync(chartDir, chart, { recursive: true });
    writeFileSync(join(chart, 'values.yaml'), released());
    const result = await helm(['template', 'todo', chart]);
    expect(result.stderr).toBe('');
    const images = parseManifests(result.stdout)
      .filter((o) => ['Deployment', 'StatefulSet', 'Job', 'Pod'].includes(o.kind))
      .flatMap(containersOf)
      .map((c) => c.image);
    expect(new Set(images)).toEqual(
      new Set([
        `ghcr.io/${OWNER}/todo-api:0.1.0`,
        `ghcr.io/${OWNER}/todo-web:0.1.0`,
        'docker.io/library/mysql:8.4.10',
      ]),
    );
  });
});
