import { vi } from 'vitest';

// The Server Actions as the component tests see them (`vi.mock('@/lib/actions', () =>
// import('./mocked-actions'))`): each one a mock the test answers, so a test is about what the
// browser shows while an action runs and after it answers.
export const addTask = vi.fn();
export const renameTask = vi.fn();
export const changeTask = vi.fn();
export const markAll = vi.fn();
export const clearCompleted = vi.fn();
export const undoDelete = vi.fn();
export const undoClear = vi.fn();
