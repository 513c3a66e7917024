import type { LoadEvent } from '../types.js';

/** Options every loader takes. */
export interface LoadOptions {
  /** Tenant that will own the documents. Default: none (public). */
  tenant?: string;
  /** Largest single input in bytes a loader accepts. Default: 256 MiB. */
  maxBytes?: number;
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
