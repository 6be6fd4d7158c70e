import { expect } from 'vitest';
import type { K8sObject } from '../helm.js';
import { find, ofKind } from '../manifests.js';
import { HOST, type Mode } from '../modes.js';
import { FULLNAME, name } from '../names.js';

/** Exactly the chosen route object exists, and it only ever sends traffic to web. */
export function expectRouting(objects: K8sObject[], mode: Mode): void {
  const ingresses = ofKind(objects, 'Ingress');
  const routes = ofKind(objects, 'HTTPRoute');
  expect(ingresses).toHaveLength(mode.routing === 'ingress' ? 1 : 0);
  expect(routes).toHaveLength(mode.routing === 'gateway' ? 1 : 0);
  const webService = find(objects, 'Service', name('web'));
  expect(webService.spec.type).toBe('ClusterIP');

  if (mode.routing === 'ingress') {
    const ingress = find(objects, 'Ingress', FULLNAME);
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([{ secretName: 'todo-tls', hosts: [HOST] }]);
    const backends = ingress.spec.rules.flatMap(
      (rule: { host: string; http: { paths: { backend: unknown }[] } }) => {
        expect(rule.host).toBe(HOST);
        return rule.http.paths.map((path) => path.backend);
      },
    );
    expect(backends.length).toBeGreaterThan(0);
    for (const backend of backends) {
      expect(backend).toEqual({ service: { name: name('web'), port: { name: 'http' } } });
    }
    expect(webService.spec.ports.map((p: { name: string }) => p.name)).toContain('http');
  }

  if (mode.routing === 'gateway') {
    const route = find(objects, 'HTTPRoute', FULLNAME);
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec.parentRefs).toEqual([
      { name: 'public', namespace: 'gateways', sectionName: 'https' },
    ]);
    expect(route.spec.hostnames).toEqual([HOST]);
    expect(route.spec.rules).toHaveLength(2);
    // The rule given without matches renders without the key, not with an empty or null one.
    expect(route.spec.rules[1]).not.toHaveProperty('matches');
    for (const rule of route.spec.rules) {
      expect(rule.backendRefs).toEqual([
        { name: name('web'), port: webService.spec.ports[0].port },
      ]);
    }
  }
}
