import type { Logger } from 'pino';

/** What middleware puts on the request context for the handlers after it. */
export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
  };
};
