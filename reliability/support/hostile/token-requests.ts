import { TEST_ACCOUNT, TEST_TOKEN_KEY } from '@todo/harness/accounts';
import fc from 'fast-check';
import { SignJWT, UnsecuredJWT } from 'jose';
import type { HostileRequest } from './hostile-request.js';

const key = (text: string) => new TextEncoder().encode(text);
const now = () => Math.floor(Date.now() / 1000);

const claims = (jwt: SignJWT) =>
  jwt.setSubject(TEST_ACCOUNT).setAudience('todo-api').setIssuer('todo-web');

/**
 * Authorization headers a client could forge or mangle; each must be a 401 that changes
 * nothing. Tokens are made once, when the suite loads (signing is asynchronous, generators
 * are not); their lifetimes are far from the edges, so the run's length does not matter.
 */
const FORGED: string[] = await Promise.all(
  [
    '',
    'Bearer',
    'Bearer ',
    'bearer x.y.z',
    'Basic YTpi',
    `Bearer ${'a'.repeat(5000)}`,
    'Bearer eyJhbGciOiJIUzI1NiJ9.e30',
    'Bearer ..',
    `Bearer ${new UnsecuredJWT({}).setSubject(TEST_ACCOUNT).setAudience('todo-api').setIssuer('todo-web').setIssuedAt().setExpirationTime('1h').encode()}`,
    claims(new SignJWT({}).setProtectedHeader({ alg: 'HS256' }))
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(key('someone else entirely, 32 bytes+')),
    claims(new SignJWT({}).setProtectedHeader({ alg: 'HS384' }))
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(key(TEST_TOKEN_KEY)),
    claims(new SignJWT({}).setProtectedHeader({ alg: 'HS256' }))
      .setIssuedAt(now() - 7200)
      .setExpirationTime(now() - 7140)
      .sign(key(TEST_TOKEN_KEY)),
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(TEST_ACCOUNT)
      .setAudience('somebody-else')
      .setIssuer('todo-web')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key(TEST_TOKEN_KEY)),
  ].map(async (value) => {
    const text = await value;
    return text.startsWith('Bearer') || text.startsWith('Basic') || text === ''
      ? text
      : `Bearer ${text}`;
  }),
);

const ROUTES: Array<[string, string, string | undefined]> = [
  ['GET', '/v1/tasks', undefined],
  ['POST', '/v1/tasks', '{"title":"forged"}'],
  ['GET', '/v1/tasks/{id}', undefined],
  ['PATCH', '/v1/tasks/{id}', '{"title":"forged"}'],
  ['DELETE', '/v1/tasks/{id}', undefined],
  ['PATCH', '/v1/tasks', '{"status":"completed"}'],
  ['DELETE', '/v1/tasks?status=completed', undefined],
  ['POST', '/v1/account', undefined],
];

export const forgedToken: fc.Arbitrary<HostileRequest> = fc
  .tuple(fc.constantFrom(...FORGED), fc.constantFrom(...ROUTES))
  .map(([authorization, [method, path, body]]) => ({
    label: 'forged or mangled bearer token',
    method,
    path,
    headers: { authorization },
    ...(body === undefined ? {} : { contentType: 'application/json', body }),
    expect: { status: [401] },
  }));
