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
// `lookup`, and the pods' checksums follow what the cluster holds. Only a server-side dry run performs lookups, so each case renders against a fake
// API server (fake-kube-api.ts) holding what the earlier release left behind.

const DB_SECRET = `${FULLNAME}-db-password`;
const KEY_SECRET = `${FULLNAME}-server-actions`;
const AUTH_SECRET = `${FULLNAME}-auth-secret`;
const TOKEN_SECRET = `${FULLNAME}-api-token-key`;
/** Two keys, as during a rotation: web signs with the first, the api accepts both. */
const ROTATING_KEYS = `${'n'.repeat(64)}\n${'o'.repeat(64)}\n`;
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

/** The `checksum/secret` of a workload's pods. */
function checksum(objects: K8sObject[], kind: string, workload: string): string | undefined {
  return podOf(find(objects, kind, workload)).annotations['checksum/secret'];
}

/** What an earlier release of the chart leaves in the cluster, with some values replaced. */
function earlierRelease(replace: Record<string, Record<string, string>> = {}): K8sObject[] {
  const data: Record<string, Record<string, string>> = {
    [DB_SECRET]: { password: 'kept-app-password', 'root-password': 'kept-root' },
    [KEY_SECRET]: { key: encode('k'.repeat(32)) },
    [AUTH_SECRET]: { secret: 'kept-auth-secret-of-at-least-32-characters' },
    [TOKEN_SECRET]: { key: ROTATING_KEYS },
    ...replace,
  };
  return Object.entries(data).map(([secretName, values]) => leftBehind(secretName, values));
}

describe.concurrent('generated secrets are read back with lookup', () => {
  it('bundled: an upgrade keeps the app and root passwords, so the kept volume still opens', async () => {
    const earlier = earlierRelease();
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
      const sum = (objects: K8sObject[]) => checksum(objects, 'Deployment', name(component));
      expect(sum(first as K8sObject[])).toBe(sum(second as K8sObject[]));
    }
  });

  it("an upgrade keeps the auth secret and the api token key, a rotation's second key too", async () => {
    const objects = await renderAgainst(earlierRelease());
    expect(secretData(objects, AUTH_SECRET)).toEqual({
      secret: 'kept-auth-secret-of-at-least-32-characters',
    });
    // Byte for byte: an operator who added a key for a rotation keeps it through upgrades.
    expect(secretData(objects, TOKEN_SECRET)).toEqual({ key: ROTATING_KEYS });
  });

  it('an upgrade from a release without accounts generates the auth secret and the token key', async () => {
    const objects = await renderAgainst([
      leftBehind(DB_SECRET, { password: 'kept-app-password', 'root-password': 'kept-root' }),
      leftBehind(KEY_SECRET, { key: encode('k'.repeat(32)) }),
    ]);
    expect(secretData(objects, DB_SECRET).password).toBe('kept-app-password');
    expect(secretData(objects, AUTH_SECRET).secret).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(secretData(objects, TOKEN_SECRET).key).toMatch(/^[A-Za-z0-9+/]{64}$/);
  });

  it('pods roll when a Secret they read changes, and only those pods', async () => {
    const [before, newToken, newAuth] = await Promise.all([
      renderAgainst(earlierRelease()),
      renderAgainst(earlierRelease({ [TOKEN_SECRET]: { key: 'p'.repeat(64) } })),
      renderAgainst(earlierRelease({ [AUTH_SECRET]: { secret: 'q'.repeat(44) } })),
    ]);
    const sums = (objects: K8sObject[]) => ({
      api: checksum(objects, 'Deployment', name('api')),
      web: checksum(objects, 'Deployment', name('web')),
      migrate: checksum(objects, 'Job', `${FULLNAME}-migrate-1`),
    });
    const [was, token, auth] = [before, newToken, newAuth].map((o) => sums(o as K8sObject[]));
    // The token key is read by web and the api; the migrator reads neither key.
    expect(token?.api).not.toBe(was?.api);
    expect(token?.web).not.toBe(was?.web);
    expect(token?.migrate).toBe(was?.migrate);
    // Better Auth's secret by web alone.
    expect(auth?.web).not.toBe(was?.web);
    expect(auth?.api).toBe(was?.api);
    expect(auth?.migrate).toBe(was?.migrate);
  });

  it('existing Secrets: pods roll when the named Secret changes in the cluster', async () => {
    const values = {
      auth: { apiTokenKey: { existingSecret: 'tokens', existingSecretKey: 'keys' } },
    };
    const tokens = (key: string) => leftBehind('tokens', { keys: key });
    const [first, same, changed] = await Promise.all([
      renderAgainst([...earlierRelease(), tokens('r'.repeat(64))], values),
      renderAgainst([...earlierRelease(), tokens('r'.repeat(64))], values),
      renderAgainst([...earlierRelease(), tokens('s'.repeat(64))], values),
    ]);
    for (const component of ['api', 'web'] as const) {
      const sum = (objects: K8sObject[]) => checksum(objects, 'Deployment', name(component));
      expect(sum(same as K8sObject[])).toBe(sum(first as K8sObject[]));
      expect(sum(changed as K8sObject[])).not.toBe(sum(first as K8sObject[]));
    }
    // The chart makes no token key Secret of its own then.
    expect((first as K8sObject[]).map((o) => o.metadata.name)).not.toContain(TOKEN_SECRET);
  });

  it('a first install generates both passwords, apart from each other', async () => {
    const data = secretData(await renderAgainst([]), DB_SECRET);
    expect(data.password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(data['root-password']).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(data.password).not.toBe(data['root-password']);
  });

  it('a first install generates the auth secret and the token key, new for each install', async () => {
    const [one, other] = await Promise.all([renderAgainst([]), renderAgainst([])]);
    const auth = [one, other].map((o) => secretData(o as K8sObject[], AUTH_SECRET).secret);
    const token = [one, other].map((o) => secretData(o as K8sObject[], TOKEN_SECRET).key);
    for (const secret of auth) expect(Buffer.from(secret ?? '', 'base64')).toHaveLength(32);
    for (const key of token) expect(Buffer.from(key ?? '', 'base64')).toHaveLength(48);
    expect(auth[0]).not.toBe(auth[1]);
    expect(token[0]).not.toBe(token[1]);
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
