import { expect } from 'vitest';
import type { K8sObject } from '../helm.js';
import {
  type Container,
  containersOf,
  envOf,
  find,
  ofKind,
  podOf,
  secretFileOf,
} from '../manifests.js';
import {
  EXISTING_AUTH_SECRET,
  EXISTING_TOKEN_KEY,
  type Mode,
  OIDC,
  PUBLIC_URLS,
} from '../modes.js';
import { FULLNAME, name } from '../names.js';

// Accounts: web signs people in and signs the api's tokens; both secrets reach the pods only as
// files from Secrets, at the paths the environment names, and nowhere else.

const TOKEN_KEY = {
  chart: { secretName: `${FULLNAME}-api-token-key`, key: 'key' },
  existing: { secretName: EXISTING_TOKEN_KEY.name, key: EXISTING_TOKEN_KEY.key },
};
const AUTH_SECRET = {
  chart: { secretName: `${FULLNAME}-auth-secret`, key: 'secret' },
  existing: { secretName: EXISTING_AUTH_SECRET.name, key: EXISTING_AUTH_SECRET.key },
};

function decode(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

/** The Secret volume behind a file path, checked to be read-only and 0440. */
function expectMountedFile(workload: K8sObject, container: Container, path: string): void {
  const where = `${workload.metadata.name}/${container.name} ${path}`;
  const mount = (container.volumeMounts ?? []).find((m) => path.startsWith(`${m.mountPath}/`));
  expect(mount?.readOnly, where).toBe(true);
  const volume = podOf(workload).spec.volumes.find((v: { name: string }) => v.name === mount?.name);
  expect(volume.secret.defaultMode, where).toBe(0o440);
  expect(volume.secret.items, where).toHaveLength(1);
}

/**
 * The api token key in web and the api container alone (the migrator reads only the database
 * settings), the auth secret in web alone; generated Secrets of the right shape exactly when
 * no existing ones are named; their values in no manifest but their own.
 */
export function expectAccountSecrets(objects: K8sObject[], text: string, mode: Mode): void {
  const tokenKey = mode.existingSecret ? TOKEN_KEY.existing : TOKEN_KEY.chart;
  const authSecret = mode.existingSecret ? AUTH_SECRET.existing : AUTH_SECRET.chart;

  const web = find(objects, 'Deployment', name('web'));
  const [webContainer] = podOf(web).spec.containers as Container[];
  const webEnv = envOf(webContainer as Container);
  expect(webEnv.API_TOKEN_KEY_FILE).toBe('/var/run/secrets/todo/api-token/key');
  expect(webEnv.AUTH_SECRET_FILE).toBe('/var/run/secrets/todo/auth/secret');
  for (const variable of ['API_TOKEN_KEY_FILE', 'AUTH_SECRET_FILE']) {
    expectMountedFile(web, webContainer as Container, webEnv[variable] ?? '');
  }
  expect(secretFileOf(web, webContainer as Container, webEnv.API_TOKEN_KEY_FILE ?? '')).toEqual(
    tokenKey,
  );
  expect(secretFileOf(web, webContainer as Container, webEnv.AUTH_SECRET_FILE ?? '')).toEqual(
    authSecret,
  );

  const api = find(objects, 'Deployment', name('api'));
  const job = find(objects, 'Job', `${FULLNAME}-migrate-1`);
  const [apiContainer] = podOf(api).spec.containers as Container[];
  const apiEnv = envOf(apiContainer as Container);
  expect(apiEnv.API_TOKEN_KEY_FILE).toBe(webEnv.API_TOKEN_KEY_FILE);
  expectMountedFile(api, apiContainer as Container, apiEnv.API_TOKEN_KEY_FILE ?? '');
  expect(secretFileOf(api, apiContainer as Container, apiEnv.API_TOKEN_KEY_FILE ?? '')).toEqual(
    tokenKey,
  );
  // Only what reads a key mounts it: the migrator needs the database settings alone, and
  // Better Auth's secret is web's.
  const mountsOf = (workload: K8sObject, container: Container) =>
    (container.volumeMounts ?? []).map(
      (m) =>
        podOf(workload).spec.volumes.find((v: { name: string }) => v.name === m.name)?.secret
          ?.secretName,
    );
  const migrators = [
    [api, podOf(api).spec.initContainers[0]],
    ...containersOf(job).map((c) => [job, c]),
  ] as [K8sObject, Container][];
  for (const [workload, container] of migrators) {
    const where = `${workload.metadata.name}/${container.name}`;
    expect(envOf(container).API_TOKEN_KEY_FILE, where).toBeUndefined();
    expect(mountsOf(workload, container), where).not.toContain(tokenKey.secretName);
  }
  expect(mountsOf(api, apiContainer as Container)).toContain(tokenKey.secretName);
  for (const workload of [api, job, ...ofKind(objects, 'StatefulSet')]) {
    for (const container of containersOf(workload)) {
      const where = `${workload.metadata.name}/${container.name}`;
      expect(envOf(container).AUTH_SECRET_FILE, where).toBeUndefined();
      expect(mountsOf(workload, container), where).not.toContain(authSecret.secretName);
    }
  }
  const volumesOf = (workload: K8sObject) =>
    (podOf(workload).spec.volumes ?? []).map((v: { secret?: object }) => v.secret);
  for (const pod of ofKind(objects, 'Pod')) expect(volumesOf(pod).filter(Boolean)).toEqual([]);
  expect(
    volumesOf(job).map((secret: { secretName?: string } | undefined) => secret?.secretName),
  ).not.toContain(tokenKey.secretName);

  // Files only: no variable carries a key or names one of these Secrets.
  const workloads = objects.filter((o) =>
    ['Deployment', 'Job', 'Pod', 'StatefulSet'].includes(o.kind),
  );
  for (const workload of workloads) {
    for (const container of containersOf(workload)) {
      for (const variable of container.env ?? []) {
        const where = `${container.name} ${variable.name}`;
        expect(variable.name, where).not.toMatch(
          /^(API_TOKEN_KEY|AUTH_SECRET|BETTER_AUTH_SECRET|OIDC_CLIENT_SECRET)$/,
        );
        expect([tokenKey.secretName, authSecret.secretName], where).not.toContain(
          variable.valueFrom?.secretKeyRef?.name,
        );
      }
    }
  }

  const chartSecrets = ofKind(objects, 'Secret').map((s) => s.metadata.name);
  for (const made of [TOKEN_KEY.chart.secretName, AUTH_SECRET.chart.secretName]) {
    expect(chartSecrets.includes(made), made).toBe(!mode.existingSecret);
  }
  if (!mode.existingSecret) {
    const key = decode(find(objects, 'Secret', TOKEN_KEY.chart.secretName).data.key);
    // One line of base64: 48 random bytes, as long as the api asks (at least 32 bytes) and more.
    expect(key).toMatch(/^[A-Za-z0-9+/]{64}$/);
    expect(Buffer.from(key, 'base64')).toHaveLength(48);
    const secret = decode(find(objects, 'Secret', AUTH_SECRET.chart.secretName).data.secret);
    expect(secret).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret, 'base64')).toHaveLength(32);
    expect(secret).not.toBe(key);
    // Each value appears only base64-encoded, inside its Secret.
    for (const value of [key, secret]) expect(text).not.toContain(value);
  }
}

