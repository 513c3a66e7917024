/**
 * Messages between the cluster primary and its workers. Writes (stores and
 * deletes) from every worker travel to the one writer through the primary;
 * metrics scrapes ask the primary, which sums all workers.
 */
import type { DeleteOptions, DeleteSummary, DocumentInput, IngestOptions } from '../../api.js';
import { LexhopError, type ErrorCode, type ErrorDetails } from '../../errors.js';
import type { IngestSummary } from '../../retrieve/types.js';

/** A write the writer makes for a worker; a failed one answers `lexhop:write-failed`. */
type WriteMessage =
  | { type: 'lexhop:write'; id: number; documents: DocumentInput[]; options: IngestOptions }
  | { type: 'lexhop:delete'; id: number; keys: string[]; options: DeleteOptions };

/** The writer's answer to a write. */
type WriteAnswer =
  | { type: 'lexhop:write-done'; id: number; summary: IngestSummary }
  | { type: 'lexhop:delete-done'; id: number; summary: DeleteSummary }
  | { type: 'lexhop:write-failed'; id: number; error: WireError };

/** An error as it crosses a process boundary. */
export interface WireError {
  code?: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export type WorkerMessage =
  | { type: 'lexhop:ready'; url: string }
  | { type: 'lexhop:failed'; error: WireError }
  | WriteMessage
  | WriteAnswer
  | { type: 'lexhop:metrics'; id: number };

export type PrimaryMessage =
  | WriteMessage
  | WriteAnswer
  | { type: 'lexhop:metrics-done'; id: number; text: string }
  | { type: 'lexhop:metrics-failed'; id: number; error: WireError }
  | { type: 'lexhop:shutdown' };

/** Environment variable that tells a forked worker its role. */
export const ROLE_ENV = 'LEXHOP_WORKER_ROLE';

export type WorkerRole = 'writer' | 'reader';

/** True for messages of ours; other modules (prom-client) share the channel. */
export function isLexhopMessage<T extends { type: string }>(message: unknown): message is T {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { type?: unknown }).type === 'string' &&
    (message as { type: string }).type.startsWith('lexhop:')
  );
}

/** An error in a form `process.send` can carry. */
export function toWire(error: unknown): WireError {
  if (error instanceof LexhopError) {
    return { code: error.code, message: error.message, details: error.details };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/** The error back on this side: a LexhopError when it had a code, else ERR_INTERNAL. */
export function fromWire(wire: WireError): LexhopError {
  return new LexhopError(wire.code ?? 'ERR_INTERNAL', wire.message, wire.details ?? {});
}
