// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isStateAndForm, isWellFormedActionBody } from '@/lib/security/action-body';
import { BODY_LIMIT_BYTES } from '@/lib/security/body-limit';
import {
  allowedHostsFrom,
  checkOrigin,
  hostMatches,
  type OriginPolicy,
  ownOrigin,
} from '@/lib/security/origin';
import { refusalOf } from '@/lib/security/request-guard';

// What proxy.ts decides before Next sees a request. The statuses are checked end to end in
// e2e/edges.e2e.ts; here, every case of the origin rule.

const direct: OriginPolicy = { trustProxyHeaders: false, allowedHosts: [] };
const behindIngress: OriginPolicy = { trustProxyHeaders: true, allowedHosts: [] };

const headers = (fields: Record<string, string>) => new Headers(fields);

describe('the origin of a POST', () => {
  it('is this site when it names the host and scheme the request came to', () => {
    expect(
      checkOrigin(headers({ host: 'todo.test:3000', origin: 'http://todo.test:3000' }), direct),
    ).toBe('same-origin');
    // The default port is not part of an origin.
    expect(checkOrigin(headers({ host: 'todo.test:80', origin: 'http://todo.test' }), direct)).toBe(
      'same-origin',
    );
  });

  it.each([
    ['missing', {}],
    ['null', { origin: 'null' }],
    ['malformed', { origin: 'not a url' }],
    ['malformed', { origin: 'http://todo.test/' }],
    ['malformed', { origin: 'http://todo.test/path' }],
    ['malformed', { origin: 'http://user@todo.test' }],
    ['malformed', { origin: 'HTTP://TODO.TEST' }],
    ['malformed', { origin: 'ftp://todo.test' }],
    ['foreign', { origin: 'http://evil.example' }],
    ['foreign', { origin: 'http://todo.test:8080' }],
    ['foreign', { origin: 'https://todo.test' }],
  ])('is refused as %s: %j', (verdict, fields) => {
    expect(checkOrigin(headers({ host: 'todo.test', ...fields }), direct)).toBe(verdict);
  });

  it('takes the public scheme and host from the ingress only when told to trust it', () => {
    const forwarded = {
      host: 'web.internal:3000',
      'x-forwarded-host': 'todo.example.com',
      'x-forwarded-proto': 'https',
      origin: 'https://todo.example.com',
    };
    expect(checkOrigin(headers(forwarded), behindIngress)).toBe('same-origin');
    expect(checkOrigin(headers(forwarded), direct)).toBe('foreign');
    // Several proxies: the first value is the one the browser spoke to.
    const chained = {
      ...forwarded,
      'x-forwarded-proto': 'https, http',
      'x-forwarded-host': 'todo.example.com, web.internal',
    };
    expect(checkOrigin(headers(chained), behindIngress)).toBe('same-origin');
    // Trusted headers still name a scheme: http at the ingress is not https.
    expect(checkOrigin(headers({ ...forwarded, 'x-forwarded-proto': 'http' }), behindIngress)).toBe(
      'foreign',
    );
    // Without forwarding headers a trusting server falls back to its Host, over plain HTTP.
    expect(
      checkOrigin(headers({ host: 'todo.test', origin: 'http://todo.test' }), behindIngress),
    ).toBe('same-origin');
  });

  it('accepts the configured hosts, with Next’s wildcards, whatever the scheme', () => {
    const policy = {
      ...direct,
      allowedHosts: allowedHostsFrom(' todo.example.com, *.proxy.test '),
    };
    expect(policy.allowedHosts).toEqual(['todo.example.com', '*.proxy.test']);
    expect(checkOrigin(headers({ host: 'a', origin: 'https://todo.example.com' }), policy)).toBe(
      'allowed',
    );
    expect(checkOrigin(headers({ host: 'a', origin: 'http://eu.proxy.test' }), policy)).toBe(
      'allowed',
    );
    expect(checkOrigin(headers({ host: 'a', origin: 'http://proxy.test' }), policy)).toBe(
      'foreign',
    );
    expect(checkOrigin(headers({ host: 'a', origin: 'http://a.b.proxy.test' }), policy)).toBe(
      'foreign',
    );
    expect(hostMatches('a.b.proxy.test', '**.proxy.test')).toBe(true);
    expect(hostMatches('anything.test', '*')).toBe(false);
    expect(hostMatches('anything.test', '**')).toBe(false);
  });

  it('is never computed from a Host that is not a host', () => {
    expect(ownOrigin(headers({ host: 'todo.test/evil' }), false)).toBeNull();
    expect(ownOrigin(headers({ host: 'a@b' }), false)).toBeNull();
    expect(ownOrigin(headers({}), false)).toBeNull();
    expect(ownOrigin(headers({ host: '[::1]:3000' }), false)).toBe('http://[::1]:3000');
    expect(ownOrigin(headers({ host: 'x', 'x-forwarded-proto': 'gopher' }), true)).toBeNull();
  });
});

