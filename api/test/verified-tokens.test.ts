import { describe, expect, it } from 'vitest';
import { createVerifiedTokens } from '../src/auth/verified-tokens.js';

describe('verified tokens', () => {
  it('answer for a token until it expires, then forget it', () => {
    const tokens = createVerifiedTokens();
    tokens.set('t1', 'account-a', 100);
    expect(tokens.get('t1', 99_999)).toBe('account-a');
    expect(tokens.get('t1', 100_000)).toBeUndefined();
    expect(tokens.get('t1', 1)).toBeUndefined(); // gone, not merely hidden
    expect(tokens.get('unknown', 1)).toBeUndefined();
  });

  it('stay within their bound, dropping the oldest first', () => {
    const tokens = createVerifiedTokens(2);
    tokens.set('a', 'A', 100);
    tokens.set('b', 'B', 100);
    tokens.set('c', 'C', 100);
    expect([tokens.get('a', 0), tokens.get('b', 0), tokens.get('c', 0)]).toEqual([
      undefined,
      'B',
      'C',
    ]);
  });
});
