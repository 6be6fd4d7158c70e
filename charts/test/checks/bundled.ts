import { expect } from 'vitest';
import type { K8sObject } from '../helm.js';
import {
  type Container,
  containersOf,
  envOf,
  find,
  matches,
  ofKind,
  podOf,
  secretFileOf,
} from '../manifests.js';
import { EXISTING_DB_SECRET, type Mode } from '../modes.js';
import { FULLNAME, name } from '../names.js';

// The bundled MySQL checked for what a cluster needs to make it work: the StatefulSet, its
// headless Service, the Secret and the NetworkPolicy agree with each other and with the api.

const DATA_DIR = '/var/lib/mysql';

function mysqlContainer(statefulSet: K8sObject): Container {
  const containers = podOf(statefulSet).spec.containers as Container[];
  expect(containers.map((c) => c.name)).toEqual(['mysql']);
  return containers[0] as Container;
}

/** Objects of the bundled database exist exactly in bundled mode. */
export function expectBundledObjectsOnlyWhenBundled(objects: K8sObject[], mode: Mode): void {
  const bundled = mode.database === 'bundled';
  expect(ofKind(objects, 'StatefulSet').map((o) => o.metadata.name)).toEqual(
    bundled ? [name('db')] : [],
  );
  const dbNamed = objects.filter((o) => o.metadata.name === name('db')).map((o) => o.kind);
  expect(dbNamed.sort()).toEqual(bundled ? ['NetworkPolicy', 'Service', 'StatefulSet'] : []);
}

/** One pod from the official image, its selector and headless Service agreeing, data retained. */
export function expectBundledStatefulSet(objects: K8sObject[]): void {
  const statefulSet = find(objects, 'StatefulSet', name('db'));
  const service = find(objects, 'Service', name('db'));
  const pod = podOf(statefulSet);
  const others = [
    podOf(find(objects, 'Deployment', name('api'))).labels,
    podOf(find(objects, 'Deployment', name('web'))).labels,
    podOf(find(objects, 'Job', `${FULLNAME}-migrate-1`)).labels,
  ];
  expect(statefulSet.spec.replicas).toBe(1);
  expect(pod.labels['app.kubernetes.io/component']).toBe('database');
  for (const selector of [statefulSet.spec.selector.matchLabels, service.spec.selector]) {
    expect(matches(selector, pod.labels)).toBe(true);
    for (const labels of others) expect(matches(selector, labels)).toBe(false);
  }
  // The governing Service: headless, so the name resolves to the pod itself.
  expect(statefulSet.spec.serviceName).toBe(service.metadata.name);
  expect(service.spec.clusterIP).toBe('None');
  expect(statefulSet.spec.persistentVolumeClaimRetentionPolicy).toEqual({
    whenDeleted: 'Retain',
    whenScaled: 'Retain',
  });

  const mysql = mysqlContainer(statefulSet);
  expect(mysql.image).toMatch(/^docker\.io\/library\/mysql:8\.4\.\d+$/);
  const [claim, ...moreClaims] = statefulSet.spec.volumeClaimTemplates;
  expect(moreClaims).toEqual([]);
  expect(claim.spec).toEqual({
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '8Gi' } },
  });
  // Claim templates cannot change after install: no label there may change with a chart upgrade.
  expect(Object.keys(claim.metadata.labels).sort()).toEqual([
    'app.kubernetes.io/component',
    'app.kubernetes.io/instance',
    'app.kubernetes.io/name',
  ]);
  const dataMount = mysql.volumeMounts?.find((m) => m.name === claim.metadata.name);
  expect(dataMount?.mountPath).toBe(DATA_DIR);
  // Data in a subdirectory of the volume, out of the way of a filesystem's lost+found.
  const dataDir = mysql.args.find((a: string) => a.startsWith('--datadir='));
  expect(dataDir).toMatch(new RegExp(`^--datadir=${DATA_DIR}/[a-z]+$`));
  expect(mysql.args[0]).toBe('mysqld');
  expect(mysql.args).toContain('--skip-name-resolve');
}

/** Port, user, database and password files line up between web's and the api's env and MySQL's. */
export function expectBundledWiring(objects: K8sObject[], mode: Mode): void {
  const statefulSet = find(objects, 'StatefulSet', name('db'));
  const service = find(objects, 'Service', name('db'));
  const mysql = mysqlContainer(statefulSet);
  const mysqlEnv = envOf(mysql);
  const port = mysql.ports?.find((p) => p.name === 'mysql');
  expect(service.spec.ports).toEqual([
    { name: 'mysql', port: 3306, targetPort: 'mysql', protocol: 'TCP' },
  ]);
  expect(port?.containerPort).toBe(3306);

  const passwordKey = mode.existingSecret ? EXISTING_DB_SECRET.key : 'password';
  const rootKey = mode.existingSecret ? EXISTING_DB_SECRET.rootKey : 'root-password';
  const secretName = mode.existingSecret ? EXISTING_DB_SECRET.name : `${FULLNAME}-db-password`;
  // Values come as plain env and files only, never from a Secret into the environment.
  for (const variable of mysql.env ?? []) expect(variable.valueFrom, variable.name).toBeUndefined();
  expect(mysqlEnv.MYSQL_ROOT_HOST).toBe('localhost');
  expect(
    secretFileOf(statefulSet, mysql, mysqlEnv.MYSQL_PASSWORD_FILE ?? ''),
    'MYSQL_PASSWORD_FILE',
  ).toEqual({ secretName, key: passwordKey });
  expect(
    secretFileOf(statefulSet, mysql, mysqlEnv.MYSQL_ROOT_PASSWORD_FILE ?? ''),
    'MYSQL_ROOT_PASSWORD_FILE',
  ).toEqual({ secretName, key: rootKey });

  const clients = [
    find(objects, 'Deployment', name('api')),
    find(objects, 'Job', `${FULLNAME}-migrate-1`),
    find(objects, 'Deployment', name('web')),
  ];
  for (const workload of clients) {
    for (const container of containersOf(workload)) {
      const env = envOf(container);
      const where = `${workload.metadata.name}/${container.name}`;
      // DB_HOST is the headless Service, which resolves to the pod: the container port counts.
      expect(env.DB_HOST, where).toBe(service.metadata.name);
      expect(Number(env.DB_PORT), where).toBe(port?.containerPort);
      expect(env.DB_USER, where).toBe(mysqlEnv.MYSQL_USER);
      expect(env.DB_NAME, where).toBe(mysqlEnv.MYSQL_DATABASE);
      expect(secretFileOf(workload, container, env.DB_PASSWORD_FILE ?? ''), where).toEqual(
        secretFileOf(statefulSet, mysql, mysqlEnv.MYSQL_PASSWORD_FILE ?? ''),
      );
    }
  }
}

