import { ConfigError, webConfig } from './lib/config';
import { refuseUnrepresentableMethods } from './lib/security/unrepresentable-methods';

// A bad setting stops the server at start-up with one line naming the variable, instead of
// failing every page later.
try {
  webConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`web: ${error.message}`);
  process.exit(1);
}

refuseUnrepresentableMethods();
