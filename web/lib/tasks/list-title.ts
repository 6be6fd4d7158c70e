import { FILTERS, type Filter } from './filters';
import { parsePageQuery } from './page-query';

type SearchParams = Record<string, string | string[] | undefined>;

export const NOT_FOUND_TITLE = 'Not found · Todo';

/**
 * The document title of a list view: which view ("Active · Todo"), so that tabs, history and
 * screen readers tell them apart. A query that names no page is the 404 page and says so (the
 * page's metadata is worked out before it finds that out).
 */
export function listTitle(filter: Filter, params: SearchParams): string {
  if (!parsePageQuery(params)) return NOT_FOUND_TITLE;
  const label = FILTERS.find((view) => view.filter === filter)?.label ?? 'All';
  return `${label} · Todo`;
}
