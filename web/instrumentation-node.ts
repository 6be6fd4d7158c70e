import { parseTokenKey } from './lib/api/token-key';
import { stampClientAddresses } from './lib/auth/client-address';
import { parseAuthSettings } from './lib/auth/settings';
import { ConfigError, webConfig } from './lib/config';
import { parseDatabaseSettings } from './lib/db/settings';
import { closeProcessRelay } from './lib/events/process-relay';
import { refuseUnrepresentableMethods } from './lib/security/unrepresentable-methods';

// A bad setting stops the server at start-up with one line naming the variable, instead of
// failing every page later: the api's address, the token key, the database, the accounts.
// Nothing is connected to yet; the database pool opens with the first request that needs it.
try {
  webConfig();
  parseTokenKey(process.env);
  parseDatabaseSettings(process.env);
  parseAuthSettings(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`web: ${error.message}`);
  process.exit(1);
}

refuseUnrepresentableMethods();
stampClientAddresses(webConfig().trustProxyHeaders);

// Next's own SIGTERM handler closes the server and waits for open requests to finish; the list
// pages' event streams never would. Ending them lets it close, and the browsers reconnect to a
// replica that is staying.
process.on('SIGTERM', closeProcessRelay);
