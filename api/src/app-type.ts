// The web client's only view of the api: types, never code (`import type`).
export type { AppType } from './app.js';
export type { Problem } from './http/problem.js';
