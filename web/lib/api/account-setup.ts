import { authorizationFor } from './account-token';
import { apiClient } from './client';

const ATTEMPTS = 3;
const PAUSE_MS = 500;

/**
 * Tells the api that `account` was just created (`POST /v1/account`): the api hands it the
 * tasks that have no owner, which only a database from before accounts holds, so the first
 * account created after such an upgrade adopts them. Called once per account, after the
 * account's row is committed; the idempotency key makes a retry harmless. Resolves to the
 * number of tasks adopted, or null when the api could not be reached (logged: the tasks stay
 * unowned, and the next account created adopts them).
 */
export async function setUpAccount(account: string): Promise<number | null> {
  const header = { 'idempotency-key': `account-setup-${account}` };
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    try {
      const response = await apiClient().v1.account.$post(
        { header },
        { headers: await authorizationFor(account) },
      );
      if (response.status === 200) return (await response.json()).adopted;
      await response.body?.cancel();
      // Only a busy or unavailable api is worth another try; anything else will not change.
      if (response.status !== 409 && response.status < 500) break;
    } catch {
      // Not reached, or no answer: the same key makes the next attempt safe.
    }
  }
  console.error(`web: setting up account ${account} with the api failed; its adoption waits`);
  return null;
}
