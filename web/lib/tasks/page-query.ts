import { z } from 'zod';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/** What a list URL may carry besides its filter: `?limit=1..200&cursor=…&edit=<id>`. */
export type PageQuery = {
  limit: number;
  cursor: string | undefined;
  editId: number | undefined;
};

type SearchParams = Record<string, string | string[] | undefined>;

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).optional(),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/)
    .optional(),
  edit: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

/** `null` when the query is malformed: the page answers 404 for a URL that names no page. */
export function parsePageQuery(params: SearchParams): PageQuery | null {
  const values: Record<string, string | undefined> = {};
  for (const key of ['limit', 'cursor', 'edit']) {
    const value = params[key];
    if (Array.isArray(value)) return null;
    values[key] = value === '' ? undefined : value;
  }
  const parsed = querySchema.safeParse(values);
  if (!parsed.success) return null;
  return {
    limit: parsed.data.limit ?? DEFAULT_PAGE_LIMIT,
    cursor: parsed.data.cursor,
    editId: parsed.data.edit,
  };
}

/** The query string of a list URL, leaving defaults out so URLs stay short. */
export function pageQueryString(query: Partial<PageQuery>): string {
  const params = new URLSearchParams();
  if (query.limit !== undefined && query.limit !== DEFAULT_PAGE_LIMIT) {
    params.set('limit', String(query.limit));
  }
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.editId !== undefined) params.set('edit', String(query.editId));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
