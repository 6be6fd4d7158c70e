import type { Metadata } from 'next';
import { TodoPage } from '@/components/TodoPage';

export const metadata: Metadata = { title: 'Completed · Todo' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default function Page({ searchParams }: Props) {
  return <TodoPage filter="completed" searchParams={searchParams} />;
}
