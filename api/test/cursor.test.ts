import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../src/tasks/cursor.js';

describe('list cursor', () => {
  it('round-trips an id and its filter', () => {
    const text = encodeCursor(
      { direction: 'after', id: 2_147_483_647, position: 4_000_000_000, status: 'completed' },
      'a',
    );
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, 'completed', 'a')).toEqual({
      ok: true,
      cursor: {
        direction: 'after',
        id: 2_147_483_647,
        position: 4_000_000_000,
        status: 'completed',
      },
    });
  });

  it('refuses a cursor of another filter, edited, truncated or made up', () => {
    const text = encodeCursor({ direction: 'before', id: 41, position: 7, status: 'all' }, 'a');
    expect(decodeCursor(text, 'ongoing', 'a')).toEqual({ ok: false, problem: 'other-filter' });
    const edited = Buffer.from(
      Buffer.from(text, 'base64url').toString().replace('.41.', '.42.'),
    ).toString('base64url');
    expect(decodeCursor(edited, 'all', 'a')).toEqual({ ok: false, problem: 'malformed' });
    expect(decodeCursor(text.slice(0, -3), 'all', 'a')).toEqual({
      ok: false,
      problem: 'malformed',
    });
    for (const junk of [
      '',
      'abc',
      '!!!',
      "' OR 1=1 --",
      Buffer.from('v2.a.-5.0.all.x').toString('base64url'),
      Buffer.from('v2.c.5.0.all.x').toString('base64url'),
    ]) {
      expect(decodeCursor(junk, 'all', 'a').ok).toBe(false);
    }
  });

  it("refuses another account's cursor", () => {
    const text = encodeCursor(
      { direction: 'after', id: 41, position: 0, status: 'all' },
      'account-a',
    );
    expect(decodeCursor(text, 'all', 'account-b')).toEqual({ ok: false, problem: 'malformed' });
    expect(decodeCursor(text, 'all', 'account-a').ok).toBe(true);
  });
});
