// The web client's only view of the api: types, never code (`import type`).
export type { AppType } from './app.js';
export type { FeedEntry, TaskEvent } from './events/task-events.js';
export type { Problem } from './http/problem.js';
