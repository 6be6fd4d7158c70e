import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { listTasks } from '@/lib/api/tasks';
import { ApiUnavailableError } from '@/lib/api/unavailable-error';
import { FLASH_HEADER, heldFlash } from '@/lib/forms/flash';
import { type Filter, filterPath, statusOfFilter } from '@/lib/tasks/filters';
import { newFormKey } from '@/lib/tasks/form-key';
import { pageQueryString, parsePageQuery } from '@/lib/tasks/page-query';
import { TodoApp } from './TodoApp';

type Props = {
  filter: Filter;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * One list view, rendered on the server for every request from the api's current data. Each
 * rendering gets a fresh form key; the page a failed no-JavaScript form is answered with
 * (app/forms) carries that form's answer and key instead (its flash), and renders even when the
 * list cannot be read, so the person keeps the form, the message and what they typed.
 */
export async function TodoPage({ filter, searchParams }: Props) {
  await connection();
  const query = parsePageQuery(await searchParams);
  if (!query) notFound();
  const flash = heldFlash((await headers()).get(FLASH_HEADER));

  const result = await listTasks({
    status: statusOfFilter(filter),
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  if (!result.ok) {
    // A cursor from another filter or an old deployment names no page here.
    if (result.kind === 'rejected' && query.cursor) notFound();
    if (!flash) throw new ApiUnavailableError(result.message);
  }

  const path = filterPath(filter);
  const page = result.ok
    ? {
        items: result.value.items.map(({ id, title, status }) => ({ id, title, status })),
        nextCursor: result.value.nextCursor,
        counts: result.value.counts,
      }
    : null;
  const listHref = `${path}${pageQueryString({ limit: query.limit, cursor: query.cursor })}`;
  return (
    <TodoApp
      filter={filter}
      page={page}
      editId={query.editId}
      listHref={listHref}
      nextHref={
        page?.nextCursor
          ? `${path}${pageQueryString({ limit: query.limit, cursor: page.nextCursor })}`
          : null
      }
      firstHref={query.cursor ? `${path}${pageQueryString({ limit: query.limit })}` : null}
      formKey={flash?.formKey ?? newFormKey()}
      flash={flash}
    />
  );
}
