import { expect } from 'vitest';
import type { K8sObject } from '../helm.js';
import { find, ofKind } from '../manifests.js';
import { HOST, type Mode } from '../modes.js';
import { FULLNAME, name } from '../names.js';

/** The ingress-nginx settings the event stream needs, which the chart gives by default. */
export const STREAMING_ANNOTATIONS = {
  'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
  'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
  'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
};

/** The rule the chart puts first for web's event stream: no timeout cuts it. */
export const EVENTS_RULE = {
  matches: [{ path: { type: 'Exact', value: '/events' } }],
  timeouts: { request: '0s', backendRequest: '0s' },
};

/** A Gateway API Duration in milliseconds ("1h30m", "0s", "250ms"). */
export function durationMs(duration: string): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  expect(duration).toMatch(/^([0-9]{1,5}(h|m|s|ms)){1,4}$/);
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/([0-9]+)(ms|h|m|s)/g)) {
    total += Number(amount) * (units[unit as string] ?? Number.NaN);
  }
  return total;
}

/**
 * The HTTPRoute CRD's own rule on timeouts (CEL, which the schema the suite validates with does
 * not carry): backendRequest may not exceed request, unless request is 0s (none).
 */
export function expectTimeoutsAccepted(rule: { timeouts?: Record<string, string> }): void {
  const { request, backendRequest } = rule.timeouts ?? {};
  if (request === undefined || backendRequest === undefined) return;
  if (durationMs(request) === 0) return;
  expect(durationMs(backendRequest)).toBeLessThanOrEqual(durationMs(request));
}

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
    // The event stream's defaults, with what the values added.
    expect(ingress.metadata.annotations).toEqual({
      ...STREAMING_ANNOTATIONS,
      'nginx.ingress.kubernetes.io/proxy-body-size': '1m',
    });
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
    expect(route.spec.rules).toHaveLength(3);
    // The event stream's rule first; the given rules after it, their own timeouts kept.
    const backendRefs = [{ name: name('web'), port: webService.spec.ports[0].port }];
    expect(route.spec.rules[0]).toEqual({ ...EVENTS_RULE, backendRefs });
    expect(route.spec.rules[1].timeouts).toEqual({ request: '30s' });
    // The rule given without matches renders without the key, not with an empty or null one.
    expect(route.spec.rules[2]).not.toHaveProperty('matches');
    for (const rule of route.spec.rules) {
      expect(rule.backendRefs).toEqual(backendRefs);
      expectTimeoutsAccepted(rule);
    }
  }
}
