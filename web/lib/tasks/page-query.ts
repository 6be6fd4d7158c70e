import { CURSOR_PATTERN, DEFAULT_PAGE_SIZE, parsePageSize, parseTaskId } from '@todo/api/limits';

/**
 * What a list URL may carry besides its filter: `?limit=1..200&cursor=…&edit=<id>`, or
 * `?page=last` instead of a cursor (the list's last page, where a new task lands).
 */
export type PageQuery = {
  limit: number;
  cursor: string | undefined;
  last?: boolean;
  editId: number | undefined;
};

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * `null` when the query is malformed: the page answers 404 for a URL that names no page. As
 * strict as the api (`@todo/api/limits`), so a URL the api would refuse never renders.
 */
export function parsePageQuery(params: SearchParams): PageQuery | null {
  const { limit, cursor, edit, page } = params;
  if (Array.isArray(limit) || Array.isArray(cursor) || Array.isArray(edit)) return null;
  if (Array.isArray(page)) return null;
  if (page !== undefined && (page !== 'last' || cursor !== undefined)) return null;
  const size = limit === undefined ? DEFAULT_PAGE_SIZE : parsePageSize(limit);
  const editId = edit === undefined ? undefined : parseTaskId(edit);
  if (size === null || editId === null) return null;
  if (cursor !== undefined && !CURSOR_PATTERN.test(cursor)) return null;
  return { limit: size, cursor, editId, ...(page ? { last: true } : {}) };
}

/** The query string of a list URL, leaving defaults out so URLs stay short. */
export function pageQueryString(query: Partial<PageQuery>): string {
  const params = new URLSearchParams();
  if (query.limit !== undefined && query.limit !== DEFAULT_PAGE_SIZE) {
    params.set('limit', String(query.limit));
  }
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.last) params.set('page', 'last');
  if (query.editId !== undefined) params.set('edit', String(query.editId));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

const LIST_PATHS = new Set(['/', '/active', '/completed']);

/**
 * A list URL of this app (`/active?limit=20&cursor=…`), as a form may name the page to return
 * to; `null` for anything else, so that a forged value can never send anyone elsewhere.
 */
export function parseListHref(text: string): string | null {
  if (!text.startsWith('/') || text.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(text, 'http://list.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://list.invalid' || !LIST_PATHS.has(url.pathname) || url.hash) {
    return null;
  }
  const params: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (!['limit', 'cursor', 'page'].includes(key) || key in params) return null;
    params[key] = value;
  }
  const query = parsePageQuery(params);
  return query ? `${url.pathname}${pageQueryString(query)}` : null;
}
