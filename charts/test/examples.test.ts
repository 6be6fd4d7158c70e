import { beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_RULE, STREAMING_ANNOTATIONS } from './checks/routing.js';
import { EXAMPLES } from './examples.js';
import { type K8sObject, mapLimit, type Rendered, render } from './helm.js';
import { violations } from './kube-schemas.js';
import { containersOf, envOf, find, ofKind, podOf } from './manifests.js';
import { FULLNAME, name } from './names.js';

const rendered = new Map<string, Rendered>();
const FILES = [{ name: 'defaults', path: '' }, ...EXAMPLES];

beforeAll(async () => {
  const results = await mapLimit(FILES, 4, (file) => render({}, file.path ? [file.path] : []));
  for (const [i, file] of FILES.entries()) rendered.set(file.name, results[i] as Rendered);
});

function objectsOf(file: string): K8sObject[] {
  const release = rendered.get(file);
  if (!release) throw new Error(`not rendered: ${file}`);
  return release.objects;
}

describe.each(FILES)('$name', ({ name: file }) => {
  it('renders only schema-valid objects', () => {
    expect(objectsOf(file).flatMap(violations)).toEqual([]);
  });
});

describe('what each example is for', () => {
  it('defaults: the bundled MySQL, HPAs 2..5 at 80 % CPU, no route, generated Secrets', () => {
    const objects = objectsOf('defaults');
    const api = podOf(find(objects, 'Deployment', name('api'))).spec.containers[0];
    expect(envOf(api)).toMatchObject({ DB_HOST: name('db'), DB_PORT: '3306', DB_NAME: 'todo' });
    expect(envOf(api).DATABASE_READ_URL).toBeUndefined();
    expect(find(objects, 'StatefulSet', name('db')).spec.replicas).toBe(1);
    for (const hpa of ofKind(objects, 'HorizontalPodAutoscaler')) {
      expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 5 });
      expect(hpa.spec.metrics[0].resource.target.averageUtilization).toBe(80);
    }
    expect(ofKind(objects, 'Ingress').length + ofKind(objects, 'HTTPRoute').length).toBe(0);
    expect(
      ofKind(objects, 'Secret')
        .map((s) => s.metadata.name)
        .sort(),
    ).toEqual([
      `${FULLNAME}-api-token-key`,
      `${FULLNAME}-auth-secret`,
      `${FULLNAME}-db-password`,
      `${FULLNAME}-server-actions`,
    ]);
    expect(api.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { memory: '256Mi' },
    });
    const web = podOf(find(objects, 'Deployment', name('web'))).spec.containers[0];
    expect(web.resources).toEqual({
      requests: { cpu: '100m', memory: '192Mi' },
      limits: { memory: '384Mi' },
    });
    // No route to take it from: web uses its own default (NOTES.txt says to set it).
    expect(envOf(web).PUBLIC_URL).toBeUndefined();
    expect(envOf(web).TRUST_PROXY_HEADERS).toBe('true');
    // Where release.yml publishes, once it has put the owner in place of `example`.
    expect(api.image).toBe('ghcr.io/example/todo-api:0.1.0');
    expect(web.image).toBe('ghcr.io/example/todo-web:0.1.0');
  });

  it('local-images: images built into the cluster, never pulled, one replica each, bundled MySQL', () => {
    const objects = objectsOf('local-images.yaml');
    expect(ofKind(objects, 'HorizontalPodAutoscaler')).toEqual([]);
    const workloads = [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')];
    workloads.push(find(objects, 'Pod', `${FULLNAME}-test`));
    for (const workload of workloads) {
      if (workload.kind === 'Deployment') expect(workload.spec.replicas).toBe(1);
      for (const container of containersOf(workload)) {
        const component = workload.metadata.name === name('web') ? 'web' : 'api';
        expect(container.image, container.name).toBe(`todo-${component}:dev`);
        expect(container.imagePullPolicy, container.name).toBe('Never');
      }
    }
    expect(find(objects, 'StatefulSet', name('db')).spec.replicas).toBe(1);
    // Where the README's port-forward puts the app.
    const web = podOf(find(objects, 'Deployment', name('web'))).spec.containers[0];
    expect(envOf(web).PUBLIC_URL).toBe('http://127.0.0.1:8080');
  });

  it('minikube-ingress: local images, one replica each, nginx Ingress for todo.local', () => {
    const objects = objectsOf('minikube-ingress.yaml');
    expect(ofKind(objects, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(find(objects, 'Deployment', name('web')).spec.replicas).toBe(1);
    const web = podOf(find(objects, 'Deployment', name('web'))).spec.containers[0];
    expect(web.image).toBe('todo-web:dev');
    expect(ofKind(objects, 'StatefulSet').map((s) => s.metadata.name)).toEqual([name('db')]);
    const ingress = find(objects, 'Ingress', FULLNAME);
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.rules[0].host).toBe('todo.local');
    expect(ingress.metadata.annotations).toEqual(STREAMING_ANNOTATIONS);
    // No TLS on the addon's Ingress: plain http.
    expect(envOf(web).PUBLIC_URL).toBe('http://todo.local');
  });

  it('gateway: an HTTPRoute on the shared Gateway, password from an existing Secret', () => {
    const objects = objectsOf('gateway.yaml');
    const route = find(objects, 'HTTPRoute', FULLNAME);
    expect(route.spec.parentRefs).toEqual([
      { name: 'public', namespace: 'gateway', sectionName: 'https' },
    ]);
    expect(ofKind(objects, 'Secret').map((s) => s.metadata.name)).toEqual([
      `${FULLNAME}-server-actions`,
      `${FULLNAME}-auth-secret`,
      `${FULLNAME}-api-token-key`,
    ]);
    const api = podOf(find(objects, 'Deployment', name('api'))).spec.containers[0];
    expect(envOf(api).DB_HOST).toBe('mysql.databases.svc.cluster.local');
    // The stream's own rule first, then the example's, whose 30 s request timeout it escapes.
    expect(route.spec.rules.map((r: { timeouts?: object }) => r.timeouts)).toEqual([
      EVENTS_RULE.timeouts,
      { request: '30s' },
    ]);
    const web = podOf(find(objects, 'Deployment', name('web'))).spec.containers[0];
    expect(envOf(web).PUBLIC_URL).toBe('https://todo.example.com');
    expect(ofKind(objects, 'StatefulSet')).toEqual([]);
  });

  it('innodbcluster: three instances, two routers, api on the router ports', () => {
    const objects = objectsOf('innodbcluster.yaml');
    const cluster = find(objects, 'InnoDBCluster', `${FULLNAME}-mysql`);
    expect(cluster.spec).toMatchObject({ instances: 3, router: { instances: 2 } });
    expect(cluster.spec.datadirVolumeClaimTemplate.resources.requests.storage).toBe('20Gi');
    const api = podOf(find(objects, 'Deployment', name('api'))).spec.containers[0];
    expect(envOf(api)).toMatchObject({
      DB_HOST: `${FULLNAME}-mysql`,
      DB_PORT: '6446',
      DATABASE_READ_URL: `mysql://todo@${FULLNAME}-mysql:6447/todo`,
    });
    const ingress = find(objects, 'Ingress', FULLNAME);
    expect(ingress.metadata.annotations).toEqual({
      ...STREAMING_ANNOTATIONS,
      'cert-manager.io/cluster-issuer': 'letsencrypt',
    });
    const web = podOf(find(objects, 'Deployment', name('web'))).spec.containers[0];
    expect(envOf(web).PUBLIC_URL).toBe('https://todo.example.com');
  });

  it('loadbalancer: web behind a LoadBalancer Service, api still ClusterIP', () => {
    const objects = objectsOf('loadbalancer.yaml');
    expect(find(objects, 'Service', name('web')).spec.type).toBe('LoadBalancer');
    expect(find(objects, 'Service', name('api')).spec.type).toBe('ClusterIP');
    expect(ofKind(objects, 'StatefulSet').map((s) => s.metadata.name)).toEqual([name('db')]);
    // Browsers reach web with no proxy in between: forwarded headers are not to be trusted.
    const web = podOf(find(objects, 'Deployment', name('web'))).spec.containers[0];
    expect(envOf(web).TRUST_PROXY_HEADERS).toBe('false');
    expect(envOf(web).PUBLIC_URL).toBeUndefined();
  });
});
