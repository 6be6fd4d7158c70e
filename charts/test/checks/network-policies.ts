import { expect } from 'vitest';
import type { K8sObject } from '../helm.js';
import { find, matches, ofKind, podOf } from '../manifests.js';
import { EXTERNAL_DB, type Mode, OIDC } from '../modes.js';
import { FULLNAME, name } from '../names.js';

const DNS = [
  { protocol: 'UDP', port: 53 },
  { protocol: 'TCP', port: 53 },
];

/**
 * web is open on its port; api accepts only web (and the test pod); web reaches the api, the
 * database, DNS and (with single sign-on) the provider on 443; the api only the database and DNS.
 */
export function expectNetworkPolicies(objects: K8sObject[], mode: Mode): void {
  const policies = ofKind(objects, 'NetworkPolicy');
  const bundled = mode.database === 'bundled';
  expect(policies.map((p) => p.metadata.name).sort()).toEqual(
    [name('api'), ...(bundled ? [name('db')] : []), name('migrate'), name('web')].sort(),
  );
  const apiPods = podOf(find(objects, 'Deployment', name('api'))).labels;
  const webPods = podOf(find(objects, 'Deployment', name('web'))).labels;
  const jobPods = podOf(find(objects, 'Job', `${FULLNAME}-migrate-1`)).labels;
  const testPod = find(objects, 'Pod', `${FULLNAME}-test`).metadata.labels ?? {};
  const dbPorts = {
    innodbcluster: [
      { protocol: 'TCP', port: 6446 },
      { protocol: 'TCP', port: 6447 },
    ],
    external: [
      { protocol: 'TCP', port: EXTERNAL_DB.port },
      { protocol: 'TCP', port: EXTERNAL_DB.readPort },
    ],
    bundled: [{ protocol: 'TCP', port: 3306 }],
  }[mode.database];
  // Towards the bundled MySQL, egress names its pod; elsewhere, database ports at any address.
  const expectDatabaseEgress = (rule: { to?: unknown[]; ports: unknown }, who: string): void => {
    expect(Object.keys(rule).sort(), who).toEqual(bundled ? ['ports', 'to'] : ['ports']);
    expect(rule.ports, who).toEqual(dbPorts);
    if (!bundled) {
      expect(rule.to, who).toBeUndefined();
      return;
    }
    const dbPods = podOf(find(objects, 'StatefulSet', name('db'))).labels;
    const [peer, ...others] = (rule.to ?? []) as {
      podSelector: { matchLabels: Record<string, string> };
    }[];
    expect(others, who).toEqual([]);
    expect(Object.keys(peer ?? {}), who).toEqual(['podSelector']);
    expect(matches(peer?.podSelector.matchLabels ?? {}, dbPods), who).toBe(true);
    expect(matches(peer?.podSelector.matchLabels ?? {}, apiPods), who).toBe(false);
  };

  const web = find(objects, 'NetworkPolicy', name('web'));
  expect(matches(web.spec.podSelector.matchLabels, webPods)).toBe(true);
  expect(matches(web.spec.podSelector.matchLabels, apiPods)).toBe(false);
  expect(web.spec.policyTypes).toEqual(['Ingress', 'Egress']);
  expect(web.spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 3000 }] }]);
  expect(web.spec.egress).toHaveLength(mode.oidc ? 4 : 3);
  expect(web.spec.egress[0].to).toHaveLength(1);
  expect(matches(web.spec.egress[0].to[0].podSelector.matchLabels, apiPods)).toBe(true);
  expect(web.spec.egress[0].ports).toEqual([{ protocol: 'TCP', port: 4000 }]);
  // Sessions and accounts live in the database: web reaches it exactly as the api does.
  expectDatabaseEgress(web.spec.egress[1], 'web egress');
  if (mode.oidc) {
    // Single sign-on: the provider's discovery, keys and token endpoint, on 443 only.
    expect(web.spec.egress[2]).toEqual({
      to: OIDC.egressCIDRs.map((cidr) => ({ ipBlock: { cidr } })),
      ports: [{ protocol: 'TCP', port: 443 }],
    });
  }
  expect(web.spec.egress.at(-1)).toEqual({ ports: DNS });
  // Without single sign-on nothing leaves for an address outside the release.
  const ipBlocks = web.spec.egress.filter((rule: { to?: { ipBlock?: unknown }[] }) =>
    rule.to?.some((peer) => peer.ipBlock),
  );
  expect(ipBlocks).toHaveLength(mode.oidc ? 1 : 0);

  const api = find(objects, 'NetworkPolicy', name('api'));
  expect(matches(api.spec.podSelector.matchLabels, apiPods)).toBe(true);
  expect(matches(api.spec.podSelector.matchLabels, webPods)).toBe(false);
  expect(api.spec.ingress).toHaveLength(1);
  const allowed = api.spec.ingress[0].from.map(
    (peer: { podSelector: { matchLabels: Record<string, string> } }) =>
      peer.podSelector.matchLabels,
  );
  expect(allowed.some((selector: Record<string, string>) => matches(selector, webPods))).toBe(true);
  expect(allowed.some((selector: Record<string, string>) => matches(selector, testPod))).toBe(true);
  expect(allowed.some((selector: Record<string, string>) => matches(selector, apiPods))).toBe(
    false,
  );
  expect(allowed.some((selector: Record<string, string>) => matches(selector, jobPods))).toBe(
    false,
  );
  expect(api.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 4000 }]);
  expect(api.spec.egress).toHaveLength(2);
  expectDatabaseEgress(api.spec.egress[0], 'api egress');
  expect(api.spec.egress[1]).toEqual({ ports: DNS });

  const migrate = find(objects, 'NetworkPolicy', name('migrate'));
  expect(matches(migrate.spec.podSelector.matchLabels, jobPods)).toBe(true);
  expect(matches(migrate.spec.podSelector.matchLabels, apiPods)).toBe(false);
  expect(migrate.spec.policyTypes).toEqual(['Ingress', 'Egress']);
  expect(migrate.spec.ingress).toBeUndefined();
  expect(migrate.spec.egress).toHaveLength(2);
  expectDatabaseEgress(migrate.spec.egress[0], 'migrate egress');
  expect(migrate.spec.egress[1]).toEqual({ ports: DNS });
}
