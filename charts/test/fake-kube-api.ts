import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { K8sObject } from './helm.js';

// Just enough of a Kubernetes API server for `helm template --dry-run=server`, which is how
// `lookup` can be exercised without a cluster: version and discovery for the kinds the chart
// renders, GET of the objects given (what an earlier release left), 404 for everything else.
// Helm also GETs each object it would create, and adopts one that exists only if it carries
// Helm's ownership label and annotations, as an object of an earlier revision does.

const KINDS: Record<string, [resource: string, kind: string][]> = {
  v1: [
    ['secrets', 'Secret'],
    ['services', 'Service'],
    ['serviceaccounts', 'ServiceAccount'],
    ['pods', 'Pod'],
  ],
  'apps/v1': [
    ['deployments', 'Deployment'],
    ['statefulsets', 'StatefulSet'],
  ],
  'batch/v1': [['jobs', 'Job']],
  'autoscaling/v2': [['horizontalpodautoscalers', 'HorizontalPodAutoscaler']],
  'policy/v1': [['poddisruptionbudgets', 'PodDisruptionBudget']],
  'networking.k8s.io/v1': [
    ['networkpolicies', 'NetworkPolicy'],
    ['ingresses', 'Ingress'],
  ],
};

function resourceList(groupVersion: string): object {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: (KINDS[groupVersion] ?? []).map(([name, kind]) => ({
      name,
      singularName: kind.toLowerCase(),
      namespaced: true,
      kind,
      verbs: ['get', 'list', 'create', 'update'],
    })),
  };
}

function groupList(): object {
  const groups = Object.keys(KINDS)
    .filter((groupVersion) => groupVersion.includes('/'))
    .map((groupVersion) => {
      const [group, version] = groupVersion.split('/');
      const preferred = { groupVersion, version };
      return { name: group, versions: [preferred], preferredVersion: preferred };
    });
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** The API path of a namespaced object, as a client GETs it. */
function pathOf(object: K8sObject): string {
  const [resource] = KINDS[object.apiVersion]?.find(([, kind]) => kind === object.kind) ?? [];
  if (!resource) throw new Error(`the fake API serves no ${object.apiVersion} ${object.kind}`);
  const prefix = object.apiVersion.includes('/') ? `/apis/${object.apiVersion}` : '/api/v1';
  return `${prefix}/namespaces/${object.metadata.namespace}/${resource}/${object.metadata.name}`;
}

export interface FakeKubeApi {
  /** A kubeconfig file naming this server, written into the given directory. */
  kubeconfig: string;
  close: () => Promise<void>;
}

export async function startFakeKubeApi(existing: K8sObject[], dir: string): Promise<FakeKubeApi> {
  const objects = new Map(existing.map((object) => [pathOf(object), object]));
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const send = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const groupVersion = path.match(/^\/apis\/([^/]+\/[^/]+)$/)?.[1];
    if (path === '/version') send(200, { major: '1', minor: '35', gitVersion: 'v1.35.0' });
    else if (path === '/api') send(200, { kind: 'APIVersions', versions: ['v1'] });
    else if (path === '/apis') send(200, groupList());
    else if (path === '/api/v1') send(200, resourceList('v1'));
    else if (groupVersion && KINDS[groupVersion]) send(200, resourceList(groupVersion));
    else if (request.method === 'GET' && objects.has(path)) send(200, objects.get(path) as object);
    else send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound' });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `  - name: fake\n    cluster:\n      server: http://127.0.0.1:${port}`,
      'users:',
      '  - name: fake\n    user: {}',
      'contexts:',
      '  - name: fake\n    context:\n      cluster: fake\n      user: fake',
      'current-context: fake',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return {
    kubeconfig,
    close: async () => {
      server.close();
      // helm keeps its connections alive; they would hold the server open.
      server.closeAllConnections();
      await once(server, 'close');
    },
  };
}

/** How an object of an earlier revision of release `release` in `namespace` is marked. */
export function ownedByRelease(object: K8sObject, release: string, namespace: string): K8sObject {
  return {
    ...object,
    metadata: {
      ...object.metadata,
      namespace,
      labels: { ...object.metadata.labels, 'app.kubernetes.io/managed-by': 'Helm' },
      annotations: {
        ...object.metadata.annotations,
        'meta.helm.sh/release-name': release,
        'meta.helm.sh/release-namespace': namespace,
      },
    },
  };
}
