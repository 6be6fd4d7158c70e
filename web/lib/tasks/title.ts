import { z } from 'zod';

/** Same limits as the api: trimmed, 1..255 Unicode code points, no control characters. */
export const TITLE_MAX_CODE_POINTS = 255;

const CONTROL_CHARACTER = /\p{Cc}/u;

export const titleSchema = z
  .string({ error: 'Enter a title.' })
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, 'Enter a title.')
      .refine((value) => [...value].length <= TITLE_MAX_CODE_POINTS, {
        error: `Keep the title to ${TITLE_MAX_CODE_POINTS} characters or fewer.`,
      })
      .refine((value) => !CONTROL_CHARACTER.test(value), {
        error: 'The title cannot contain control characters.',
      }),
  );
