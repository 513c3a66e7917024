/**
 * Posting lists that grow in place: chunk ids ascending (as they arrive),
 * with the term's frequency in the title and body fields packed in 16 bits.
 */

/** Frequencies are capped: past 255 a term says nothing more about a chunk. */
export const MAX_FREQUENCY = 255;

export class PostingList {
  ids: Uint32Array<ArrayBufferLike>;
  frequencies: Uint16Array<ArrayBufferLike>;
  length = 0;
  /**
   * Each posting's BM25 gain before idf, `tf / (tf + k1)`, quantized to a
   * byte; computed lazily by the engine for the prefix below `impactsLength`
   * under the norms of `impactsVersion`. Not stored in snapshots.
   */
  impacts: Uint8Array = new Uint8Array(0);
  impactsLength = 0;
  impactsVersion = -1;
  maxImpact = 0;

  constructor(capacity = 2) {
    this.ids = new Uint32Array(capacity);
    this.frequencies = new Uint16Array(capacity);
  }

  /** Builds a list over existing arrays (a loaded snapshot); no copy. */
  static over(ids: Uint32Array, frequencies: Uint16Array): PostingList {
    const list = new PostingList(0);
    list.ids = ids;
    list.frequencies = frequencies;
    list.length = ids.length;
    return list;
  }

  add(id: number, titleFrequency: number, bodyFrequency: number): void {
    if (this.length === this.ids.length) this.grow();
    this.ids[this.length] = id;
    this.frequencies[this.length] =
      (Math.min(titleFrequency, MAX_FREQUENCY) << 8) | Math.min(bodyFrequency, MAX_FREQUENCY);
    this.length += 1;
  }

  /** Drops the postings of chunks `isDead` says are gone; returns how many. */
  compact(isDead: (id: number) => boolean): number {
    let kept = 0;
    for (let i = 0; i < this.length; i += 1) {
      const id = this.ids[i] as number;
      if (isDead(id)) continue;
      this.ids[kept] = id;
      this.frequencies[kept] = this.frequencies[i] as number;
      kept += 1;
    }
    const dropped = this.length - kept;
    this.length = kept;
    this.impactsVersion = -1;
    return dropped;
  }

  private grow(): void {
    // Doubling keeps appends amortized O(1); once a list is large, grow by half
    // to keep the slack of very common terms small.
    const capacity = Math.max(4, this.ids.length < 65536 ? this.ids.length * 2 : this.ids.length * 1.5);
    const ids = new Uint32Array(Math.ceil(capacity));
    ids.set(this.ids.subarray(0, this.length));
    const frequencies = new Uint16Array(Math.ceil(capacity));
    frequencies.set(this.frequencies.subarray(0, this.length));
    this.ids = ids;
    this.frequencies = frequencies;
  }
}

/** A Uint16Array indexed by chunk id that grows to fit any id. */
export class GrowableUint16 {
  values: Uint16Array = new Uint16Array(1024);

  set(index: number, value: number): void {
    if (index >= this.values.length) {
      let size = this.values.length;
      while (size <= index) size *= 2;
      const values = new Uint16Array(size);
      values.set(this.values);
      this.values = values;
    }
    this.values[index] = value;
  }

  get(index: number): number {
    return index < this.values.length ? (this.values[index] as number) : 0;
  }
}
