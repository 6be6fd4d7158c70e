import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ownedByRelease, startFakeKubeApi } from './fake-kube-api.js';
import { chartDir, helm, type K8sObject, NAMESPACE, parseManifests, RELEASE } from './helm.js';
import { find, podOf } from './manifests.js';
import { FULLNAME, name } from './names.js';

// Generated secrets survive upgrades, and a reinstall after `helm uninstall` (which keeps the
// bundled database's Secret with its volume): the chart reads its own Secrets back with
// `lookup`. Only a server-side dry run performs lookups, so each case renders against a fake
// API server (fake-kube-api.ts) holding what the earlier release left behind.

const DB_SECRET = `${FULLNAME}-db-password`;
const KEY_SECRET = `${FULLNAME}-server-actions`;
const encode = (value: string) => Buffer.from(value).toString('base64');
const decode = (value: string) => Buffer.from(value, 'base64').toString('utf8');

function leftBehind(secretName: string, data: Record<string, string>): K8sObject {
  const object: K8sObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: secretName },
    type: 'Opaque',
    data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, encode(value)])),
  };
  return ownedByRelease(object, RELEASE, NAMESPACE);
}

/** `helm template --dry-run=server` against a cluster that holds `existing`. */
async function renderAgainst(existing: K8sObject[], values: object = {}): Promise<K8sObject[]> {
  const dir = mkdtempSync(join(tmpdir(), 'todo-lookup-'));
  const api = await startFakeKubeApi(existing, dir);
  try {
    const valuesFile = join(dir, 'values.yaml');
    writeFileSync(valuesFile, stringify(values));
    const result = await helm([
      'template',
      RELEASE,
      chartDir,
      '--namespace',
      NAMESPACE,
      '--kubeconfig',
      api.kubeconfig,
      '--dry-run=server',
      // The fake server has no OpenAPI document; kube-schemas.ts validates the objects instead.
      '--disable-openapi-validation',
      '--values',
      valuesFile,
    ]);
    if (result.code !== 0) throw new Error(`helm template failed:\n${result.stderr}`);
    return parseManifests(result.stdout);
  } finally {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function secretData(objects: K8sObject[], secretName: string): Record<string, string> {
  const data: Record<string, string> = find(objects, 'Secret', secretName).data;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, decode(value)]));
}

describe.concurrent('generated secrets are read back with lookup', () => {
  it('bundled: an upgrade keeps the app and root passwords, so the kept volume still opens', async () => {
    const earlier = [
      leftBehind(DB_SECRET, { password: 'kept-app-password', 'root-password': 'kept-root' }),
      leftBehind(KEY_SECRET, { key: encode('k'.repeat(32)) }),
    ];
    const [first, second] = await Promise.all([renderAgainst(earlier), renderAgainst(earlier)]);
    for (const objects of [first, second] as K8sObject[][]) {
      expect(secretData(objects, DB_SECRET)).toEqual({
        password: 'kept-app-password',
        'root-password': 'kept-root',
      });
      expect(secretData(objects, KEY_SECRET)).toEqual({ key: encode('k'.repeat(32)) });
    }
    // Nothing changed, so nothing rolls: the pods' checksums are the same from one render to the next.
    for (const component of ['api', 'web'] as const) {
      const checksum = (objects: K8sObject[]) =>
        podOf(find(objects, 'Deployment', name(component))).annotations['checksum/secret'];
      expect(checksum(first as K8sObject[])).toBe(checksum(second as K8sObject[]));
    }
  });

  it('a first install generates both passwords, apart from each other', async () => {
    const data = secretData(await renderAgainst([]), DB_SECRET);
    expect(data.password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(data['root-password']).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(data.password).not.toBe(data['root-password']);
  });

  it('external: the generated password is kept the same way, and no root password is made', async () => {
    const objects = await renderAgainst([leftBehind(DB_SECRET, { password: 'kept-external' })], {
      database: { mode: 'external', host: 'mysql.databases.svc' },
    });
    expect(secretData(objects, DB_SECRET)).toEqual({ password: 'kept-external' });
  });

  it('a password given in the values wins; a root password missing from the kept Secret is made', async () => {
    const objects = await renderAgainst([leftBehind(DB_SECRET, { password: 'kept-external' })], {
      database: { password: 'given-in-values' },
    });
    const data = secretData(objects, DB_SECRET);
    expect(data.password).toBe('given-in-values');
    expect(data['root-password']).toMatch(/^[A-Za-z0-9]{32}$/);
  });
});
