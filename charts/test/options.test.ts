import { beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_RULE } from './checks/routing.js';
import { type Rendered, render } from './helm.js';
import { violations } from './kube-schemas.js';
import { envOf, find, ofKind, podOf } from './manifests.js';
import { FULLNAME, name } from './names.js';

// The per-component knobs the matrix leaves at their defaults, all turned at once.

const DIGEST = `sha256:${'a'.repeat(64)}`;
const toleration = { key: 'dedicated', operator: 'Equal', value: 'todo', effect: 'NoSchedule' };
const affinity = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [
        { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] },
      ],
    },
  },
};
const ownSpread = {
  maxSkew: 2,
  topologyKey: 'topology.kubernetes.io/zone',
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchLabels: { team: 'todo' } },
};

let tuned: Rendered;
let bare: Rendered;
let minimalGateway: Rendered;
let minimalIngress: Rendered;

beforeAll(async () => {
  [tuned, bare, minimalGateway, minimalIngress] = await Promise.all([
    render({
      commonLabels: { team: 'todo' },
      api: {
        image: { digest: DIGEST, pullSecrets: ['registry'] },
        podAnnotations: { 'prometheus.io/scrape': 'true' },
        podLabels: { tier: 'backend' },
        extraEnv: [{ name: 'NODE_OPTIONS', value: '--max-old-space-size=192' }],
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [toleration],
        affinity,
        topologySpreadConstraints: [ownSpread],
        autoscaling: {
          targetMemoryUtilizationPercentage: 85,
          behavior: { scaleDown: { stabilizationWindowSeconds: 120 } },
        },
      },
      web: {
        service: { type: 'NodePort', nodePort: 30080 },
        image: { tag: '1.2.3' },
        maxHeapMiB: 320,
        trustProxyHeaders: false,
      },
      database: { mode: 'external', host: 'mysql.databases.svc' },
      networkPolicy: {
        databasePeers: [{ ipBlock: { cidr: '10.20.0.0/16' } }],
        metricsPeers: [
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
        ],
      },
    }),
    render({
      networkPolicy: { enabled: false },
      tests: { enabled: false },
      serviceAccount: { create: false, name: 'shared' },
      api: { podDisruptionBudget: { enabled: false } },
    }),
    // No hostnames: the listener's apply, so the public URL must be given.
    render({
      routing: 'gateway',
      gateway: { parentRefs: [{ name: 'gw' }], rules: [] },
      web: { publicUrl: 'https://todo.example.com' },
    }),
    render({ routing: 'ingress', ingress: { hosts: [{ host: 'todo.example.com' }] } }),
  ]);
});

describe('optional settings', () => {
  it('render only schema-valid objects', () => {
    const all = [tuned, bare, minimalGateway, minimalIngress].flatMap((r) => r.objects);
    expect(all.flatMap(violations)).toEqual([]);
  });

  it('reach the api pods: image digest, pull secrets, annotations, labels, env, placement', () => {
    const deployment = find(tuned.objects, 'Deployment', name('api'));
    const pod = podOf(deployment);
    expect(pod.spec.containers[0].image).toBe(`ghcr.io/example/todo-api@${DIGEST}`);
    expect(pod.spec.initContainers[0].image).toBe(`ghcr.io/example/todo-api@${DIGEST}`);
    expect(pod.spec.imagePullSecrets).toEqual([{ name: 'registry' }]);
    expect(pod.annotations['prometheus.io/scrape']).toBe('true');
    expect(pod.labels).toMatchObject({ tier: 'backend', team: 'todo' });
    expect(deployment.metadata.labels?.team).toBe('todo');
    expect(envOf(pod.spec.containers[0]).NODE_OPTIONS).toBe('--max-old-space-size=192');
    expect(pod.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(pod.spec.tolerations).toEqual([toleration]);
    expect(pod.spec.affinity).toEqual(affinity);
    // A constraint with its own labelSelector is kept as given.
    expect(pod.spec.topologySpreadConstraints).toEqual([ownSpread]);
    const job = podOf(find(tuned.objects, 'Job', `${FULLNAME}-migrate-1`));
    expect(job.spec.imagePullSecrets).toEqual([{ name: 'registry' }]);
    expect(job.spec.tolerations).toEqual([toleration]);
  });

  it('shape the HPA, the web Service and env, and the database egress', () => {
    const hpa = find(tuned.objects, 'HorizontalPodAutoscaler', name('api'));
    expect(hpa.spec.metrics[1]).toEqual({
      type: 'Resource',
      resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 85 } },
    });
    expect(hpa.spec.behavior).toEqual({ scaleDown: { stabilizationWindowSeconds: 120 } });
    const web = find(tuned.objects, 'Service', name('web'));
    expect(web.spec.type).toBe('NodePort');
    expect(web.spec.ports[0].nodePort).toBe(30080);
    const webPod = podOf(find(tuned.objects, 'Deployment', name('web')));
    expect(webPod.spec.containers[0].image).toBe('ghcr.io/example/todo-web:1.2.3');
    expect(envOf(webPod.spec.containers[0]).NODE_OPTIONS).toBe('--max-old-space-size=320');
    // The default heap cap, which keeps the server inside its default memory limit.
    const defaultWeb = podOf(find(bare.objects, 'Deployment', name('web'))).spec.containers[0];
    expect(envOf(defaultWeb).NODE_OPTIONS).toBe('--max-old-space-size=192');
    // Behind the Ingress or Gateway by default, web takes the public origin from its headers.
    expect(envOf(defaultWeb).TRUST_PROXY_HEADERS).toBe('true');
    expect(envOf(webPod.spec.containers[0]).TRUST_PROXY_HEADERS).toBe('false');
    const api = find(tuned.objects, 'NetworkPolicy', name('api'));
    expect(api.spec.egress[0].to).toEqual([{ ipBlock: { cidr: '10.20.0.0/16' } }]);
    expect(api.spec.ingress[0].from.at(-1)).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
    });
  });

  it('can be switched off: NetworkPolicies, helm test, ServiceAccount, a PDB', () => {
    const kinds = bare.objects.map((o) => o.kind);
    expect(kinds).not.toContain('NetworkPolicy');
    expect(kinds).not.toContain('ServiceAccount');
    expect(kinds).not.toContain('Pod');
    expect(ofKind(bare.objects, 'PodDisruptionBudget').map((p) => p.metadata.name)).toEqual([
      name('web'),
    ]);
    expect(podOf(find(bare.objects, 'Deployment', name('api'))).spec.serviceAccountName).toBe(
      'shared',
    );
  });

  it('fill in minimal routes: a rule-less HTTPRoute and a path-less Ingress send everything to web', () => {
    const route = find(minimalGateway.objects, 'HTTPRoute', FULLNAME);
    const backendRefs = [{ name: name('web'), port: 80 }];
    expect(route.spec.rules).toEqual([{ ...EVENTS_RULE, backendRefs }, { backendRefs }]);
    expect(route.spec).not.toHaveProperty('hostnames');
    const ingress = find(minimalIngress.objects, 'Ingress', FULLNAME);
    expect(ingress.spec.rules[0].http.paths).toEqual([
      {
        path: '/',
        pathType: 'Prefix',
        backend: { service: { name: name('web'), port: { name: 'http' } } },
      },
    ]);
    expect(ingress.spec).not.toHaveProperty('ingressClassName');
  });
});
