/**
 * The log policy, in one place. Library code never logs on its own: it takes a
 * `Logger` from its caller, and the default is silent. Log lines are JSON
 * objects with a short lowercase message. Document text, query text, secrets
 * and tokens are never passed to a logger: callers log ids, counts and codes.
 */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/** Options for `createLogger`. */
export interface LoggerOptions {
  /** Minimum level. Default: `LEXHOP_LOG_LEVEL` or `info`. */
  level?: string;
  /** Where lines go. Default: standard error, so `--json` output stays clean. */
  destination?: NodeJS.WritableStream;
}

/** A JSON logger for programs (CLI, server). */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LEXHOP_LOG_LEVEL ?? 'info';
  const destination = options.destination ?? process.stderr;
  return pino(
    {
      level,
      base: { service: 'lexhop' },
      redact: {
        paths: ['req.headers.authorization', 'req.headers["x-api-key"]', '*.apiKey', '*.token'],
        censor: '[redacted]',
      },
    },
    destination as DestinationStream,
  );
}

/** The library default: drops everything. */
export const silentLogger: Logger = pino({ level: 'silent' });

/** Log level for an HTTP status: 5xx are errors, 4xx are the client's business. */
export function levelForStatus(status: number): 'error' | 'info' {
  return status >= 500 ? 'error' : 'info';
}
