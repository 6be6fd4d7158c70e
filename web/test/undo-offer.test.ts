// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { refused, SUCCEEDED } from '@/lib/commands/outcome';
import { parseUndoOffer, type UndoOffer, undoMessage } from '@/lib/undo/offer';
import {
  decodeUndoCookie,
  encodeUndoCookie,
  secureUndoCookie,
  undoCookieAfter,
  undoSetCookieHeader,
} from '@/lib/undo/offer-cookie';

const DELETED: UndoOffer = { kind: 'delete', id: 7, title: 'Buy milk' };
const CLEARED: UndoOffer = { kind: 'clear', batch: 'Zm9vYmFyYmF6cXV4', count: 3 };

describe('the words of an undo offer', () => {
  it('names the task, or how many a clear took', () => {
    expect(undoMessage(DELETED)).toBe('Deleted “Buy milk”');
    expect(undoMessage({ kind: 'delete', id: 7 })).toBe('Deleted a task');
    expect(undoMessage(CLEARED)).toBe('Cleared 3 completed tasks');
    expect(undoMessage({ ...CLEARED, count: 1 })).toBe('Cleared 1 completed task');
  });
});

describe('the undo cookie', () => {
  it('carries an offer, emoji and right-to-left titles included, to the same account', () => {
    for (const offer of [
      DELETED,
      CLEARED,
      { kind: 'delete', id: 2_147_483_647 } as const,
      { kind: 'delete', id: 1, title: 'שלום 🌍 عالم' } as const,
      { kind: 'delete', id: 1, title: 'x'.repeat(255) } as const,
    ]) {
      const value = encodeUndoCookie(offer, 'account-a');
      expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeUndoCookie(value, 'account-a')).toEqual(offer);
    }
  });

  it('shows another account nothing of it', () => {
    expect(decodeUndoCookie(encodeUndoCookie(DELETED, 'account-a'), 'account-b')).toBeNull();
  });

  it('refuses a value this app did not write', () => {
    const forged = (value: unknown) =>
      Buffer.from(JSON.stringify({ account: 'a', offer: value })).toString('base64url');
    for (const offer of [
      { kind: 'delete', id: 0 },
      { kind: 'delete', id: 2_147_483_648 },
      { kind: 'delete', id: '7' },
      { kind: 'delete', id: 1.5 },
      { kind: 'delete', id: 7, title: '' },
      { kind: 'delete', id: 7, title: ' padded ' },
      { kind: 'delete', id: 7, title: 'x'.repeat(256) },
      { kind: 'delete', id: 7, title: 'bell\u0007' },
      { kind: 'delete', id: 7, title: 42 },
      { kind: 'clear', batch: 'short', count: 3 },
      { kind: 'clear', batch: 'Zm9vYmFyYmF6cXV+', count: 3 },
      { kind: 'clear', batch: CLEARED.batch, count: 0 },
      { kind: 'clear', batch: CLEARED.batch, count: -1 },
      { kind: 'rename', id: 7 },
      null,
      [],
    ]) {
      expect(decodeUndoCookie(forged(offer), 'a'), JSON.stringify(offer)).toBeNull();
    }
    for (const value of [undefined, '', 'not base64!', 'bm90IGpzb24', 'x'.repeat(5000)]) {
      expect(decodeUndoCookie(value, 'a')).toBeNull();
    }
    expect(parseUndoOffer({ kind: 'delete', id: 7, title: 'Buy milk', extra: 1 })).toEqual({
      kind: 'delete',
      id: 7,
      title: 'Buy milk',
    });
  });

  it('is HttpOnly, SameSite=Lax, for the whole site, a minute long, Secure behind https', () => {
    expect(undoSetCookieHeader('abc', false)).toBe(
      'todo.undo=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Lax',
    );
    expect(undoSetCookieHeader(null, true)).toBe(
      'todo.undo=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure',
    );
    expect(secureUndoCookie({ PUBLIC_URL: 'https://todo.example.com' })).toBe(true);
    expect(secureUndoCookie({ PUBLIC_URL: 'http://127.0.0.1:3000' })).toBe(false);
    expect(secureUndoCookie({})).toBe(false);
  });
});

describe('what a command does to the offer', () => {
  it('a delete or a clear puts its own; any other change made ends it', () => {
    expect(undoCookieAfter('change', { ok: true, undo: DELETED })).toEqual({ set: DELETED });
    expect(undoCookieAfter('clear-completed', { ok: true, undo: CLEARED })).toEqual({
      set: CLEARED,
    });
    for (const command of ['add', 'rename', 'change', 'mark-all', 'undo-delete'] as const) {
      expect(undoCookieAfter(command, SUCCEEDED)).toBe('clear');
    }
  });

  it('an undo no longer possible ends it; a change not made leaves it to try again', () => {
    expect(undoCookieAfter('undo-clear', refused('not-found', 'gone'))).toBe('clear');
    expect(undoCookieAfter('undo-delete', refused('not-found', 'gone'))).toBe('clear');
    expect(undoCookieAfter('undo-delete', refused('unconfirmed', 'retry'))).toBe('keep');
    expect(undoCookieAfter('change', refused('not-found', 'gone'))).toBe('keep');
    expect(undoCookieAfter('add', refused('validation', 'Enter a title.'))).toBe('keep');
  });
});
