// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { clientAddressOf } from '@/lib/auth/client-address';
import { ACCOUNT_HEADER, accountHeaderValue, accountOf } from '@/lib/auth/request-account';
import { returnToOf, signInHref } from '@/lib/auth/routes';

// Who a request is for and where it comes from, as the pages and Better Auth are told: the
// account only from proxy.ts, the client address only from this server, and the way back
// after signing in only to a list of this app.

describe('the account of a request', () => {
  const account = { id: 'Vq3kq9xT2eTt2qN0Uvx2bK3sX0aFqL8Z', email: 'ada lovelace@example.test' };

  it('is read back exactly as proxy.ts wrote it', () => {
    const headers = new Headers({ [ACCOUNT_HEADER]: accountHeaderValue(account) });
    expect(accountOf(headers)).toEqual(account);
  });

  it.each([
    ['no header', undefined],
    ['a header a client wrote', `forged ${account.id} ${account.email}`],
    ['the stamp of another process', `${'0'.repeat(48)} ${account.id} x@example.test`],
    ['a stamp alone', accountHeaderValue(account).split(' ')[0]],
  ])('is nobody with %s', (_case, value) => {
    const headers = new Headers(value === undefined ? {} : { [ACCOUNT_HEADER]: value });
    expect(accountOf(headers)).toBeNull();
  });
});

describe('the client address', () => {
  it('is the connection, unless a trusted ingress says whom it saw (the last hop)', () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' };
    expect(clientAddressOf(forwarded, '10.0.0.5', false)).toBe('10.0.0.5');
    expect(clientAddressOf(forwarded, '10.0.0.5', true)).toBe('198.51.100.7');
    // The first entries are whatever the client wrote: never taken.
    expect(clientAddressOf({ 'x-forwarded-for': '203.0.113.9, junk' }, '10.0.0.5', true)).toBe(
      '10.0.0.5',
    );
    expect(clientAddressOf({}, '::ffff:127.0.0.1', true)).toBe('::ffff:127.0.0.1');
    expect(clientAddressOf({}, undefined, false)).toBeUndefined();
  });
});

describe('the way back after signing in', () => {
  it.each([
    ['/active?limit=20', '/active?limit=20'],
    ['/completed', '/completed'],
    ['https://evil.example/', '/'],
    ['//evil.example/active', '/'],
    ['/delete-account', '/'],
    ['/active?edit=4', '/'],
    [undefined, '/'],
  ])('%s leads to %s', (value, expected) => {
    expect(returnToOf(value)).toBe(expected);
  });

  it('is carried to the sign-in page only when it is not the default list', () => {
    expect(signInHref('/')).toBe('/sign-in');
    expect(signInHref('/active?limit=20')).toBe('/sign-in?returnTo=%2Factive%3Flimit%3D20');
    expect(signInHref('https://evil.example/')).toBe('/sign-in');
  });
});
