import { beforeAll, describe, expect, it } from 'vitest';
import { mapLimit, type Rendered, render } from './helm.js';
import { violations } from './kube-schemas.js';
import { envOf, find, podOf } from './manifests.js';
import { name } from './names.js';

// Account settings the matrix leaves at one value: where the public URL comes from in each
// routing set-up, forwarded headers, the OIDC provider's ports and the database peers of web.

const HOST = 'todo.example.com';
const ingress = (tls: object[], hosts = [HOST]) => ({
  routing: 'ingress',
  ingress: { hosts: hosts.map((host) => ({ host })), tls },
});
const oidc = (issuer: string, extra: object = {}) => ({
  auth: {
    oidc: {
      enabled: true,
      issuer,
      clientId: 'todo',
      clientSecret: { existingSecret: 'oidc', key: 'secret' },
      ...extra,
    },
  },
});

const PUBLIC_URL_CASES: { case: string; values: object; expected: string | undefined }[] = [
  { case: 'an Ingress without TLS: http', values: ingress([]), expected: `http://${HOST}` },
  {
    case: 'an Ingress whose TLS block lists the host: https',
    values: ingress([{ secretName: 'tls', hosts: [HOST] }]),
    expected: `https://${HOST}`,
  },
  {
    case: 'an Ingress whose TLS block covers the host by a wildcard: https',
    values: ingress([{ secretName: 'tls', hosts: ['*.example.com'] }]),
    expected: `https://${HOST}`,
  },
  {
    case: 'an Ingress whose TLS block names no hosts (the default certificate): https',
    values: ingress([{ secretName: 'tls' }]),
    expected: `https://${HOST}`,
  },
  {
    case: 'an Ingress whose TLS is for other hosts only: http',
    values: ingress([{ secretName: 'tls', hosts: ['other.example.com', '*.todo.example.com'] }]),
    expected: `http://${HOST}`,
  },
  {
    case: 'an Ingress of several hosts: the first',
    values: ingress([], [HOST, 'todo.example.org']),
    expected: `http://${HOST}`,
  },
  {
    case: 'an HTTPRoute: its first hostname, https (TLS is on the Gateway listener)',
    values: {
      routing: 'gateway',
      gateway: { parentRefs: [{ name: 'gw' }], hostnames: [HOST, 'todo.example.org'] },
    },
    expected: `https://${HOST}`,
  },
  {
    case: 'web.publicUrl wins over the route',
    values: { ...ingress([]), web: { publicUrl: 'https://tasks.example.com:8443' } },
    expected: 'https://tasks.example.com:8443',
  },
  {
    case: 'web.publicUrl with a trailing slash, which is dropped',
    values: { web: { publicUrl: 'https://[2001:db8::1]:8443/' } },
    expected: 'https://[2001:db8::1]:8443',
  },
  {
    case: 'web.publicUrl without a route',
    values: { web: { publicUrl: 'http://127.0.0.1:8080' } },
    expected: 'http://127.0.0.1:8080',
  },
  { case: 'no route and no web.publicUrl: unset', values: {}, expected: undefined },
];

const OTHER_CASES = {
  issuerPort: oidc('https://sso.example.com:8443/realms/todo', {
    name: '',
    egressCIDRs: ['2001:db8::/32', '10.0.0.0/8'],
  }),
  issuer443: oidc('https://sso.example.com:443/'),
  noProxy: { web: { trustProxyHeaders: false }, networkPolicy: { enabled: false } },
  databasePeers: {
    ...oidc('https://sso.example.com'),
    database: { mode: 'external', host: 'mysql.databases.svc' },
    networkPolicy: { databasePeers: [{ ipBlock: { cidr: '10.20.0.0/16' } }] },
  },
};

const rendered = new Map<string, Rendered>();

beforeAll(async () => {
  const all: [string, object][] = [
    ...PUBLIC_URL_CASES.map((c): [string, object] => [c.case, c.values]),
    ...Object.entries(OTHER_CASES),
  ];
  const results = await mapLimit(all, 4, ([, values]) => render(values));
  for (const [i, [key]] of all.entries()) rendered.set(key, results[i] as Rendered);
});

function objectsOf(key: string) {
  const found = rendered.get(key);
  if (!found) throw new Error(`not rendered: ${key}`);
  return found.objects;
}

function webEnv(key: string): Record<string, string | undefined> {
  return envOf(podOf(find(objectsOf(key), 'Deployment', name('web'))).spec.containers[0]);
}

function webEgress(key: string): { to?: object[]; ports: object[] }[] {
  return find(objectsOf(key), 'NetworkPolicy', name('web')).spec.egress;
}

describe('accounts', () => {
  it('render only schema-valid objects', () => {
    const all = [...rendered.values()].flatMap((r) => r.objects);
    expect(all.flatMap(violations)).toEqual([]);
  });

  it.each(PUBLIC_URL_CASES)('public URL from $case', ({ case: key, expected }) => {
    const env = webEnv(key);
    expect(env.PUBLIC_URL).toBe(expected);
    expect('PUBLIC_URL' in env).toBe(expected !== undefined);
  });

  it("opens the issuer's own port besides 443, to the CIDRs given, IPv6 included", () => {
    expect(webEgress('issuerPort')[2]).toEqual({
      to: [{ ipBlock: { cidr: '2001:db8::/32' } }, { ipBlock: { cidr: '10.0.0.0/8' } }],
      ports: [
        { protocol: 'TCP', port: 443 },
        { protocol: 'TCP', port: 8443 },
      ],
    });
    expect(webEgress('issuer443')[2]?.ports).toEqual([{ protocol: 'TCP', port: 443 }]);
    // No button label given: the web's own default, so no variable.
    expect(webEnv('issuerPort')).not.toHaveProperty('OIDC_NAME');
    expect(webEnv('issuerPort').OIDC_ISSUER).toBe('https://sso.example.com:8443/realms/todo');
  });

  it('trusts forwarded headers only when told to; settings stay without NetworkPolicies', () => {
    expect(webEnv('noProxy').TRUST_PROXY_HEADERS).toBe('false');
    expect(webEnv('noProxy').AUTH_SECRET_FILE).toBe('/var/run/secrets/todo/auth/secret');
    expect(objectsOf('noProxy').map((o) => o.kind)).not.toContain('NetworkPolicy');
  });

  it('narrows the database egress of web as of the api to networkPolicy.databasePeers', () => {
    const api = find(objectsOf('databasePeers'), 'NetworkPolicy', name('api')).spec.egress[0];
    const web = webEgress('databasePeers')[1];
    expect(web).toEqual(api);
    expect(web?.to).toEqual([{ ipBlock: { cidr: '10.20.0.0/16' } }]);
    expect(web?.ports).toEqual([{ protocol: 'TCP', port: 3306 }]);
  });
});
