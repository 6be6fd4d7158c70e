import { type ActionState, retrying, unconfirmed } from './action-state';

/**
 * How long the browser waits before sending an unconfirmed change again (the same form, so the
 * same idempotency key): three more tries over about seven seconds, each of which the server
 * already tries twice. Then the question goes back to the person.
 */
export const CONFIRM_DELAYS_MS: readonly number[] = [1000, 2000, 4000];

export const NO_ANSWER_MESSAGE =
  'The server did not answer, so this change is not confirmed. Send it again: it will not be made twice.';

type Options = {
  delays?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  /** Called before each new try with the notice to show meanwhile. */
  onRetry: (notice: ActionState) => void;
};

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends a change until its outcome is known: an answer of `unconfirmed`, or no answer at all
 * (the network, the server), is sent again after a pause, as it is. Whatever else comes back
 * is the outcome; after the last try, the last `unconfirmed` is.
 */
export async function sendUntilConfirmed(
  send: () => Promise<ActionState>,
  { delays = CONFIRM_DELAYS_MS, sleep = pause, onRetry }: Options,
): Promise<ActionState> {
  for (let attempt = 0; ; attempt++) {
    let answer: ActionState;
    try {
      answer = await send();
    } catch {
      answer = unconfirmed(NO_ANSWER_MESSAGE);
    }
    const delay = delays[attempt];
    if (answer.status !== 'unconfirmed' || delay === undefined) return answer;
    onRetry(retrying(answer));
    await sleep(delay);
  }
}
