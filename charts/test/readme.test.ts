import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { chartDir } from './helm.js';

// The parameter table of README.md is generated from the `## @param` comments of values.yaml:
// regenerate it into a copy and require the copy to equal what is committed.

const require = createRequire(import.meta.url);
const generator = join(
  dirname(require.resolve('@bitnami/readme-generator-for-helm/package.json')),
  'bin',
  'index.js',
);
const scratch = mkdtempSync(join(tmpdir(), 'todo-readme-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('chart README', () => {
  it('has a parameter table in step with values.yaml (else run `npm run chart:readme`)', async () => {
    const committed = join(chartDir, 'README.md');
    const copy = join(scratch, 'README.md');
    copyFileSync(committed, copy);
    await promisify(execFile)(process.execPath, [
      generator,
      '--values',
      join(chartDir, 'values.yaml'),
      '--readme',
      copy,
    ]);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(committed, 'utf8'));
  });

  it('documents every top-level value', () => {
    const readme = readFileSync(join(chartDir, 'README.md'), 'utf8');
    for (const key of [
      'routing',
      'ingress.hosts',
      'gateway.parentRefs',
      'database.existingSecret',
      'database.mode',
      'bundled.persistence.size',
      'innodbcluster.instances',
      'web.publicUrl',
      'auth.secret.existingSecret',
      'auth.apiTokenKey.existingSecret',
      'auth.oidc.enabled',
      'auth.oidc.egressCIDRs',
      'gateway.eventsTimeouts.request',
    ]) {
      expect(readme).toContain(`| \`${key}\``);
    }
  });
});
