import { expect } from 'vitest';
import type { K8sObject } from '../helm.js';
import { containersOf, envOf, find, ofKind, podOf, secretFileOf } from '../manifests.js';
import {
  DB_PASSWORD,
  EXISTING_DB_SECRET,
  EXISTING_KEY_SECRET,
  EXTERNAL_DB,
  type Mode,
} from '../modes.js';
import { FULLNAME, name } from '../names.js';

const CLUSTER = `${FULLNAME}-mysql`;
const CHART_DB_SECRET = `${FULLNAME}-db-password`;
const CHART_KEY_SECRET = `${FULLNAME}-server-actions`;

function decode(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

/** Where each mode puts the database, as the api's environment names it. */
function expectedEndpoint(mode: Mode): Record<string, string | undefined> {
  if (mode.database === 'innodbcluster') {
    return {
      DB_HOST: CLUSTER,
      DB_PORT: '6446',
      DATABASE_READ_URL: `mysql://todo@${CLUSTER}:6447/todo`,
    };
  }
  if (mode.database === 'bundled') {
    return { DB_HOST: name('db'), DB_PORT: '3306', DATABASE_READ_URL: undefined };
  }
  return {
    DB_HOST: EXTERNAL_DB.host,
    DB_PORT: String(EXTERNAL_DB.port),
    DATABASE_READ_URL: `mysql://todo@${EXTERNAL_DB.readHost}:${EXTERNAL_DB.readPort}/todo`,
  };
}

/** The api (its container, its initContainer and the migration Job) reaches the right database. */
export function expectDatabaseWiring(objects: K8sObject[], mode: Mode): void {
  const clusters = ofKind(objects, 'InnoDBCluster');
  expect(clusters).toHaveLength(mode.database === 'innodbcluster' ? 1 : 0);
  const secretName = mode.existingSecret ? EXISTING_DB_SECRET.name : CHART_DB_SECRET;
  const expectedEnv = expectedEndpoint(mode);
  const dbClients = [
    find(objects, 'Deployment', name('api')),
    find(objects, 'Job', `${FULLNAME}-migrate-1`),
  ];
  for (const workload of dbClients) {
    for (const container of containersOf(workload)) {
      const env = envOf(container);
      const where = `${workload.metadata.name}/${container.name}`;
      expect(env, where).toMatchObject({
        DB_HOST: expectedEnv.DB_HOST,
        DB_PORT: expectedEnv.DB_PORT,
        DB_USER: 'todo',
        DB_NAME: 'todo',
        DB_PASSWORD_FILE: '/var/run/secrets/todo/db/password',
      });
      expect(env.DATABASE_READ_URL, where).toBe(expectedEnv.DATABASE_READ_URL);
    }
  }
  // web logs in as the api does (its own pool, for sessions and accounts): the same primary,
  // user, database and password file, and nothing of the api's read replica or migrator.
  const api = find(objects, 'Deployment', name('api'));
  const apiContainer = podOf(api).spec.containers[0];
  const web = find(objects, 'Deployment', name('web'));
  const webContainer = podOf(web).spec.containers[0];
  const connection = ['DB_HOST', 'DB_PORT', 'DB_USER', 'DB_NAME', 'DB_PASSWORD_FILE'];
  const pick = (env: Record<string, string | undefined>) =>
    Object.fromEntries(connection.map((key) => [key, env[key]]));
  expect(pick(envOf(webContainer))).toEqual(pick(envOf(apiContainer)));
  expect(envOf(webContainer).DB_HOST).toBe(expectedEnv.DB_HOST);
  for (const absent of ['DATABASE_URL', 'DATABASE_READ_URL', 'MIGRATE_TIMEOUT_SECONDS']) {
    expect(envOf(webContainer), `web ${absent}`).not.toHaveProperty(absent);
  }
  const webPassword = secretFileOf(web, webContainer, envOf(webContainer).DB_PASSWORD_FILE ?? '');
  expect(webPassword).toEqual({
    secretName,
    key: mode.existingSecret ? EXISTING_DB_SECRET.key : 'password',
  });
  expect(webPassword).toEqual(
    secretFileOf(api, apiContainer, envOf(apiContainer).DB_PASSWORD_FILE ?? ''),
  );
  if (mode.database === 'innodbcluster') {
    const cluster = clusters[0] as K8sObject;
    expect(cluster.metadata.name).toBe(CLUSTER);
    expect(cluster.metadata.name.length).toBeLessThanOrEqual(40);
    expect(cluster.spec).toMatchObject({ secretName, instances: 3, router: { instances: 2 } });
  }
  if (!mode.existingSecret) {
    const secret = find(objects, 'Secret', CHART_DB_SECRET);
    expect(decode(secret.data.password)).toBe(DB_PASSWORD);
    if (mode.database === 'innodbcluster') {
      // The operator makes its administrative account from these keys.
      expect(decode(secret.data.rootUser)).toBe('todo');
      expect(decode(secret.data.rootHost)).toBe('%');
      expect(decode(secret.data.rootPassword)).toBe(DB_PASSWORD);
    } else if (mode.database === 'bundled') {
      // The bundled MySQL's own root password: generated, and not the app's.
      expect(Object.keys(secret.data)).toEqual(['password', 'root-password']);
      expect(decode(secret.data['root-password'])).toMatch(/^[A-Za-z0-9]{32}$/);
    } else {
      expect(Object.keys(secret.data)).toEqual(['password']);
    }
    // Kept by `helm uninstall` exactly when a volume that only it opens is kept too.
    expect(secret.metadata.annotations?.['helm.sh/resource-policy']).toBe(
      mode.database === 'bundled' ? 'keep' : undefined,
    );
  } else {
    expect(ofKind(objects, 'Secret').map((s) => s.metadata.name)).not.toContain(CHART_DB_SECRET);
  }
}

/** The password is a file from a Secret volume: never an env value, never clear text in a manifest. */
export function expectPasswordOnlyAsFile(objects: K8sObject[], text: string, mode: Mode): void {
  const secretName = mode.existingSecret ? EXISTING_DB_SECRET.name : CHART_DB_SECRET;
  const secretKey = mode.existingSecret ? EXISTING_DB_SECRET.key : 'password';
  expect(text).not.toContain(DB_PASSWORD);
  const workloads = objects.filter((o) =>
    ['Deployment', 'StatefulSet', 'Job', 'Pod'].includes(o.kind),
  );
  for (const workload of workloads) {
    const { spec } = podOf(workload);
    for (const container of containersOf(workload)) {
      for (const variable of container.env ?? []) {
        expect(variable.name, `${container.name} env`).not.toMatch(
          /^(DB_PASSWORD|DATABASE_URL|MYSQL_PASSWORD|MYSQL_ROOT_PASSWORD)$/,
        );
        expect(variable.value ?? '', `${container.name} ${variable.name}`).not.toMatch(
          /mysql:\/\/[^@/]*:[^@/]*@/,
        );
        expect(
          variable.valueFrom?.secretKeyRef?.name,
          `${container.name} ${variable.name}`,
        ).not.toBe(secretName);
      }
      // Every workload but the helm test pod logs in to the database now: web keeps sessions there.
      const mountsPassword = (container.volumeMounts ?? []).some((m) => m.name === 'db-password');
      expect(mountsPassword, `${workload.metadata.name}/${container.name}`).toBe(
        workload.kind !== 'Pod',
      );
    }
    const volume = spec.volumes?.find((v: { name: string }) => v.name === 'db-password');
    if (volume) {
      // Only the bundled MySQL itself reads its root password; api pods get the app's alone.
      const rootKey = mode.existingSecret ? EXISTING_DB_SECRET.rootKey : 'root-password';
      const rootItem =
        workload.kind === 'StatefulSet' ? [{ key: rootKey, path: 'root-password' }] : [];
      expect(volume.secret).toEqual({
        secretName,
        defaultMode: 0o440,
        items: [{ key: secretKey, path: 'password' }, ...rootItem],
      });
    }
  }
  const web = podOf(find(objects, 'Deployment', name('web'))).spec.containers[0];
  const keyRef = web.env.find(
    (v: { name: string }) => v.name === 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY',
  );
  expect(keyRef.valueFrom.secretKeyRef).toEqual(
    mode.existingSecret ? EXISTING_KEY_SECRET : { name: CHART_KEY_SECRET, key: 'key' },
  );
  const keySecrets = ofKind(objects, 'Secret').filter((s) => s.metadata.name === CHART_KEY_SECRET);
  expect(keySecrets).toHaveLength(mode.existingSecret ? 0 : 1);
  for (const secret of keySecrets) {
    // A base64 AES-256 key: 32 random bytes.
    expect(Buffer.from(decode(secret.data.key), 'base64')).toHaveLength(32);
  }
}
