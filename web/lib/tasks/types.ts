export type TaskStatus = 'ongoing' | 'completed';

export type Task = {
  id: number;
  title: string;
  status: TaskStatus;
  createdAt: string;
  updatedAt: string;
};

export type TaskCounts = { all: number; ongoing: number; completed: number };

export type TaskPage = {
  items: Task[];
  nextCursor: string | null;
  counts: TaskCounts;
};

/** What the browser needs of a task: the list sends no more than it shows. */
export type TaskView = Pick<Task, 'id' | 'title' | 'status'>;
