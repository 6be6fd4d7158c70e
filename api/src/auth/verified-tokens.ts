/**
 * Tokens already verified, until they expire: the web reuses a token for many calls, and a map
 * lookup costs far less than checking an HMAC each time. Bounded; the oldest entries go first.
 */
export function createVerifiedTokens(maxEntries = 10_000) {
  const entries = new Map<string, { account: string; expiresAt: number }>();
  return {
    get(token: string, now = Date.now()): string | undefined {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (entry.expiresAt <= now) {
        entries.delete(token);
        return undefined;
      }
      return entry.account;
    },
    set(token: string, account: string, expiresAtSeconds: number) {
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(token, { account, expiresAt: expiresAtSeconds * 1000 });
    },
  };
}
