import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { connection } from 'next/server';
import { accountTasks } from '@/lib/api/tasks';
import { ApiUnavailableError } from '@/lib/api/unavailable-error';
import { accountOf } from '@/lib/auth/request-account';
import { signInHref } from '@/lib/auth/routes';
import { FLASH_HEADER, heldAuthFlash, heldFlash } from '@/lib/forms/flash';
import { focusHintOf } from '@/lib/forms/focus-cookie';
import { type Filter, filterPath, statusOfFilter } from '@/lib/tasks/filters';
import { newFormKey } from '@/lib/tasks/form-key';
import { pageQueryString, parsePageQuery } from '@/lib/tasks/page-query';
import { decodeUndoCookie, UNDO_COOKIE } from '@/lib/undo/offer-cookie';
import { AccountBar } from './AccountBar';
import { TodoApp } from './TodoApp';

type Props = {
  filter: Filter;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * One list view of the signed-in account, rendered on the server for every request from the
 * api's current data (proxy.ts has sent signed-out visitors to sign in already). Each
 * rendering gets a fresh form key; the page a failed no-JavaScript form is answered with
 * (app/forms) carries that form's answer and key instead (its flash), and renders even when the
 * list cannot be read, so the person keeps the form, the message and what they typed.
 */
export async function TodoPage({ filter, searchParams }: Props) {
  await connection();
  const query = parsePageQuery(await searchParams);
  if (!query) notFound();
  const requestHeaders = await headers();
  const account = accountOf(requestHeaders);
  if (!account) redirect(signInHref(filterPath(filter)));
  const flash = heldFlash(requestHeaders.get(FLASH_HEADER));
  const signOutFlash = heldAuthFlash(requestHeaders.get(FLASH_HEADER));
  const undo = decodeUndoCookie((await cookies()).get(UNDO_COOKIE)?.value, account.id);

  const result = await accountTasks(account.id).listTasks({
    status: statusOfFilter(filter),
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
    ...(query.last ? { last: true } : {}),
  });
  if (!result.ok) {
    // A cursor from another filter or an old deployment names no page here.
    if (result.kind === 'rejected' && query.cursor) notFound();
    // After a Server Action (its page re-rendered in the same response) the browser keeps the
    // list it has and says it could not be read again: the change itself went through or says
    // otherwise, and an error page would throw away the whole app and what is typed in it.
    const afterAction = requestHeaders.has('next-action');
    if (!flash && !afterAction) throw new ApiUnavailableError(result.message);
  }

  const path = filterPath(filter);
  const page = result.ok
    ? {
        items: result.value.items.map(({ id, title, status }) => ({ id, title, status })),
        nextCursor: result.value.nextCursor,
        counts: result.value.counts,
        seq: result.value.seq,
        position: result.value.position,
      }
    : null;
  const pageHref = (cursor?: string) =>
    `${path}${pageQueryString({ limit: query.limit, ...(cursor ? { cursor } : {}) })}`;
  const prevCursor = result.ok ? result.value.prevCursor : null;
  const position = page?.position ?? 0;
  const listHref = `${path}${pageQueryString({ limit: query.limit, cursor: query.cursor, last: query.last })}`;
  return (
    <>
      <AccountBar
        email={account.email}
        {...(signOutFlash?.form === 'sign-out' ? { message: signOutFlash.message } : {})}
      />
      <TodoApp
        filter={filter}
        page={page}
        editId={query.editId}
        listHref={listHref}
        nextHref={page?.nextCursor ? pageHref(page.nextCursor) : null}
        // The page before the second is the first: its own short URL. Further on, both links.
        prevHref={prevCursor ? pageHref(position > query.limit ? prevCursor : undefined) : null}
        firstHref={prevCursor && position > query.limit ? pageHref() : null}
        lastHref={
          page?.nextCursor ? `${path}${pageQueryString({ limit: query.limit, last: true })}` : null
        }
        formKey={flash?.formKey ?? newFormKey()}
        flash={flash}
        undo={undo}
        focusHint={focusHintOf(requestHeaders)}
      />
      {/* About the rows, so only under some (globals.css hides it where there is no mouse). */}
      {page && page.items.length > 0 && (
        <p className="info">Double-click a task, or use its edit button, to rename it.</p>
      )}
    </>
  );
}
