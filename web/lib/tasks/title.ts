import { MAX_TITLE_LENGTH, type TitleProblem, titleProblem } from '@todo/api/limits';
import { z } from 'zod';

// The api's rules (`@todo/api/limits`), in words for the person typing.
const messages: Record<TitleProblem, string> = {
  empty: 'Enter a title.',
  'not-unicode': 'The title contains characters that cannot be saved.',
  'too-long': `Keep the title to ${MAX_TITLE_LENGTH} characters or fewer.`,
  'control-character': 'The title cannot contain control characters.',
  'nothing-visible': 'Enter a title with at least one visible character.',
};

export const titleSchema = z
  .string({ error: 'Enter a title.' })
  .transform((value) => value.trim())
  .superRefine((title, context) => {
    const problem = titleProblem(title);
    if (problem) context.addIssue({ code: 'custom', message: messages[problem] });
  });
