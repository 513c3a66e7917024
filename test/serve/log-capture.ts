/** A logger whose lines a test can read back. */
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log.js';

/** Collects log lines as parsed JSON objects. */
export function logCapture(): {
  logger: ReturnType<typeof createLogger>;
  lines: () => Record<string, unknown>[];
} {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done): void {
      raw.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination });
  const lines = (): Record<string, unknown>[] =>
    raw.join('').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
  return { logger, lines };
}
