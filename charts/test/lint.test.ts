import { describe, expect, it } from 'vitest';
import { EXAMPLES } from './examples.js';
import { chartDir, helm } from './helm.js';

describe.concurrent('helm lint --strict', () => {
  it('passes with the default values', async () => {
    const result = await helm(['lint', '--strict', chartDir]);
    expect(result.stderr + result.stdout).toContain('0 chart(s) failed');
    expect(result.code).toBe(0);
  });

  it('ships the examples the README promises', () => {
    expect(EXAMPLES.map((e) => e.name)).toEqual(
      expect.arrayContaining(['gateway.yaml', 'innodbcluster.yaml', 'minikube-ingress.yaml']),
    );
  });

  it.each(EXAMPLES)('passes with examples/$name', async ({ path }) => {
    const result = await helm(['lint', '--strict', chartDir, '--values', path]);
    expect(result.stderr + result.stdout).toContain('0 chart(s) failed');
    expect(result.code).toBe(0);
  });
});
