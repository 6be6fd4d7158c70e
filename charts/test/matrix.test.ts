import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccountSecrets, expectWebSignIn } from './checks/accounts.js';
import {
  expectBundledHardened,
  expectBundledNetworkPolicy,
  expectBundledObjectsOnlyWhenBundled,
  expectBundledStatefulSet,
  expectBundledWiring,
} from './checks/bundled.js';
import { expectDatabaseWiring, expectPasswordOnlyAsFile } from './checks/database.js';
import { expectNetworkPolicies } from './checks/network-policies.js';
import { expectRouting } from './checks/routing.js';
import { expectScaling } from './checks/scaling.js';
import {
  expectMigrations,
  expectNamesAndLabels,
  expectPortsLineUp,
  expectSecurePods,
  expectSelectorsMatch,
  expectTestPod,
} from './checks/workloads.js';
import { mapLimit, type Rendered, render } from './helm.js';
import { violations } from './kube-schemas.js';
import { describeMode, MODES, valuesFor } from './modes.js';

const rendered = new Map<string, Rendered>();

beforeAll(async () => {
  const started = performance.now();
  const results = await mapLimit(MODES, 4, (mode) => render(valuesFor(mode)));
  for (const [i, mode] of MODES.entries()) rendered.set(describeMode(mode), results[i] as Rendered);
  console.log(`rendered ${MODES.length} modes in ${Math.round(performance.now() - started)} ms`);
});

function release(mode: (typeof MODES)[number]): Rendered {
  const found = rendered.get(describeMode(mode));
  if (!found) throw new Error(`mode not rendered: ${describeMode(mode)}`);
  return found;
}

it('covers every combination of routing, autoscaling, secrets and database', () => {
  expect(new Set(MODES.map(describeMode)).size).toBe(3 * 2 * 2 * 3 * 2);
});

describe.each(MODES.map((mode) => ({ mode, label: describeMode(mode) })))('$label', ({ mode }) => {
  it('renders only objects valid against Kubernetes 1.35, Gateway API v1 and the InnoDBCluster CRD', () => {
    const { objects } = release(mode);
    expect(objects.length).toBeGreaterThan(10);
    expect(objects.flatMap(violations)).toEqual([]);
  });

  it('names objects and labels them as helm create does; selectors match their pods', () => {
    const { objects } = release(mode);
    expectNamesAndLabels(objects);
    expectSelectorsMatch(objects);
  });

  it('lines up ports between Service, container, env and probes', () => {
    expectPortsLineUp(release(mode).objects);
  });

  it('scales by HPA within its bounds, or by fixed replicas', () => {
    expectScaling(release(mode).objects, mode);
  });

  it('routes browsers to web only, by the chosen mode', () => {
    expectRouting(release(mode).objects, mode);
  });

  it('wires web and the api to the database with the password only as a mounted file', () => {
    const { objects, text } = release(mode);
    expectDatabaseWiring(objects, mode);
    expectPasswordOnlyAsFile(objects, text, mode);
  });

  it('mounts the api token key into web and api, the auth secret into web, as files only', () => {
    const { objects, text } = release(mode);
    expectAccountSecrets(objects, text, mode);
  });

  it('gives web its public URL, trust in forwarded headers, and single sign-on when on', () => {
    expectWebSignIn(release(mode).objects, mode);
  });

  it('runs pods non-root, read-only, without capabilities, and migrates before serving', () => {
    const { objects } = release(mode);
    expectSecurePods(objects);
    expectMigrations(objects);
  });

  it('ships a helm test pod that checks web and api through their Services', () => {
    expectTestPod(release(mode).objects);
  });

  it('limits traffic with NetworkPolicies', () => {
    expectNetworkPolicies(release(mode).objects, mode);
  });

  it('makes a StatefulSet, its Service and its NetworkPolicy only for the bundled database', () => {
    expectBundledObjectsOnlyWhenBundled(release(mode).objects, mode);
  });
});

const BUNDLED = MODES.filter((mode) => mode.database === 'bundled');

describe.each(BUNDLED.map((mode) => ({ mode, label: describeMode(mode) })))(
  '$label: the bundled MySQL',
  ({ mode }) => {
    it('is one pod whose StatefulSet, headless Service and selectors agree, its data retained', () => {
      expectBundledStatefulSet(release(mode).objects);
    });

    it('lines up port, user, database and password files with web, the api and the migrator', () => {
      expectBundledWiring(release(mode).objects, mode);
    });

    it('runs hardened: non-root, read-only, no capabilities, login-checked probes', () => {
      expectBundledHardened(release(mode).objects);
    });

    it('admits only web, the api and the migration Job, and calls nothing', () => {
      expectBundledNetworkPolicy(release(mode).objects);
    });
  },
);
