import { describe, expect, it } from 'vitest';
import { chartDir, helm, NAMESPACE, RELEASE } from './helm.js';
import { FULLNAME } from './names.js';

// NOTES.txt is only rendered by install/upgrade; a client-side dry run needs no cluster.
async function notes(values: Record<string, unknown>): Promise<string> {
  const setJson = Object.entries(values).flatMap(([key, value]) => [
    '--set-json',
    `${key}=${JSON.stringify(value)}`,
  ]);
  const result = await helm([
    'install',
    RELEASE,
    chartDir,
    '--dry-run=client',
    '--namespace',
    NAMESPACE,
    ...setJson,
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout.slice(result.stdout.indexOf('NOTES:'));
}

describe.concurrent('NOTES.txt says how to reach the app', () => {
  it('routing none: a port-forward to the web Service', async () => {
    const text = await notes({});
    expect(text).toContain('routing   none: web is the ClusterIP Service');
    expect(text).toContain(`kubectl -n ${NAMESPACE} port-forward service/${FULLNAME}-web 8080:80`);
    expect(text).toContain('http://127.0.0.1:8080/');
    expect(text).toContain(`logs job/${FULLNAME}-migrate-1`);
    expect(text).toContain('password was generated');
    // No route to take the public URL from: say how to set it for that port-forward.
    expect(text).toContain('PUBLIC_URL is not set');
    expect(text).toContain('--set web.publicUrl=http://127.0.0.1:8080');
  });

  it('bundled (the default): what it is, that it is one pod for evaluation, and the ways out', async () => {
    const text = await notes({});
    expect(text).toContain(`database  bundled: one MySQL pod, StatefulSet ${FULLNAME}-db`);
    expect(text).toContain('ONE MySQL pod, for development and evaluation');
    expect(text).toContain(`PersistentVolumeClaim data-${FULLNAME}-db-0`);
    expect(text).toContain('stay behind after `helm uninstall`');
    expect(text).toContain('--set database.mode=innodbcluster');
    expect(text).toContain('--set database.mode=external --set database.host=');
  });

  it('external: the host it uses, and that the user needs the generated password', async () => {
    const text = await notes({ database: { mode: 'external', host: 'mysql.databases.svc' } });
    expect(text).toContain(
      'database  external: mysql.databases.svc:3306, database todo, user todo',
    );
    expect(text).toContain('Give the database user todo this password');
    expect(text).not.toContain('evaluation');
  });

  it('ingress: the https URL of each host', async () => {
    const text = await notes({
      routing: 'ingress',
      ingress: {
        hosts: [{ host: 'todo.example.com' }],
        tls: [{ secretName: 'tls', hosts: ['todo.example.com'] }],
      },
    });
    expect(text).toContain('routing   ingress: Ingress');
    expect(text).toContain('https://todo.example.com/');
    expect(text).toContain('the public URL https://todo.example.com (PUBLIC_URL)');
    expect(text).not.toContain('PUBLIC_URL is not set');
  });

  it('single sign-on: the redirect URL to register with the provider', async () => {
    const text = await notes({
      web: { publicUrl: 'https://todo.example.com' },
      auth: {
        oidc: {
          enabled: true,
          issuer: 'https://sso.example.com/realms/todo',
          clientId: 'todo',
          clientSecret: { existingSecret: 'oidc' },
        },
      },
    });
    expect(text).toContain('provider (https://sso.example.com/realms/todo)');
    expect(text).toContain('  https://todo.example.com/api/auth/oauth2/callback/oidc');
  });

  it('gateway: the hostnames and the parent Gateway', async () => {
    const text = await notes({
      routing: 'gateway',
      gateway: {
        parentRefs: [{ name: 'public', namespace: 'gateway' }],
        hostnames: ['todo.example.com'],
      },
    });
    expect(text).toContain('http(s)://todo.example.com/');
    expect(text).toContain('attached to gateway/public');
  });

  it('LoadBalancer: where the external IP appears; InnoDBCluster: how to watch it', async () => {
    const text = await notes({
      web: { service: { type: 'LoadBalancer' } },
      database: { mode: 'innodbcluster' },
    });
    expect(text).toContain(`get service ${FULLNAME}-web -w`);
    expect(text).toContain(`database  innodbcluster: InnoDBCluster ${FULLNAME}-mysql`);
    expect(text).toContain(`get innodbcluster ${FULLNAME}-mysql -w`);
    expect(text).not.toContain('evaluation');
  });
});
