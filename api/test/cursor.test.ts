import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../src/tasks/cursor.js';

describe('list cursor', () => {
  it('round-trips an id and its filter', () => {
    const text = encodeCursor({ afterId: 2_147_483_647, status: 'completed' });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, 'completed')).toEqual({
      ok: true,
      cursor: { afterId: 2_147_483_647, status: 'completed' },
    });
  });

  it('refuses a cursor of another filter, edited, truncated or made up', () => {
    const text = encodeCursor({ afterId: 41, status: 'all' });
    expect(decodeCursor(text, 'ongoing')).toEqual({ ok: false, problem: 'other-filter' });
    const edited = Buffer.from(
      Buffer.from(text, 'base64url').toString().replace('.41.', '.42.'),
    ).toString('base64url');
    expect(decodeCursor(edited, 'all')).toEqual({ ok: false, problem: 'malformed' });
    expect(decodeCursor(text.slice(0, -3), 'all')).toEqual({ ok: false, problem: 'malformed' });
    for (const junk of [
      '',
      'abc',
      '!!!',
      "' OR 1=1 --",
      Buffer.from('v1.-5.all.x').toString('base64url'),
    ]) {
      expect(decodeCursor(junk, 'all').ok).toBe(false);
    }
  });
});
