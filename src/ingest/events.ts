import type { ErrorCode } from '../errors.js';
import type { LoadEvent, SourceDocument } from '../types.js';

/** A `skipped` event naming the file (and line) and a registry code. */
export function skippedEvent(
  code: ErrorCode,
  message: string,
  file: string,
  line?: number,
): LoadEvent {
  const source = line === undefined ? { file } : { file, line };
  return { kind: 'skipped', skipped: { source, code, message } };
}

export function documentEvent(document: SourceDocument): LoadEvent {
  return { kind: 'document', document };
}

/** Node's error code (`ENOENT`, `Z_DATA_ERROR`, …) when there is one. */
export function systemCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
