// The harness makes tokens and accounts for every suite; the api tests add the key as bytes.
export {
  accountRowSql,
  TEST_ACCOUNT,
  TEST_TOKEN_KEY,
  tokenFor,
} from '@todo/harness/accounts';

import { TEST_TOKEN_KEY } from '@todo/harness/accounts';

/** The keys every in-process test app verifies tokens with. */
export const testTokenKeys = [new TextEncoder().encode(TEST_TOKEN_KEY)];
