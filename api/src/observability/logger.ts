import { type DestinationStream, type Logger, pino } from 'pino';
import type { Config } from '../config.js';

/** JSON lines on stdout, the format log collectors in a cluster expect. */
export function createLogger(level: Config['logLevel'], destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'todo-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
