// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { actionStateOf, refused } from '@/lib/commands/outcome';
import {
  failed,
  isRetryable,
  retrying,
  unconfirmed,
  withTypedTitle,
} from '@/lib/tasks/action-state';

describe('Retry', () => {
  it('is offered when sending the same form again may help', () => {
    expect(isRetryable(unconfirmed('not confirmed'))).toBe(true);
    expect(isRetryable(actionStateOf(refused('unavailable', 'away')))).toBe(true);
    expect(isRetryable(actionStateOf(refused('not-written', 'not written')))).toBe(true);
  });

  it('is not offered for a refusal of what was sent, nor while the browser retries itself', () => {
    for (const kind of ['invalid', 'validation', 'not-found', 'rejected'] as const) {
      expect(isRetryable(actionStateOf(refused(kind, 'no'))), kind).toBe(false);
    }
    expect(isRetryable(retrying(unconfirmed('not confirmed')))).toBe(false);
    expect(isRetryable({ status: 'done', at: 1 })).toBe(false);
    expect(isRetryable({ status: 'idle' })).toBe(false);
  });
});

describe('an answer from no server', () => {
  const form = new FormData();
  form.set('title', 'Buy bread');

  it('takes the typed title from the form sent, so the field gets it back', () => {
    expect(withTypedTitle(unconfirmed('no answer'), form)).toMatchObject({ title: 'Buy bread' });
  });

  it("keeps the server's own title, and leaves other answers alone", () => {
    const answered = failed('too long', { title: 'x' });
    expect(withTypedTitle(answered, form)).toBe(answered);
    const done = { status: 'done', at: 1 } as const;
    expect(withTypedTitle(done, form)).toBe(done);
    expect(withTypedTitle(unconfirmed('no answer'), new FormData())).not.toHaveProperty('title');
  });
});
