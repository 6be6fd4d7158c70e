// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { listTitle, NOT_FOUND_TITLE } from '@/lib/tasks/list-title';

describe('a list view title', () => {
  it('names the view', () => {
    expect(listTitle('all', {})).toBe('All · Todo');
    expect(listTitle('active', { limit: '20', page: 'last' })).toBe('Active · Todo');
    expect(listTitle('completed', { edit: '4' })).toBe('Completed · Todo');
  });

  it('is the 404 title for a query that names no page', () => {
    for (const params of [
      { limit: '0' },
      { page: 'first' },
      { edit: 'x' },
      { limit: ['1', '2'] },
    ]) {
      expect(listTitle('all', params), JSON.stringify(params)).toBe(NOT_FOUND_TITLE);
    }
  });
});
