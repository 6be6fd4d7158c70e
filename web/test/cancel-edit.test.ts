// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CANCEL_EDIT_ROUTE, cancelEditAnswer } from '@/lib/forms/cancel-edit';
import { refusalOf } from '@/lib/security/request-guard';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe('Cancel of an edit without JavaScript', () => {
  it('answers 303 to the list it came from, focus on the row’s ✎, once', () => {
    const answer = cancelEditAnswer(form({ id: '12', returnTo: '/active?limit=2' }));
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/active?limit=2');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('set-cookie')).toBe(
      'todo-focus=edit.12; Path=/; HttpOnly; SameSite=Lax',
    );
  });

  it('goes to / without a hint for what no page of this app sends', () => {
    for (const fields of [
      { id: 'x', returnTo: 'https://elsewhere.example/' },
      { id: '0', returnTo: '//elsewhere.example/' },
      { id: '2147483648', returnTo: '/forms/add' },
      { id: '1e3', returnTo: '' },
    ]) {
      const answer = cancelEditAnswer(form(fields));
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe('/');
      expect(answer.headers.get('set-cookie')).toBeNull();
    }
    expect(cancelEditAnswer(undefined).headers.get('location')).toBe('/');
  });

  it('is a form route: a POST from another origin is refused before it', () => {
    const headers = new Headers({
      host: 'todo.test',
      origin: 'https://evil.example',
      'content-length': '10',
    });
    const policy = { trustProxyHeaders: false, allowedHosts: [] };
    expect(
      refusalOf({ method: 'POST', pathname: CANCEL_EDIT_ROUTE, headers }, policy),
    ).toMatchObject({ status: 403 });
    headers.set('origin', 'http://todo.test');
    expect(refusalOf({ method: 'POST', pathname: CANCEL_EDIT_ROUTE, headers }, policy)).toBeNull();
  });
});
