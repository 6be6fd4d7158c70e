import { describe, expect, it } from 'vitest';
import { template } from './helm.js';

// Each bad value is refused by `helm template` (so by `helm install`) before anything is
// applied, with a message naming what is wrong.

const ingressOn = { routing: 'ingress', ingress: { hosts: [{ host: 'todo.example.com' }] } };
const gatewayOn = {
  routing: 'gateway',
  gateway: { parentRefs: [{ name: 'public' }], hostnames: ['todo.example.com'] },
};
const oidcOn = {
  enabled: true,
  issuer: 'https://sso.example.com/realms/todo',
  clientId: 'todo-web',
  clientSecret: { existingSecret: 'oidc-client' },
};

const REFUSED: { case: string; values: object; message: string }[] = [
  {
    case: 'negative replicas',
    values: { api: { replicaCount: -1 } },
    message: "at '/api/replicaCount': minimum",
  },
  {
    case: 'fractional replicas',
    values: { web: { replicaCount: 1.5 } },
    message: "at '/web/replicaCount'",
  },
  {
    case: 'replicas as a string',
    values: { web: { replicaCount: 'two' } },
    message: "at '/web/replicaCount'",
  },
  {
    case: 'a web heap cap too small to start Next.js',
    values: { web: { maxHeapMiB: 16 } },
    message: "at '/web/maxHeapMiB': minimum",
  },
  {
    case: 'trusting forwarding headers as a string',
    values: { web: { trustProxyHeaders: 'always' } },
    message: "at '/web/trustProxyHeaders'",
  },
  {
    case: 'minReplicas above maxReplicas',
    values: { api: { autoscaling: { minReplicas: 6, maxReplicas: 5 } } },
    message: 'api.autoscaling.minReplicas (6) must not exceed api.autoscaling.maxReplicas (5)',
  },
  {
    case: 'minReplicas above the default maxReplicas',
    values: { web: { autoscaling: { minReplicas: 9 } } },
    message: 'web.autoscaling.minReplicas (9) must not exceed web.autoscaling.maxReplicas (5)',
  },
  {
    case: 'zero minReplicas',
    values: { web: { autoscaling: { minReplicas: 0 } } },
    message: "at '/web/autoscaling/minReplicas'",
  },
  {
    case: 'an unknown routing mode',
    values: { routing: 'nodeport' },
    message: "at '/routing': value must be one of",
  },
  {
    case: 'both routing modes as a list',
    values: { routing: ['ingress', 'gateway'] },
    message: "at '/routing'",
  },
  {
    case: 'both routing modes: ingress picked, gateway configured',
    values: { ...ingressOn, gateway: { parentRefs: [{ name: 'public' }] } },
    message: "at '/gateway/parentRefs': maxItems",
  },
  {
    case: 'both routing modes: gateway picked, ingress configured',
    values: { ...gatewayOn, ingress: { hosts: [{ host: 'todo.example.com' }] } },
    message: "at '/ingress/hosts': maxItems",
  },
  {
    case: 'helm-create style ingress.enabled',
    values: { ingress: { enabled: true } },
    message: "additional properties 'enabled'",
  },
  {
    case: 'ingress routing without a host',
    values: { routing: 'ingress' },
    message: "at '/ingress/hosts': minItems",
  },
  {
    case: 'ingress routing with an empty host',
    values: { routing: 'ingress', ingress: { hosts: [{ host: '' }] } },
    message: "at '/ingress/hosts/0/host'",
  },
  {
    case: 'gateway routing without parentRefs',
    values: { routing: 'gateway' },
    message: "at '/gateway/parentRefs': minItems",
  },
  {
    case: 'a gateway rule routing to another backend',
    values: {
      ...gatewayOn,
      gateway: { ...gatewayOn.gateway, rules: [{ backendRefs: [{ name: 'api' }] }] },
    },
    message: "additional properties 'backendRefs'",
  },
  {
    case: 'a gateway route with no hostname to take the public URL from, and none given',
    values: { routing: 'gateway', gateway: { parentRefs: [{ name: 'public' }] } },
    message: 'web.publicUrl is needed: the HTTPRoute has no gateway.hostnames',
  },
  {
    case: 'a wildcard ingress host as the public URL',
    values: { routing: 'ingress', ingress: { hosts: [{ host: '*.example.com' }] } },
    message: 'PUBLIC_URL cannot be derived from the wildcard host *.example.com',
  },
  {
    case: 'a wildcard gateway hostname as the public URL',
    values: { ...gatewayOn, gateway: { ...gatewayOn.gateway, hostnames: ['*.example.com'] } },
    message: 'PUBLIC_URL cannot be derived from the wildcard host *.example.com',
  },
  {
    case: 'a public URL with a path',
    values: { web: { publicUrl: 'https://todo.example.com/app' } },
    message: "at '/web/publicUrl'",
  },
  {
    case: 'a public URL that is not http(s)',
    values: { web: { publicUrl: 'ftp://todo.example.com' } },
    message: "at '/web/publicUrl'",
  },
  {
    case: 'single sign-on without an issuer',
    values: { auth: { oidc: { ...oidcOn, issuer: '' } } },
    message: "at '/auth/oidc/issuer': minLength",
  },
  {
    case: 'single sign-on with an http issuer',
    values: { auth: { oidc: { ...oidcOn, issuer: 'http://sso.example.com/realms/todo' } } },
    message: "at '/auth/oidc/issuer'",
  },
  {
    case: 'single sign-on with an issuer that is no URL',
    values: { auth: { oidc: { ...oidcOn, issuer: 'sso.example.com' } } },
    message: "at '/auth/oidc/issuer'",
  },
  {
    case: 'single sign-on without a client id',
    values: { auth: { oidc: { ...oidcOn, clientId: '' } } },
    message: "at '/auth/oidc/clientId': minLength",
  },
  {
    case: 'single sign-on without a Secret for the client secret',
    values: { auth: { oidc: { ...oidcOn, clientSecret: { existingSecret: '' } } } },
    message: "at '/auth/oidc/clientSecret/existingSecret': minLength",
  },
  {
    case: 'single sign-on with the client secret as a value',
    values: { auth: { oidc: { ...oidcOn, clientSecret: { value: 's3cret' } } } },
    message: "additional properties 'value'",
  },
  {
    case: 'single sign-on egress to no address at all',
    values: { auth: { oidc: { ...oidcOn, egressCIDRs: [] } } },
    message: "at '/auth/oidc/egressCIDRs': minItems",
  },
  {
    case: 'single sign-on egress to something that is not a CIDR',
    values: { auth: { oidc: { ...oidcOn, egressCIDRs: ['sso.example.com'] } } },
    message: "at '/auth/oidc/egressCIDRs/0'",
  },
  {
    case: 'the auth secret as a value',
    values: { auth: { secret: { value: 'x'.repeat(40) } } },
    message: "additional properties 'value'",
  },
  {
    case: 'an existing api token key Secret with an empty key name',
    values: { auth: { apiTokenKey: { existingSecret: 'tokens', existingSecretKey: '' } } },
    message: "at '/auth/apiTokenKey/existingSecretKey': minLength",
  },
  {
    case: "an event stream's timeout that is no Gateway API duration",
    values: {
      ...gatewayOn,
      gateway: { ...gatewayOn.gateway, eventsTimeouts: { request: '1 hour' } },
    },
    message: "at '/gateway/eventsTimeouts/request'",
  },
  {
    case: "an event stream's backend timeout above its request timeout",
    values: {
      ...gatewayOn,
      gateway: { ...gatewayOn.gateway, eventsTimeouts: { request: '1h', backendRequest: '1h1s' } },
    },
    message: 'gateway.eventsTimeouts: backendRequest (1h1s) must not exceed request (1h)',
  },
  {
    case: "a given rule's backend timeout above its request timeout",
    values: {
      ...gatewayOn,
      gateway: {
        ...gatewayOn.gateway,
        rules: [{}, { timeouts: { request: '10s', backendRequest: '15000ms' } }],
      },
    },
    message: 'gateway.rules[1].timeouts: backendRequest (15000ms) must not exceed request (10s)',
  },
  {
    case: 'more gateway rules than the HTTPRoute holds beside the event stream',
    values: { ...gatewayOn, gateway: { ...gatewayOn.gateway, rules: Array(16).fill({}) } },
    message: "at '/gateway/rules': maxItems",
  },
  {
    case: 'an unknown database mode',
    values: { database: { mode: 'sqlite' } },
    message: "at '/database/mode': value must be one of 'bundled', 'innodbcluster', 'external'",
  },
  {
    case: 'an external database without a host',
    values: { database: { mode: 'external' } },
    message: "at '/database/host': minLength",
  },
  {
    case: 'an external database with an empty host',
    values: { database: { mode: 'external', host: '' } },
    message: "at '/database/host': minLength",
  },
  {
    case: 'a bundled database of three replicas',
    values: { bundled: { replicaCount: 3 } },
    message: "at '/bundled/replicaCount': value must be 1",
  },
  {
    case: 'a bundled database scaled to zero',
    values: { bundled: { replicaCount: 0 } },
    message: "at '/bundled/replicaCount': value must be 1",
  },
  {
    case: 'a database host that the bundled mode would ignore',
    values: { database: { host: 'mysql.databases.svc' } },
    message:
      'database.host (mysql.databases.svc) is only read with database.mode=external, and database.mode is bundled',
  },
  {
    case: 'a read-only host that the InnoDBCluster mode would ignore',
    values: { database: { mode: 'innodbcluster', readHost: 'replica' } },
    message:
      'database.readHost (replica) is only read with database.mode=external, and database.mode is innodbcluster',
  },
  {
    case: 'root as the app user of the bundled MySQL',
    values: { database: { user: 'root' } },
    message: 'database.user cannot be root with database.mode=bundled',
  },
  {
    case: 'the retired innodbcluster.enabled switch',
    values: { innodbcluster: { enabled: true } },
    message: "additional properties 'enabled'",
  },
  {
    case: 'a bundled data volume of no size',
    values: { bundled: { persistence: { size: 'big' } } },
    message: "at '/bundled/persistence/size'",
  },
  {
    case: 'a PDB that blocks drains',
    values: { api: { podDisruptionBudget: { maxUnavailable: 0 } } },
    message: "at '/api/podDisruptionBudget/maxUnavailable'",
  },
  {
    case: 'a Service type for the api',
    values: { api: { service: { type: 'LoadBalancer' } } },
    message: "additional properties 'type'",
  },
  {
    case: 'an unknown web Service type',
    values: { web: { service: { type: 'ExternalName' } } },
    message: "at '/web/service/type'",
  },
  {
    case: 'a malformed image digest',
    values: { api: { image: { digest: 'latest' } } },
    message: "at '/api/image/digest'",
  },
  {
    case: 'a misspelt key',
    values: { web: { replicas: 2 } },
    message: "additional properties 'replicas'",
  },
  {
    case: 'too many InnoDB instances',
    values: { database: { mode: 'innodbcluster' }, innodbcluster: { instances: 10 } },
    message: "at '/innodbcluster/instances'",
  },
  {
    case: 'running as root',
    values: { podSecurityContext: { runAsNonRoot: false } },
    message: "at '/podSecurityContext/runAsNonRoot'",
  },
  {
    case: 'a grace period shorter than preStop plus shutdown',
    values: { api: { preStopSleepSeconds: 25 } },
    message:
      'api.terminationGracePeriodSeconds (30) must exceed preStopSleepSeconds plus the shutdown timeout (35 s)',
  },
];

