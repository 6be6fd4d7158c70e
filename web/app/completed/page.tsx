import type { Metadata } from 'next';
import { TodoPage } from '@/components/TodoPage';
import { listTitle } from '@/lib/tasks/list-title';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: listTitle('completed', await searchParams) };
}

export default function Page({ searchParams }: Props) {
  return <TodoPage filter="completed" searchParams={searchParams} />;
}
