/**
 * The one way a function makes its Powertools logger: the service name is the function's
 * `POWERTOOLS_SERVICE_NAME`, which its construct sets (lib/constructs/node-function.ts), so no
 * handler spells its own. Read when the logger is made, never at module load.
 */
import { Logger } from '@aws-lambda-powertools/logger';

/** Service name of logs when `POWERTOOLS_SERVICE_NAME` is not set (the constructs' default too). */
export const DEFAULT_SERVICE_NAME = 'open-security-hub';

/** A logger named by `POWERTOOLS_SERVICE_NAME` (else {@link DEFAULT_SERVICE_NAME}). */
export function createLogger(): Logger {
  return new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || DEFAULT_SERVICE_NAME });
}