/** web's sign-in settings: the public URL its route gives, forwarded headers, single sign-on. */
export function expectWebSignIn(objects: K8sObject[], mode: Mode): void {
  const web = find(objects, 'Deployment', name('web'));
  const [container] = podOf(web).spec.containers as Container[];
  const env = envOf(container as Container);
  expect(env.PUBLIC_URL).toBe(PUBLIC_URLS[mode.routing]);
  expect('PUBLIC_URL' in env).toBe(mode.routing !== 'none');
  expect(env.TRUST_PROXY_HEADERS).toBe('true');
  const oidcEnv = Object.fromEntries(
    Object.entries(env).filter(([key]) => key.startsWith('OIDC_')),
  );
  const oidcVolumes = (podOf(web).spec.volumes ?? []).filter(
    (v: { secret?: { secretName: string } }) =>
      v.secret?.secretName === OIDC.clientSecret.existingSecret,
  );
  if (!mode.oidc) {
    expect(oidcEnv).toEqual({});
    expect(oidcVolumes).toEqual([]);
    return;
  }
  expect(oidcEnv).toEqual({
    OIDC_ISSUER: OIDC.issuer,
    OIDC_CLIENT_ID: OIDC.clientId,
    OIDC_CLIENT_SECRET_FILE: '/var/run/secrets/todo/oidc/client-secret',
    OIDC_NAME: OIDC.name,
  });
  expectMountedFile(web, container as Container, env.OIDC_CLIENT_SECRET_FILE ?? '');
  expect(secretFileOf(web, container as Container, env.OIDC_CLIENT_SECRET_FILE ?? '')).toEqual({
    secretName: OIDC.clientSecret.existingSecret,
    key: OIDC.clientSecret.key,
  });
  // Only web signs people in: no other workload gets the client secret.
  for (const workload of objects.filter((o) =>
    ['Deployment', 'Job', 'Pod', 'StatefulSet'].includes(o.kind),
  )) {
    if (workload === web) continue;
    for (const container of containersOf(workload)) {
      for (const variable of ['AUTH_SECRET_FILE', 'OIDC_CLIENT_SECRET_FILE']) {
        expect(envOf(container)[variable], `${container.name} ${variable}`).toBeUndefined();
      }
    }
    const secrets = (podOf(workload).spec.volumes ?? []).map(
      (v: { secret?: { secretName: string } }) => v.secret?.secretName,
    );
    expect(secrets, workload.metadata.name).not.toContain(OIDC.clientSecret.existingSecret);
  }
}
