/**
 * What the routes share: the facade (which may still be opening), whether the
 * server is draining, the index generation that keys the cache, and the one
 * path every write takes.
 */
import type {
  DeleteOptions,
  DeleteSummary,
  DocumentInput,
  IngestOptions,
  LexhopApi,
} from '../../api.js';
import { LexhopError } from '../../errors.js';
import type { IngestSummary } from '../../retrieve/types.js';

/** Stores documents; in cluster mode this forwards them to the writer process. */
export type WriteDocuments = (
  documents: DocumentInput[],
  options: IngestOptions,
) => Promise<IngestSummary>;

/** Deletes documents; in cluster mode this forwards the keys to the writer process. */
export type DeleteDocuments = (keys: string[], options: DeleteOptions) => Promise<DeleteSummary>;

/** Where writes go when this process does not make them itself (a cluster reader). */
export interface ForwardedWrites {
  writeDocuments: WriteDocuments;
  deleteDocuments: DeleteDocuments;
}

export interface Readiness {
  ready: boolean;
  reason?: string;
}

/** A facade that says which change of its data folder its index reflects. */
interface SequencedLexhop {
  readonly appliedSeq?: unknown;
  pendingChanges?: () => number;
}

export class ServerState {
  #lexhop: LexhopApi | undefined;
  #openError: unknown;
  #draining = false;
  /** Set once the index has caught up with the data folder. */
  #caughtUp = false;
  /** Bumped on writes through this server and on refreshes that changed the stats. */
  #localGeneration = 0;
  #statsFingerprint = '';
  #writes: Promise<unknown> = Promise.resolve();
  readonly #forward: Partial<ForwardedWrites>;
  readonly opened: Promise<void>;

  constructor(lexhop: LexhopApi | Promise<LexhopApi>, forward: Partial<ForwardedWrites> = {}) {
    this.#forward = forward;
    this.opened = Promise.resolve(lexhop).then(
      (opened) => {
        this.#lexhop = opened;
      },
      (error: unknown) => {
        this.#openError = error;
      },
    );
  }

  get draining(): boolean {
    return this.#draining;
  }

  /** Marks the server as going away: readyz answers 503 from now on. */
  startDraining(): void {
    this.#draining = true;
  }

  /** The facade, or ERR_HTTP_NOT_READY while it is still opening. */
  require(): LexhopApi {
    if (this.#lexhop !== undefined) return this.#lexhop;
    if (this.#openError !== undefined) {
      throw new LexhopError('ERR_HTTP_NOT_READY', 'data folder could not be opened');
    }
    throw new LexhopError('ERR_HTTP_NOT_READY', 'data folder is still opening');
  }

  /** The open facade, if any; for shutdown. */
  get lexhop(): LexhopApi | undefined {
    return this.#lexhop;
  }

  /** Ready means open, caught up with the data folder, and not draining. */
  readiness(): Readiness {
    if (this.#draining) return { ready: false, reason: 'draining' };
    if (this.#openError !== undefined) return { ready: false, reason: 'open failed' };
    if (this.#lexhop === undefined) return { ready: false, reason: 'opening' };

    // Probes come every few seconds: a facade that tracks changes answers
    // without counting a store of millions of chunks. Once caught up, the
    // process stays ready while it applies later writes (within
    // --refresh-ms, in slices): a bulk ingest elsewhere must not take every
    // serving process out of rotation.
    if (this.#caughtUp) return { ready: true };
    const pending = this.pendingChanges();
    if (pending !== undefined) {
      if (pending === 0) {
        this.#caughtUp = true;
        return { ready: true };
      }
      return { ready: false, reason: `catching up: ${pending} changes to apply` };
    }
    const stats = this.#lexhop.stats();
    if (stats.searchableChunks < stats.chunks) {
      return {
        ready: false,
        reason: `catching up: ${stats.searchableChunks} of ${stats.chunks} chunks searchable`,
      };
    }
    return { ready: true };
  }

  /**
   * Changes whenever what a search can return may have changed. Uses the
   * facade's applied sequence number when it has one; otherwise writes
   * through this server and stats changes seen on refresh move it on.
   */
  generation(): number | string {
    const applied = this.#appliedSeq();
    if (applied !== undefined) return `${applied}:${this.#localGeneration}`;
    return this.#localGeneration;
  }

  /** Changes the facade has yet to apply, when it tracks them. */
  pendingChanges(): number | undefined {
    const sequenced = this.#lexhop as SequencedLexhop | undefined;
    return typeof sequenced?.pendingChanges === 'function' ? sequenced.pendingChanges() : undefined;
  }

  #appliedSeq(): number | undefined {
    const applied = (this.#lexhop as SequencedLexhop | undefined)?.appliedSeq;
    return typeof applied === 'number' ? applied : undefined;
  }

  /**
   * Picks up what other processes wrote; called on a timer. `maxChanges`
   * bounds one call, so a caller can yield to requests between slices.
   */
  refresh(maxChanges?: number): void {
    const lexhop = this.#lexhop;
    if (lexhop === undefined) return;

    lexhop.refresh(maxChanges === undefined ? {} : { maxChanges });

    // Counting a large store on every tick costs; the sequence number says it all.
    if (this.#appliedSeq() !== undefined) return;
    const stats = lexhop.stats();
    const fingerprint = `${stats.documents}:${stats.chunks}:${stats.searchableChunks}`;
    if (fingerprint !== this.#statsFingerprint) {
      this.#statsFingerprint = fingerprint;
      this.#localGeneration += 1;
    }
  }

  /**
   * Stores documents, one write at a time: requests queue here rather than
   * contend for the data folder's write lock.
   */
  writeDocuments(documents: DocumentInput[], options: IngestOptions): Promise<IngestSummary> {
    const forward = this.#forward.writeDocuments;
    if (forward !== undefined) return this.#queue(() => forward(documents, options), true);
    return this.#queue((lexhop) => lexhop.addDocuments(documents, options), false);
  }

  /** Deletes documents by key, in the same queue as every other write. */
  deleteDocuments(keys: string[], options: DeleteOptions): Promise<DeleteSummary> {
    const forward = this.#forward.deleteDocuments;
    if (forward !== undefined) return this.#queue(() => forward(keys, options), true);
    return this.#queue((lexhop) => lexhop.deleteDocuments(keys, options), false);
  }

  #queue<T>(write: (lexhop: LexhopApi) => Promise<T>, forwarded: boolean): Promise<T> {
    const lexhop = this.require();
    const run = async (): Promise<T> => {
      try {
        const result = await write(lexhop);
        // The write happened elsewhere; read it before answering, so a client
        // that searches next on this process sees what it just changed.
        if (forwarded) lexhop.refresh();
        return result;
      } finally {
        // Moves the search cache's key on, so no cached answer outlives the write.
        this.#localGeneration += 1;
      }
    };

    const result = this.#writes.then(run, run);
    this.#writes = result.catch(() => undefined);
    return result;
  }
}
