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
      expect.arrayContaining([
        'gateway.yaml',
        'innodbcluster.yaml',
        'local-images.yaml',
        'minikube-ingress.yaml',
      ]),
    );
  });

  it('passes with single sign-on configured in full', async () => {
    const set =
      'auth.oidc.enabled=true,auth.oidc.issuer=https://sso.example.com/realms/todo,auth.oidc.clientId=todo,auth.oidc.clientSecret.existingSecret=oidc';
    const result = await helm(['lint', '--strict', chartDir, '--set', set]);
    expect(result.stderr + result.stdout).toContain('0 chart(s) failed');
    expect(result.code).toBe(0);
  });

  it.each(EXAMPLES)('passes with examples/$name', async ({ path }) => {
    const result = await helm(['lint', '--strict', chartDir, '--values', path]);
    expect(result.stderr + result.stdout).toContain('0 chart(s) failed');
    expect(result.code).toBe(0);
  });

  it.each([
    {
      case: 'an unknown database mode',
      set: 'database.mode=sqlite',
      message: "at '/database/mode': value must be one of",
    },
    {
      case: 'an external database without a host',
      set: 'database.mode=external',
      message: "at '/database/host': minLength",
    },
    {
      case: 'a bundled database of two replicas',
      set: 'bundled.replicaCount=2',
      message: "at '/bundled/replicaCount': value must be 1",
    },
    {
      case: 'single sign-on without an issuer',
      set: 'auth.oidc.enabled=true,auth.oidc.clientId=todo,auth.oidc.clientSecret.existingSecret=oidc',
      message: "at '/auth/oidc/issuer': minLength",
    },
    {
      case: 'single sign-on with an http issuer',
      set: 'auth.oidc.enabled=true,auth.oidc.issuer=http://sso.example.com,auth.oidc.clientId=todo,auth.oidc.clientSecret.existingSecret=oidc',
      message: "at '/auth/oidc/issuer'",
    },
    {
      case: 'single sign-on without a client id',
      set: 'auth.oidc.enabled=true,auth.oidc.issuer=https://sso.example.com,auth.oidc.clientSecret.existingSecret=oidc',
      message: "at '/auth/oidc/clientId': minLength",
    },
    {
      case: 'single sign-on without a Secret for the client secret',
      set: 'auth.oidc.enabled=true,auth.oidc.issuer=https://sso.example.com,auth.oidc.clientId=todo',
      message: "at '/auth/oidc/clientSecret/existingSecret': minLength",
    },
  ])('fails with $case', async ({ set, message }) => {
    const result = await helm(['lint', '--strict', chartDir, '--set', set]);
    expect(result.stderr + result.stdout).toContain('1 chart(s) failed');
    expect(result.stderr + result.stdout).toContain(message);
    expect(result.code).not.toBe(0);
  });
});
