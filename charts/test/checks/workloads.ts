import { expect } from 'vitest';
import type { K8sObject } from '../helm.js';
import { type Container, containersOf, envOf, find, matches, ofKind, podOf } from '../manifests.js';
import { FULLNAME, name } from '../names.js';

const COMPONENTS = ['api', 'web'] as const;

/** Every object carries the standard labels; api and web objects are named after the component. */
export function expectNamesAndLabels(objects: K8sObject[]): void {
  for (const object of objects) {
    expect(object.metadata.labels, `${object.kind}/${object.metadata.name}`).toMatchObject({
      'app.kubernetes.io/name': 'todo',
      'app.kubernetes.io/instance': 'demo',
      'app.kubernetes.io/managed-by': 'Helm',
      'helm.sh/chart': 'todo-0.1.0',
    });
    expect(object.metadata.name.length).toBeLessThanOrEqual(63);
  }
  for (const component of COMPONENTS) {
    for (const kind of ['Deployment', 'Service']) {
      const object = find(objects, kind, name(component));
      expect(object.metadata.labels?.['app.kubernetes.io/component']).toBe(component);
    }
  }
}

/** Deployment and Service selectors pick their own component's pods and never the other's. */
export function expectSelectorsMatch(objects: K8sObject[]): void {
  for (const component of COMPONENTS) {
    const other = component === 'api' ? 'web' : 'api';
    const deployment = find(objects, 'Deployment', name(component));
    const podLabels = podOf(deployment).labels;
    const otherPodLabels = podOf(find(objects, 'Deployment', name(other))).labels;
    const selector = deployment.spec.selector.matchLabels;
    expect(matches(selector, podLabels)).toBe(true);
    expect(matches(selector, otherPodLabels)).toBe(false);
    const serviceSelector = find(objects, 'Service', name(component)).spec.selector;
    expect(matches(serviceSelector, podLabels)).toBe(true);
    expect(matches(serviceSelector, otherPodLabels)).toBe(false);
    for (const pdb of ofKind(objects, 'PodDisruptionBudget').filter(
      (p) => p.metadata.name === name(component),
    )) {
      expect(matches(pdb.spec.selector.matchLabels, podLabels)).toBe(true);
      expect(pdb.spec.maxUnavailable).toBe(1);
      expect(pdb.spec.minAvailable).toBeUndefined();
    }
    for (const constraint of podOf(deployment).spec.topologySpreadConstraints ?? []) {
      expect(matches(constraint.labelSelector.matchLabels, podLabels)).toBe(true);
    }
  }
}

/** Service targetPort, container port, PORT env and probes all name the same port. */
export function expectPortsLineUp(objects: K8sObject[]): void {
  const expected = { api: 4000, web: 3000 };
  for (const component of COMPONENTS) {
    const deployment = find(objects, 'Deployment', name(component));
    const container = podOf(deployment).spec.containers[0];
    const port = container.ports.find((p: { name: string }) => p.name === 'http');
    expect(port.containerPort).toBe(expected[component]);
    expect(envOf(container).PORT).toBe(String(port.containerPort));
    const service = find(objects, 'Service', name(component));
    expect(service.spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
    ]);
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      expect(container[probe].httpGet.port, `${component} ${probe}`).toBe('http');
    }
    expect(container.startupProbe.httpGet.path).toBe('/healthz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.readinessProbe.httpGet.path).toBe(
      component === 'api' ? '/readyz' : '/healthz',
    );
  }
  expect(find(objects, 'Service', name('api')).spec.type).toBe('ClusterIP');
  const web = podOf(find(objects, 'Deployment', name('web'))).spec.containers[0];
  expect(envOf(web).API_URL).toBe(`http://${name('api')}:80`);
}

/** Non-root, read-only, no capabilities, RuntimeDefault seccomp, writable dirs as emptyDirs. */
export function expectSecurePods(objects: K8sObject[]): void {
  const workloads = objects.filter((o) => ['Deployment', 'Job', 'Pod'].includes(o.kind));
  expect(workloads.length).toBeGreaterThanOrEqual(3);
  for (const workload of workloads) {
    const { spec } = podOf(workload);
    expect(spec.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(spec.automountServiceAccountToken).toBe(false);
    for (const container of containersOf(workload)) {
      expect(container.securityContext, `${workload.metadata.name}/${container.name}`).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.resources?.limits?.memory, container.name).toBeDefined();
      expect(container.resources?.limits?.cpu, container.name).toBeUndefined();
    }
  }
  for (const component of COMPONENTS) {
    const { spec, annotations } = podOf(find(objects, 'Deployment', name(component)));
    expect(annotations['checksum/secret']).toMatch(/^[0-9a-f]{64}$/);
    const container = spec.containers[0];
    const emptyDirs = spec.volumes
      .filter((v: { emptyDir?: object }) => v.emptyDir)
      .map((v: { name: string }) => v.name);
    const writable = container.volumeMounts
      .filter((m: { name: string }) => emptyDirs.includes(m.name))
      .map((m: { mountPath: string }) => m.mountPath);
    expect(writable).toEqual(component === 'web' ? ['/tmp', '/app/web/.next/cache'] : ['/tmp']);
    expect(container.lifecycle.preStop).toEqual({ sleep: { seconds: 5 } });
    expect(spec.terminationGracePeriodSeconds).toBeGreaterThan(5 + (component === 'api' ? 10 : 0));
    expect(container.image).toBe(`ghcr.io/example/todo-${component}:0.1.0`);
  }
}

/** One plain Job per revision runs the migrator; api pods wait for it in an initContainer. */
export function expectMigrations(objects: K8sObject[]): void {
  const jobs = ofKind(objects, 'Job');
  expect(jobs.map((j) => j.metadata.name)).toEqual([`${FULLNAME}-migrate-1`]);
  const job = jobs[0] as K8sObject;
  // Not a hook: created with the Secret and the InnoDBCluster, and no `--wait` deadlock.
  expect(job.metadata.annotations?.['helm.sh/hook']).toBeUndefined();
  const [migrate] = containersOf(job);
  expect(migrate?.command).toEqual(['node', 'dist/migrate.js']);
  expect(migrate?.image).toBe('ghcr.io/example/todo-api:0.1.0');
  expect(podOf(job).spec.restartPolicy).toBe('Never');
  const api = podOf(find(objects, 'Deployment', name('api'))).spec;
  expect(api.initContainers.map((c: { command: string[] }) => c.command)).toEqual([
    ['node', 'dist/migrate.js', '--wait'],
  ]);
  expect(podOf(find(objects, 'Deployment', name('web'))).spec.initContainers).toBeUndefined();
}

/** `helm test` checks web /healthz and api /readyz through their Services. */
export function expectTestPod(objects: K8sObject[]): void {
  const pod = find(objects, 'Pod', `${FULLNAME}-test`);
  expect(pod.metadata.annotations?.['helm.sh/hook']).toBe('test');
  expect(pod.spec.restartPolicy).toBe('Never');
  const [check] = containersOf(pod);
  expect(envOf(check as Container)).toEqual({
    WEB_HEALTHZ: `http://${name('web')}:80/healthz`,
    API_READYZ: `http://${name('api')}:80/readyz`,
  });
  expect(check?.command?.slice(0, 3)).toEqual(['node', '--input-type=module', '-e']);
}
