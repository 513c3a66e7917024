import type { LoadEvent } from '../types.js';

/** Options every loader takes. */
export interface LoadOptions {
  /** Tenant that will own the documents. Default: none (public). */
  tenant?: string;
  /** Largest single input in bytes a loader accepts. Default: 256 MiB. */
  maxBytes?: number;
  /**
   * Line-oriented formats (JSON Lines), where one line is one document: largest
   * single line in bytes; a longer line is skipped with `ERR_INGEST_TOO_LARGE`
   * and loading goes on. Default: `maxBytes` when given, else 64 MiB.
   */
  maxLineBytes?: number;
  /**
   * Folder that file keys are relative to (`file:<path from root>`).
   * Default: the folder of the file itself.
   */
  root?: string;
  /** Called with bytes read so far, for progress bars. */
  onProgress?: (bytesRead: number) => void;
}

/**
 * A loader turns one input file into documents. Loaders stream: memory stays
 * bounded by the largest single document, not by the file. A bad part of a
 * file is yielded as `skipped` with file and line, and loading goes on.
 */
export interface Loader {
  /** Short name, e.g. `retsinformation` or `text`. */
  readonly name: string;
  /** True when this loader reads the file at `path` (by name or first bytes). */
  accepts(path: string, head: Buffer): boolean;
  load(path: string, options?: LoadOptions): AsyncIterable<LoadEvent>;
}
