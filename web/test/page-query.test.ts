// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { pageQueryString, parseListHref, parsePageQuery } from '@/lib/tasks/page-query';

describe('a list URL query', () => {
  it('takes what the api takes', () => {
    expect(parsePageQuery({})).toEqual({ limit: 50, cursor: undefined, editId: undefined });
    expect(
      parsePageQuery({ limit: '200', cursor: 'djEuNDEuYWxsLjFh', edit: '2147483647' }),
    ).toEqual({ limit: 200, cursor: 'djEuNDEuYWxsLjFh', editId: 2_147_483_647 });
    expect(parsePageQuery({ limit: '007' })?.limit).toBe(7);
  });

  it('refuses what the api refuses, however JavaScript would read it as a number', () => {
    for (const limit of ['1e2', '0x10', '  5', '5 ', '+5', '5.0', '0', '201', '', '-1', '1000']) {
      expect(parsePageQuery({ limit }), `limit=${JSON.stringify(limit)}`).toBeNull();
    }
    for (const edit of ['0', '1e3', '0x1', '2147483648', '', ' 1', '1.0', '-4']) {
      expect(parsePageQuery({ edit }), `edit=${JSON.stringify(edit)}`).toBeNull();
    }
    for (const cursor of ['', 'a b', 'a'.repeat(101), 'abc=', '../x']) {
      expect(parsePageQuery({ cursor }), `cursor=${JSON.stringify(cursor)}`).toBeNull();
    }
    expect(parsePageQuery({ limit: ['1', '2'] })).toBeNull();
  });

  it('takes the cursors of either direction the api gives, next and previous alike', () => {
    // As the api's encodeCursor writes them: page 2's prevCursor, and a nextCursor.
    const previous = 'djIuYi41MS41MC5hbGwuNHYzNXE0';
    const next = 'djIuYS4xMDAuMTAwLm9uZ29pbmcuMTFxZWVlZw';
    expect(parsePageQuery({ cursor: previous })?.cursor).toBe(previous);
    expect(parsePageQuery({ cursor: next })?.cursor).toBe(next);
    expect(parseListHref(`/?cursor=${previous}`)).toBe(`/?cursor=${previous}`);
  });

  it('names the last page by ?page=last, never with a cursor', () => {
    expect(parsePageQuery({ page: 'last', limit: '3' })).toEqual({
      limit: 3,
      cursor: undefined,
      last: true,
      editId: undefined,
    });
    expect(pageQueryString({ limit: 3, last: true, editId: 4 })).toBe('?limit=3&page=last&edit=4');
    for (const page of ['first', '', 'LAST', '2']) {
      expect(parsePageQuery({ page }), `page=${page}`).toBeNull();
    }
    expect(parsePageQuery({ page: 'last', cursor: 'abc' })).toBeNull();
    expect(parsePageQuery({ page: ['last', 'last'] })).toBeNull();
    expect(parseListHref('/active?page=last&limit=20')).toBe('/active?limit=20&page=last');
  });

  it('writes back only what differs from the defaults', () => {
    expect(pageQueryString({ limit: 50 })).toBe('');
    expect(pageQueryString({ limit: 20, cursor: 'abc', editId: 4 })).toBe(
      '?limit=20&cursor=abc&edit=4',
    );
  });
});

describe('the page a form returns to', () => {
  it('is a list URL of this app', () => {
    expect(parseListHref('/')).toBe('/');
    expect(parseListHref('/active?limit=20&cursor=abc')).toBe('/active?limit=20&cursor=abc');
    expect(parseListHref('/completed?cursor=abc')).toBe('/completed?cursor=abc');
  });

  it('is never anywhere else', () => {
    for (const href of [
      '',
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      '/elsewhere',
      '/active/../admin',
      '/?edit=4',
      '/?limit=1e2',
      '/?limit=5&limit=6',
      '/#x',
      'javascript:alert(1)',
    ]) {
      expect(parseListHref(href), href).toBeNull();
    }
  });
});
