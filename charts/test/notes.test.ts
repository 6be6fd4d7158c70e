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
    expect(text).toContain(`kubectl -n ${NAMESPACE} port-forward service/${FULLNAME}-web 8080:80`);
    expect(text).toContain(`logs job/${FULLNAME}-migrate-1`);
    expect(text).toContain('password was generated');
  });

  it('ingress: the https URL of each host', async () => {
    const text = await notes({
      routing: 'ingress',
      ingress: {
        hosts: [{ host: 'todo.example.com' }],
        tls: [{ secretName: 'tls', hosts: ['todo.example.com'] }],
      },
    });
    expect(text).toContain('https://todo.example.com/');
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
      innodbcluster: { enabled: true },
    });
    expect(text).toContain(`get service ${FULLNAME}-web -w`);
    expect(text).toContain(`get innodbcluster ${FULLNAME}-mysql -w`);
  });
});
