// The matrix of modes the chart supports: {ingress, gateway, none} x {HPA on, off} x
// {chart-made Secrets, existing Secrets} x {bundled MySQL, InnoDBCluster, external database} x
// {single sign-on off, on}.

export type Routing = 'none' | 'ingress' | 'gateway';
export type DatabaseMode = 'bundled' | 'innodbcluster' | 'external';

export interface Mode {
  routing: Routing;
  hpa: boolean;
  existingSecret: boolean;
  database: DatabaseMode;
  oidc: boolean;
}

export const HOST = 'todo.example.com';
/** A password that must never appear in clear text anywhere but inside its Secret. */
export const DB_PASSWORD = 'Pa55-word-only-in-a-file';
export const EXISTING_DB_SECRET = {
  name: 'db-credentials',
  key: 'rootPassword',
  rootKey: 'mysql-root-password',
};
export const EXISTING_KEY_SECRET = { name: 'web-actions-key', key: 'actions-key' };
export const EXISTING_AUTH_SECRET = { name: 'web-auth', key: 'better-auth-secret' };
export const EXISTING_TOKEN_KEY = { name: 'api-tokens', key: 'token-keys' };
/** Single sign-on as the matrix turns it on: the client secret always comes from a Secret. */
export const OIDC = {
  issuer: 'https://sso.example.com/realms/todo',
  clientId: 'todo-web',
  clientSecret: { existingSecret: 'oidc-client', key: 'client-secret-value' },
  name: 'Example SSO',
  egressCIDRs: ['203.0.113.0/24', '198.51.100.7/32'],
};
/** The public URL each routing gives web (both routes name HOST with TLS), none without one. */
export const PUBLIC_URLS: Record<Routing, string | undefined> = {
  ingress: `https://${HOST}`,
  gateway: `https://${HOST}`,
  none: undefined,
};
export const REPLICAS = { api: 4, web: 3 };
export const BOUNDS = { api: { min: 3, max: 7 }, web: { min: 2, max: 6 } };
export const EXTERNAL_DB = {
  host: 'mysql.databases.svc',
  port: 3306,
  readHost: 'mysql-ro.databases.svc',
  readPort: 3307,
};

export const MODES: Mode[] = (['ingress', 'gateway', 'none'] as const).flatMap((routing) =>
  [true, false].flatMap((hpa) =>
    [false, true].flatMap((existingSecret) =>
      (['bundled', 'innodbcluster', 'external'] as const).flatMap((database) =>
        [false, true].map((oidc) => ({ routing, hpa, existingSecret, database, oidc })),
      ),
    ),
  ),
);

export function describeMode(mode: Mode): string {
  return [
    `routing=${mode.routing}`,
    mode.hpa ? 'hpa' : 'fixed-replicas',
    mode.existingSecret ? 'existing-secrets' : 'chart-secrets',
    `database=${mode.database}`,
    mode.oidc ? 'oidc' : 'no-oidc',
  ].join(' ');
}

function routingValues(routing: Routing): object {
  if (routing === 'ingress') {
    return {
      ingress: {
        className: 'nginx',
        annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '1m' },
        hosts: [{ host: HOST, paths: [{ path: '/', pathType: 'Prefix' }] }],
        tls: [{ secretName: 'todo-tls', hosts: [HOST] }],
      },
    };
  }
  if (routing === 'gateway') {
    return {
      gateway: {
        parentRefs: [{ name: 'public', namespace: 'gateways', sectionName: 'https' }],
        hostnames: [HOST],
        // The second rule has no matches: it must still render as a valid rule.
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/' } }], timeouts: { request: '30s' } },
          {
            filters: [
              {
                type: 'ResponseHeaderModifier',
                responseHeaderModifier: { add: [{ name: 'X-Served-By', value: 'todo' }] },
              },
            ],
          },
        ],
      },
    };
  }
  return {};
}

export function valuesFor(mode: Mode): object {
  const component = (name: 'api' | 'web') => ({
    replicaCount: REPLICAS[name],
    autoscaling: {
      enabled: mode.hpa,
      minReplicas: BOUNDS[name].min,
      maxReplicas: BOUNDS[name].max,
    },
  });
  return {
    routing: mode.routing,
    ...routingValues(mode.routing),
    api: component('api'),
    web: {
      ...component('web'),
      ...(mode.existingSecret
        ? {
            serverActionsKey: {
              existingSecret: EXISTING_KEY_SECRET.name,
              existingSecretKey: EXISTING_KEY_SECRET.key,
            },
          }
        : {}),
    },
    auth: {
      ...(mode.existingSecret
        ? {
            secret: {
              existingSecret: EXISTING_AUTH_SECRET.name,
              existingSecretKey: EXISTING_AUTH_SECRET.key,
            },
            apiTokenKey: {
              existingSecret: EXISTING_TOKEN_KEY.name,
              existingSecretKey: EXISTING_TOKEN_KEY.key,
            },
          }
        : {}),
      ...(mode.oidc ? { oidc: { enabled: true, ...OIDC } } : {}),
    },
    database: {
      mode: mode.database,
      ...(mode.database === 'external' ? EXTERNAL_DB : {}),
      ...(mode.existingSecret
        ? {
            existingSecret: EXISTING_DB_SECRET.name,
            existingSecretPasswordKey: EXISTING_DB_SECRET.key,
            existingSecretRootPasswordKey: EXISTING_DB_SECRET.rootKey,
          }
        : { password: DB_PASSWORD }),
    },
  };
}
