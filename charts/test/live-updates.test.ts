import { beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_RULE, expectTimeoutsAccepted, STREAMING_ANNOTATIONS } from './checks/routing.js';
import { type Rendered, render } from './helm.js';
import { violations } from './kube-schemas.js';
import { find, podOf } from './manifests.js';
import { FULLNAME, name } from './names.js';

// web's live updates are a Server-Sent Events response that stays open: the Ingress passes it on
// unbuffered with long read and send timeouts, the HTTPRoute gives it a rule without timeouts,
// and a pod being stopped ends its streams within the grace period (browsers reconnect to
// another pod, which the preStop sleep has already taken the stopping one's place in).

const HOST = 'todo.example.com';
const gateway = (extra: object) => ({
  routing: 'gateway',
  gateway: { parentRefs: [{ name: 'gw' }], hostnames: [HOST], ...extra },
});

let tunedIngress: Rendered;
let noEventsRule: Rendered;
let ownTimeouts: Rendered;
let defaults: Rendered;

beforeAll(async () => {
  [tunedIngress, noEventsRule, ownTimeouts, defaults] = await Promise.all([
    render({
      routing: 'ingress',
      ingress: {
        hosts: [{ host: HOST }],
        annotations: {
          // Overridden, dropped, and one of the user's own.
          'nginx.ingress.kubernetes.io/proxy-read-timeout': '600',
          'nginx.ingress.kubernetes.io/proxy-buffering': null,
          'cert-manager.io/cluster-issuer': 'letsencrypt',
        },
      },
    }),
    render(gateway({ eventsTimeouts: null })),
    render(
      gateway({
        eventsTimeouts: { request: '2h', backendRequest: '1h30m' },
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/' } }], timeouts: { request: '15s' } },
        ],
      }),
    ),
    render({}),
  ]);
});

describe('live updates', () => {
  it('render only schema-valid objects', () => {
    const all = [tunedIngress, noEventsRule, ownTimeouts, defaults].flatMap((r) => r.objects);
    expect(all.flatMap(violations)).toEqual([]);
  });

  it("keep the Ingress's streaming defaults unless a value overrides or drops one", () => {
    const ingress = find(tunedIngress.objects, 'Ingress', FULLNAME);
    expect(ingress.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '600',
      'nginx.ingress.kubernetes.io/proxy-send-timeout':
        STREAMING_ANNOTATIONS['nginx.ingress.kubernetes.io/proxy-send-timeout'],
      'cert-manager.io/cluster-issuer': 'letsencrypt',
    });
  });

  it('give the event stream a rule of its own first, with the timeouts given, or none at all', () => {
    const backendRefs = [{ name: name('web'), port: 80 }];
    const own = find(ownTimeouts.objects, 'HTTPRoute', FULLNAME).spec.rules;
    expect(own).toEqual([
      {
        matches: EVENTS_RULE.matches,
        timeouts: { request: '2h', backendRequest: '1h30m' },
        backendRefs,
      },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        timeouts: { request: '15s' },
        backendRefs,
      },
    ]);
    for (const rule of own) expectTimeoutsAccepted(rule);
    // Switched off (an implementation without `timeouts`): the given rules alone.
    const without = find(noEventsRule.objects, 'HTTPRoute', FULLNAME).spec.rules;
    expect(without).toEqual([
      { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs },
    ]);
  });

  it('stop pods within their grace period: preStop sleep, then the streams end and requests drain', () => {
    const api = podOf(find(defaults.objects, 'Deployment', name('api'))).spec;
    const web = podOf(find(defaults.objects, 'Deployment', name('web'))).spec;
    const apiEnv = Object.fromEntries(
      api.containers[0].env.map((v: { name: string; value: string }) => [v.name, v.value]),
    );
    const apiSleep = api.containers[0].lifecycle.preStop.sleep.seconds;
    const webSleep = web.containers[0].lifecycle.preStop.sleep.seconds;
    // The api ends its streams at SIGTERM, then gives requests in flight SHUTDOWN_TIMEOUT_MS;
    // the kubelet's SIGKILL comes only after the whole grace period.
    expect(api.terminationGracePeriodSeconds).toBeGreaterThan(
      apiSleep + Number(apiEnv.SHUTDOWN_TIMEOUT_MS) / 1000,
    );
    // web ends its streams at SIGTERM and finishes what is in flight: most of the period is left.
    expect(web.terminationGracePeriodSeconds - webSleep).toBeGreaterThanOrEqual(20);
  });
});
