import { stampClientAddresses } from './lib/auth/client-address';
import { webConfig } from './lib/config';
import { closeProcessRelay } from './lib/events/process-relay';
import { refuseUnrepresentableMethods } from './lib/security/unrepresentable-methods';
import { exitOnBadSetting } from './lib/settings-check';

// start.js checks the settings before Next listens; this repeats the same check for a server
// started another way (`next start`, or the standalone server.js run directly), where it can
// only come once the port is bound.
exitOnBadSetting(process.env);

refuseUnrepresentableMethods();
stampClientAddresses(webConfig().trustProxyHeaders);

// Next's own SIGTERM handler closes the server and waits for open requests to finish; the list
// pages' event streams never would. Ending them lets it close, and the browsers reconnect to a
// replica that is staying.
process.on('SIGTERM', closeProcessRelay);
