/**
 * The api's rules for what it accepts, in one module with no dependencies: the api's zod
 * contract and the web app's form and URL parsing both import it (`@todo/api/limits`), so the
 * two can never disagree. Messages for people stay with whoever shows them.
 */

export const TASK_STATUSES = ['ongoing', 'completed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Unicode code points after trimming, as MySQL counts a utf8mb4 VARCHAR(255). */
export const MAX_TITLE_LENGTH = 255;

/** Task ids are a signed INT column. */
export const MAX_TASK_ID = 2_147_483_647;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** What a cursor looks like on the wire (base64url); its content is the api's business. */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** What a clear's undo batch looks like (base64url, 96 random bits). */
export const BATCH_PATTERN = /^[A-Za-z0-9_-]{16}$/;

// Digits only: `1e2`, `0x10`, ` 5` and `+5` all parse as numbers in JavaScript, and none of
// them is an id or a page size a client should send.
const TASK_ID_TEXT = /^[1-9]\d{0,9}$/;
const PAGE_SIZE_TEXT = /^\d{1,3}$/;

/** A task id as written in a path or a form, or null when it is not one. */
export function parseTaskId(text: string): number | null {
  if (!TASK_ID_TEXT.test(text)) return null;
  const id = Number(text);
  return id <= MAX_TASK_ID ? id : null;
}

/** A page size as written in a query, or null when it is not one. */
export function parsePageSize(text: string): number | null {
  if (!PAGE_SIZE_TEXT.test(text)) return null;
  const size = Number(text);
  return size >= 1 && size <= MAX_PAGE_SIZE ? size : null;
}

export function isTaskStatus(value: unknown): value is TaskStatus {
  return TASK_STATUSES.includes(value as TaskStatus);
}

// C0 and C1 control characters: invisible in a list, and NUL confuses many tools.
const CONTROL_CHARACTER = /\p{Cc}/u;

// A character that leaves a mark: not a space or separator (Z), not a format character (Cf:
// zero-width spaces and joiners, the soft hyphen, bidi controls, tags), not a combining mark on
// its own (M: variation selectors, the grapheme joiner), and not one of the letters and symbols
// that are drawn as blanks (Hangul fillers, the blank Braille pattern).
const VISIBLE_CHARACTER = /[^\p{Z}\p{Cf}\p{Cc}\p{M}\s\u115F\u1160\u3164\uFFA0\u2800]/u;

/** Why a trimmed title is refused, or null when it is fine. */
export type TitleProblem =
  | 'empty'
  | 'not-unicode'
  | 'too-long'
  | 'control-character'
  | 'nothing-visible';

export function titleProblem(trimmed: string): TitleProblem | null {
  if (trimmed === '') return 'empty';
  if (!trimmed.isWellFormed()) return 'not-unicode';
  if ([...trimmed].length > MAX_TITLE_LENGTH) return 'too-long';
  if (CONTROL_CHARACTER.test(trimmed)) return 'control-character';
  // A title of zero-width characters shows as a blank task nobody can tell apart.
  if (!VISIBLE_CHARACTER.test(trimmed)) return 'nothing-visible';
  return null;
}