/** The chart's hardening, with the image's own uid; writable only where MySQL must write. */
export function expectBundledHardened(objects: K8sObject[]): void {
  const statefulSet = find(objects, 'StatefulSet', name('db'));
  const { spec } = podOf(statefulSet);
  expect(spec.securityContext).toEqual({
    runAsNonRoot: true,
    runAsUser: 999,
    runAsGroup: 999,
    fsGroup: 999,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(spec.automountServiceAccountToken).toBe(false);
  expect(spec.enableServiceLinks).toBe(false);
  const mysql = mysqlContainer(statefulSet);
  expect(mysql.securityContext).toEqual({
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  });
  expect(mysql.resources.limits.memory).toBeDefined();
  expect(mysql.resources.limits.cpu).toBeUndefined();
  const emptyDirs = spec.volumes
    .filter((v: { emptyDir?: { sizeLimit?: string } }) => v.emptyDir?.sizeLimit)
    .map((v: { name: string }) => v.name);
  const writable = (mysql.volumeMounts ?? [])
    .filter((m) => emptyDirs.includes(m.name))
    .map((m) => m.mountPath);
  expect(writable).toEqual(['/var/run/mysqld', '/tmp']);
  const passwords = mysql.volumeMounts?.find((m) => m.name === 'db-password');
  expect(passwords?.readOnly).toBe(true);

  // Ready and started mean the app user logs in over TCP; alive means the socket answers.
  for (const probe of [mysql.startupProbe, mysql.readinessProbe]) {
    const script = probe.exec.command.join(' ');
    expect(script).toContain('--protocol=TCP');
    expect(script).toContain('--port=3306');
    expect(script).toContain('"$MYSQL_USER"');
    expect(script).toContain('"$MYSQL_PASSWORD_FILE"');
    expect(script).toContain('"$MYSQL_DATABASE"');
  }
  expect(mysql.livenessProbe.exec.command.join(' ')).toContain('mysqladmin');
  expect(mysql.livenessProbe.exec.command.join(' ')).toContain(' ping');
  // The first start initialises the data directory: the startup probe allows minutes for it.
  const { periodSeconds, failureThreshold } = mysql.startupProbe;
  expect(periodSeconds * failureThreshold).toBeGreaterThanOrEqual(300);
}

/** Only web pods, api pods and the migration Job reach MySQL, on its port; MySQL reaches nothing. */
export function expectBundledNetworkPolicy(objects: K8sObject[]): void {
  const policy = find(objects, 'NetworkPolicy', name('db'));
  const dbPods = podOf(find(objects, 'StatefulSet', name('db'))).labels;
  const apiPods = podOf(find(objects, 'Deployment', name('api'))).labels;
  const webPods = podOf(find(objects, 'Deployment', name('web'))).labels;
  const jobPods = podOf(find(objects, 'Job', `${FULLNAME}-migrate-1`)).labels;
  const testPod = find(objects, 'Pod', `${FULLNAME}-test`).metadata.labels ?? {};
  expect(matches(policy.spec.podSelector.matchLabels, dbPods)).toBe(true);
  for (const labels of [apiPods, webPods, jobPods]) {
    expect(matches(policy.spec.podSelector.matchLabels, labels)).toBe(false);
  }
  expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
  expect(policy.spec.egress).toBeUndefined();
  expect(policy.spec.ingress).toHaveLength(1);
  const [rule] = policy.spec.ingress;
  expect(rule.ports).toEqual([{ protocol: 'TCP', port: 3306 }]);
  const selectors = rule.from.map(
    (peer: { podSelector: { matchLabels: Record<string, string> } }) => {
      expect(Object.keys(peer)).toEqual(['podSelector']);
      return peer.podSelector.matchLabels;
    },
  );
  const admits = (labels: Record<string, string>) =>
    selectors.some((selector: Record<string, string>) => matches(selector, labels));
  expect(admits(apiPods)).toBe(true);
  expect(admits(jobPods)).toBe(true);
  // web keeps sessions and accounts in the database.
  expect(admits(webPods)).toBe(true);
  expect(selectors).toHaveLength(3);
  expect(admits(testPod)).toBe(false);
  expect(admits(dbPods)).toBe(false);
}