describe('the request guard', () => {
  const same = { host: 'todo.test', origin: 'http://todo.test' };
  const refusal = (method: string, pathname: string, fields: Record<string, string>) =>
    refusalOf({ method, pathname, headers: headers(fields) }, direct);

  it('lets reads through untouched', () => {
    expect(refusal('GET', '/', {})).toBeNull();
    expect(refusal('HEAD', '/active', { origin: 'http://evil.example' })).toBeNull();
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND'])(
    'answers %s with 405 and Allow',
    (method) => {
      expect(refusal(method, '/', same)).toMatchObject({ status: 405, allow: 'GET, HEAD, POST' });
    },
  );

  it('checks a POST’s origin first, then its length', () => {
    expect(refusal('POST', '/forms/add', { host: 'todo.test' })?.status).toBe(403);
    expect(refusal('POST', '/forms/add', same)?.status).toBe(411);
    expect(refusal('POST', '/forms/add', { ...same, 'content-length': '12x' })?.status).toBe(400);
    expect(
      refusal('POST', '/forms/add', { ...same, 'content-length': String(BODY_LIMIT_BYTES + 1) })
        ?.status,
    ).toBe(413);
    expect(
      refusal('POST', '/forms/add', { ...same, 'content-length': String(BODY_LIMIT_BYTES) }),
    ).toBeNull();
  });

  it('takes POSTs to pages only as Server Action calls', () => {
    const posted = { ...same, 'content-length': '10' };
    expect(refusal('POST', '/', posted)).toMatchObject({ status: 405, allow: 'GET, HEAD' });
    expect(refusal('POST', '/', { ...posted, 'next-action': 'abc' })).toBeNull();
  });
});

describe('a Server Action call’s body', () => {
  it('is (state, form) as React encodes it', () => {
    expect(isStateAndForm('[{"status":"idle"},"$K1"]')).toBe(true);
    expect(isStateAndForm('[{"status":"error","message":"$$5 off","at":1},"$Ka"]')).toBe(true);
    expect(isStateAndForm('[null,"$K1"]')).toBe(true);
  });

  it.each([
    ['empty arguments', '[]'],
    ['wrong types', '[1,2]'],
    ['the form alone', '["$K1"]'],
    ['a promise for a form', '[{"status":"idle"},"$@1"]'],
    ['a map in the state', '[{"status":"$Q2"},"$K1"]'],
    ['a nested state', '[{"status":{"a":1}},"$K1"]'],
    ['three arguments', '[{},"$K1","$K2"]'],
    ['not JSON', '[{'],
    ['an object', '{"0":1}'],
  ])('refuses %s', (_case, root) => {
    expect(isStateAndForm(root)).toBe(false);
  });

  it('is multipart, and is read without harm', async () => {
    const form = new FormData();
    form.append('_1_title', 'x');
    form.append('0', '[{"status":"idle"},"$K1"]');
    const request = new Request('http://todo.test/', { method: 'POST', body: form });
    expect(await isWellFormedActionBody(request)).toBe(true);
    const text = new Request('http://todo.test/', {
      method: 'POST',
      body: '[{"status":"idle"},"$K1"]',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    });
    expect(await isWellFormedActionBody(text)).toBe(false);
    const broken = new Request('http://todo.test/', {
      method: 'POST',
      body: 'no boundary here',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    expect(await isWellFormedActionBody(broken)).toBe(false);
  });
});