describe.concurrent('bad values are refused', () => {
  it.each(REFUSED)('$case', async ({ values, message }) => {
    const result = await template(values);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(message);
  });

  it('while the same routing, database and account values, alone, render', async () => {
    for (const values of [
      ingressOn,
      gatewayOn,
      {
        routing: 'gateway',
        gateway: { parentRefs: [{ name: 'public' }] },
        web: { publicUrl: 'https://todo.example.com' },
      },
      {
        routing: 'ingress',
        ingress: { hosts: [{ host: '*.example.com' }] },
        web: { publicUrl: 'https://a.example.com' },
      },
      { web: { publicUrl: 'http://127.0.0.1:8080' } },
      { auth: { oidc: oidcOn } },
      {
        auth: {
          oidc: {
            ...oidcOn,
            issuer: 'https://sso.example.com:8443/',
            egressCIDRs: ['2001:db8::/32'],
          },
        },
      },
      { auth: { oidc: { enabled: false, issuer: '', clientId: '' } } },
      {
        ...gatewayOn,
        gateway: { ...gatewayOn.gateway, eventsTimeouts: { request: '0s', backendRequest: '2h' } },
      },
      { ...gatewayOn, gateway: { ...gatewayOn.gateway, eventsTimeouts: null } },
      {
        ...gatewayOn,
        gateway: {
          ...gatewayOn.gateway,
          rules: [{ timeouts: { request: '10s', backendRequest: '10000ms' } }],
        },
      },
      { database: { mode: 'innodbcluster', host: '' } },
      { database: { mode: 'external', host: 'mysql.databases.svc', readHost: 'replica' } },
      { database: { mode: 'external', host: 'mysql', user: 'root' }, bundled: { replicaCount: 1 } },
    ]) {
      const result = await template(values);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
  });
});
