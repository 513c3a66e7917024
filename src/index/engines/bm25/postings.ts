/**
 * Posting lists that grow in place: chunk ids ascending (as they arrive),
 * with the term's frequency in the title and body fields packed in 16 bits.
 */

/** Frequencies are capped: past 255 a term says nothing more about a chunk. */
export const MAX_FREQUENCY = 255;

/**
 * Chunk ids per window, as a shift: window `w` holds ids
 * `[w << WINDOW_SHIFT, (w + 1) << WINDOW_SHIFT)`. Searches score a window at
 * a time; 4,096 ids make about 400 windows at 1.6 million chunks.
 */
export const WINDOW_SHIFT = 12;

/** Lists this long keep their window maxima; shorter ones derive them for each search. */
export const WINDOW_MAX_FROM = 256;

/**
 * Lists this long keep `windowEnd`, which saves two binary searches per
 * window and list; shorter lists search fast enough and would waste memory.
 */
export const WINDOW_ENDS_FROM = 512;

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
  /**
   * For lists of WINDOW_MAX_FROM postings or more: the highest impact in each
   * window of chunk ids (see WINDOW_SHIFT), for the prefix below
   * `windowMaxLength` under impacts of `windowMaxVersion`. Not stored in
   * snapshots. Postings of removed chunks count until compaction, so the
   * maxima stay upper bounds.
   */
  private windowMax: Uint8Array = new Uint8Array(0);
  private windowMaxLength = 0;
  private windowMaxVersion = -1;
  /**
   * For lists of WINDOW_ENDS_FROM postings or more: the position just past
   * each window's postings, up to the window of the last posting; derived
   * from `ids` for the prefix below `windowEndsLength`. Not stored in snapshots.
   */
  windowEnd: Uint32Array = new Uint32Array(0);
  windowEndsLength = 0;

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
    this.windowMax = new Uint8Array(0);
    this.windowMaxLength = 0;
    this.windowMaxVersion = -1;
    this.windowEnd = new Uint32Array(0);
    this.windowEndsLength = 0;
    return dropped;
  }

  /**
   * The highest impact in each window up to the last posting's, 0 where the
   * list has none; needs `impacts` up to date. Kept for long lists (extended
   * as postings arrive), computed anew for short ones.
   */
  windowMaxima(): Uint8Array {
    const windows = ((this.ids[this.length - 1] as number) >>> WINDOW_SHIFT) + 1;
    if (this.length < WINDOW_MAX_FROM) return this.addMaxima(0, new Uint8Array(windows));
    if (this.windowMaxVersion !== this.impactsVersion) {
      this.windowMaxVersion = this.impactsVersion;
      this.windowMaxLength = 0;
      this.windowMax.fill(0);
    }
    if (this.windowMax.length < windows) {
      // Slack for the windows appends will open, as ids only grow.
      const windowMax = new Uint8Array(Math.ceil(windows * 1.25) + 1);
      windowMax.set(this.windowMax);
      this.windowMax = windowMax;
    }
    this.addMaxima(this.windowMaxLength, this.windowMax);
    this.windowMaxLength = this.length;
    return this.windowMax;
  }

  private addMaxima(from: number, maxima: Uint8Array): Uint8Array {
    const ids = this.ids;
    const impacts = this.impacts;
    for (let i = from; i < this.length; i += 1) {
      const window = (ids[i] as number) >>> WINDOW_SHIFT;
      const impact = impacts[i] as number;
      if (impact > (maxima[window] as number)) maxima[window] = impact;
    }
    return maxima;
  }

  /** Brings `windowEnd` up to date with the postings added since it was last called. */
  refreshWindowEnds(): void {
    if (this.length < WINDOW_ENDS_FROM || this.windowEndsLength === this.length) return;
    const ids = this.ids;
    const windows = ((ids[this.length - 1] as number) >>> WINDOW_SHIFT) + 1;
    if (this.windowEnd.length < windows) {
      const windowEnd = new Uint32Array(Math.ceil(windows * 1.25) + 1);
      windowEnd.set(this.windowEnd);
      this.windowEnd = windowEnd;
    }
    const windowEnd = this.windowEnd;
    let last = this.windowEndsLength > 0
      ? (ids[this.windowEndsLength - 1] as number) >>> WINDOW_SHIFT
      : -1;
    for (let i = this.windowEndsLength; i < this.length; i += 1) {
      const window = (ids[i] as number) >>> WINDOW_SHIFT;
      // Windows between the previous posting's and this one's are empty.
      while (last < window) {
        last += 1;
        windowEnd[last] = i;
      }
      windowEnd[window] = i + 1;
    }
    this.windowEndsLength = this.length;
  }

  private grow(): void {
    // Doubling keeps appends amortized O(1); once a list is large, grow by half
    // to keep the slack of very common terms small.
    const size = this.ids.length;
    const capacity = Math.max(4, size < 65536 ? size * 2 : size * 1.5);
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
