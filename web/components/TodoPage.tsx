import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { listTasks } from '@/lib/api/tasks';
import { ApiUnavailableError } from '@/lib/api/unavailable-error';
import { type Filter, filterPath, statusOfFilter } from '@/lib/tasks/filters';
import { pageQueryString, parsePageQuery } from '@/lib/tasks/page-query';
import { TodoApp } from './TodoApp';

type Props = {
  filter: Filter;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One list view, rendered on the server for every request from the api's current data. */
export async function TodoPage({ filter, searchParams }: Props) {
  await connection();
  const query = parsePageQuery(await searchParams);
  if (!query) notFound();

  const result = await listTasks({
    status: statusOfFilter(filter),
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  if (!result.ok) {
    // A cursor from another filter or an old deployment names no page here.
    if (result.kind === 'rejected' && query.cursor) notFound();
    throw new ApiUnavailableError(result.message);
  }

  const path = filterPath(filter);
  const { items, nextCursor, counts } = result.value;
  const page = {
    items: items.map(({ id, title, status }) => ({ id, title, status })),
    nextCursor,
    counts,
  };
  const listHref = `${path}${pageQueryString({ limit: query.limit, cursor: query.cursor })}`;
  return (
    <TodoApp
      filter={filter}
      page={page}
      editId={query.editId}
      listHref={listHref}
      nextHref={
        page.nextCursor
          ? `${path}${pageQueryString({ limit: query.limit, cursor: page.nextCursor })}`
          : null
      }
      firstHref={query.cursor ? `${path}${pageQueryString({ limit: query.limit })}` : null}
    />
  );
}
