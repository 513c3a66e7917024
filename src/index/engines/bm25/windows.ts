/**
 * Top-k evaluation of a disjunctive query, one window of chunk ids at a
 * time (see WINDOW_SHIFT). Each list knows its highest impact per window,
 * so every window has an upper bound; windows are scored best bound first
 * and the search stops at the first window whose bound cannot beat the
 * k-th score. The best windows hold the best chunks, so the k-th score is
 * high after a few windows, and most windows are never read.
 *
 * Within a window, MaxScore: lists ordered by their bound there; the lowest
 * ones whose bounds sum to at most the k-th score are non-essential (a chunk
 * found only in them cannot enter). The essential lists are added into a
 * dense accumulator, a tight loop over typed arrays; the non-essential ones
 * are then probed, by galloping, only for chunks that can still enter.
 */
import type { EngineHit } from '../../engine.js';
import { WINDOW_SHIFT } from './postings.js';
import { NONE, TopK } from './topk.js';

const WINDOW = 1 << WINDOW_SHIFT;

/** The rarest lists seed the k-th score while their postings add up to at most this. */
const SEED_POSTINGS = 1 << 14;

type Ids = Uint32Array<ArrayBufferLike>;

/** One query term's posting list, with the factors that turn impacts into scores. */
export interface ScoredList {
  ids: Ids;
  impacts: Uint8Array;
  windowMax: Uint8Array;
  /** Positions past each window's postings (see PostingList), or empty. */
  windowEnd: Uint32Array;
  length: number;
  /** Turns an impact into the score the engine reports. */
  scale: number;
  /**
   * What bounds count per impact: `scale` raised slightly, so that they stay
   * above float32-rounded sums, or 0 when `scale` is negative (idf is when a
   * term has more postings than there are live chunks, as removed chunks
   * still count): such a term can only lower a score.
   */
  weight: number;
}

/**
 * Per-window working memory, reused across searches. Entries carry the
 * generation of the window that wrote them, so nothing is cleared between
 * windows: an entry of an older generation reads as absent.
 */
class Scratch {
  /** Upper bound so far of each chunk of the window (float64 sums of `weight * impact`). */
  readonly bounds = new Float64Array(WINDOW);
  /** The generation that last set `bounds[j]`. */
  readonly stamps = new Int32Array(WINDOW);
  /** Offsets some essential list holds, in the order found. */
  readonly touched = new Int32Array(WINDOW);
  /** Offsets that can still enter the top k, ascending. */
  readonly candidates = new Int32Array(WINDOW);
  /** One bit per offset, to list candidates in ascending order without sorting. */
  readonly marks = new Int32Array(WINDOW >> 5);
  /** `generation << 8 | impact` of term t at offset j, at `t * WINDOW + j`. */
  hits = new Int32Array(0);
  generation = 0;
  inUse = false;

  forTerms(count: number): this {
    if (this.hits.length < count * WINDOW) {
      this.hits = new Int32Array(count * WINDOW);
      this.stamps.fill(0);
      this.generation = 0;
    }
    return this;
  }

  /** Starts a window: every entry written before now reads as absent. */
  nextGeneration(): number {
    this.generation += 1;
    if (this.generation >= 1 << 23) {
      this.hits.fill(0);
      this.stamps.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }
}

const shared = new Scratch();

/** First position in `ids[from, length)` holding an id at or above `target`. */
function lowerBound(ids: Ids, from: number, length: number, target: number): number {
  let low = from;
  let high = length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((ids[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Like lowerBound, but galloping from `from`: cheap when the target is near. */
function gallop(ids: Ids, from: number, length: number, target: number): number {
  if (from >= length || (ids[from] as number) >= target) return from;
  let low = from + 1;
  let high = low;
  let step = 1;
  while (high < length && (ids[high] as number) < target) {
    low = high + 1;
    high = low + step;
    step *= 2;
  }
  return lowerBound(ids, low, Math.min(high, length), target);
}

/** Windows holding postings, best bound first, as a binary max-heap. */
class WindowQueue {
  private readonly heap: Int32Array;
  private size = 0;

  constructor(private readonly bounds: Float64Array, occupied: Uint8Array) {
    this.heap = new Int32Array(bounds.length);
    for (let window = 0; window < bounds.length; window += 1) {
      if (occupied[window] === 1) this.heap[this.size++] = window;
    }
    for (let i = (this.size >> 1) - 1; i >= 0; i -= 1) this.siftDown(i);
  }

  /** The best remaining window, or -1. */
  pop(): number {
    if (this.size === 0) return -1;
    const best = this.heap[0] as number;
    this.size -= 1;
    this.heap[0] = this.heap[this.size] as number;
    this.siftDown(0);
    return best;
  }

  private siftDown(from: number): void {
    const heap = this.heap;
    const bounds = this.bounds;
    const window = heap[from] as number;
    const bound = bounds[window] as number;
    let i = from;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      const right = child + 1;
      if (right < this.size) {
        const rightBound = bounds[heap[right] as number] as number;
        if (rightBound > (bounds[heap[child] as number] as number)) child = right;
      }
      if ((bounds[heap[child] as number] as number) <= bound) break;
      heap[i] = heap[child] as number;
      i = child;
    }
    heap[i] = window;
  }
}

/**
 * The `limit` best live, accepted chunks for the lists in `plan`, best first
 * (ties by ascending id). A chunk's score is its terms' `scale * impact`
 * summed in plan order with float32 rounding at each step, the way the
 * engine has always summed them, so scores do not depend on the pruning.
 */
export function topHits(
  plan: ScoredList[],
  limit: number,
  live: Uint8Array,
  accept: ((id: number) => boolean) | undefined,
): EngineHit[] {
  let windows = 0;
  for (const list of plan) {
    windows = Math.max(windows, ((list.ids[list.length - 1] as number) >>> WINDOW_SHIFT) + 1);
  }
  const bounds = new Float64Array(windows);
  const occupied = new Uint8Array(windows);
  for (const list of plan) {
    const windowMax = list.windowMax;
    const weight = list.weight;
    const end = Math.min(windows, windowMax.length);
    for (let window = 0; window < end; window += 1) {
      const max = windowMax[window] as number;
      bounds[window] = (bounds[window] as number) + weight * max;
      if (max > 0) occupied[window] = 1;
    }
  }

  // A nested search (from `accept`) must not share the scratch memory.
  const scratch = shared.inUse ? new Scratch() : shared;
  scratch.forTerms(plan.length);
  scratch.inUse = true;
  const top = new TopK(limit);
  try {
    const floor = seedFloor(plan, limit, live, accept);
    const queue = new WindowQueue(bounds, occupied);
    const evaluator = new WindowEvaluator(plan, scratch, top, live, accept, floor);
    for (let window = queue.pop(); window >= 0; window = queue.pop()) {
      if ((bounds[window] as number) <= evaluator.threshold()) break;
      evaluator.score(window);
    }
  } finally {
    scratch.inUse = false;
  }
  return top.sorted();
}

/**
 * A score the final k-th score is known to reach, or NONE: the k-th best
 * among accepted chunks of the first (highest-bound, mostly rarest) lists,
 * when those are short, each chunk taken at its contribution from one of
 * them. Without it, dense lists fill the top k with weak chunks in the first
 * windows and keep the k-th score low for many windows. One term's share is
 * a lower bound of a chunk's score, as float32 rounding is monotone and the
 * other terms add (when none subtracts).
 */
function seedFloor(
  plan: ScoredList[],
  limit: number,
  live: Uint8Array,
  accept: ((id: number) => boolean) | undefined,
): number {
  if (plan.some((list) => list.scale <= 0)) return NONE;
  let lists = 0;
  let postings = 0;
  for (; lists < plan.length - 1; lists += 1) {
    const length = (plan[lists] as ScoredList).length;
    if (postings + length > SEED_POSTINGS) break;
    postings += length;
  }
  if (postings < limit) return NONE;

  const top = new TopK(limit);
  // A chunk enters once, even when several seed lists hold it.
  const seen = new Set<number>();
  for (let t = 0; t < lists; t += 1) {
    const { ids, impacts, length, scale } = plan[t] as ScoredList;
    // Impacts below the cut cannot reach the k-th score.
    let cut = cutFor(scale, top.threshold);
    for (let p = 0; p < length; p += 1) {
      const impact = impacts[p] as number;
      if (impact < cut) continue;
      const id = ids[p] as number;
      const share = Math.fround(scale * impact);
      if (live[id] !== 1 || !top.admits(id, share) || seen.has(id)) continue;
      if (accept !== undefined && !accept(id)) continue;
      seen.add(id);
      top.push(id, share);
      if (top.full) cut = cutFor(scale, top.threshold);
    }
  }
  return top.full ? top.threshold : NONE;
}

/**
 * The lowest impact with `weight * impact + base > threshold`, in the float
 * arithmetic of the bounds; 1 when any impact may do.
 */
function boundCut(weight: number, base: number, threshold: number): number {
  if (threshold === NONE || weight <= 0) return 1;
  let cut = Math.max(1, Math.min(256, Math.floor((threshold - base) / weight)));
  while (cut <= 255 && weight * cut + base <= threshold) cut += 1;
  while (cut > 1 && weight * (cut - 1) + base > threshold) cut -= 1;
  return cut;
}

/** The lowest impact whose share, `scale * impact` in float32, reaches `threshold`. */
function cutFor(scale: number, threshold: number): number {
  let cut = 1;
  while (cut <= 255 && Math.fround(scale * cut) < threshold) cut += 1;
  return cut;
}

/** Scores the chunks of one window that can enter the top k. */
class WindowEvaluator {
  /** Indexes into the plan of the lists present in the window, by ascending bound there. */
  private readonly order: Int32Array;
  /** The bound of each plan list in the current window. */
  private readonly windowBound: Float64Array;
  /** Each plan list's postings in the current window: positions [start, end). */
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  /** prefix[i]: the sum of the bounds of order[0..i). */
  private readonly prefix: Float64Array;
  private generation = 0;
  /**
   * The seeded floor: pruning drops what cannot beat it, which keeps chunks
   * that reach it exactly, as every bound is above its chunk's score.
   */
  private readonly lowest: number;

  constructor(
    private readonly plan: ScoredList[],
    private readonly scratch: Scratch,
    private readonly top: TopK,
    private readonly live: Uint8Array,
    private readonly accept: ((id: number) => boolean) | undefined,
    floor: number,
  ) {
    this.lowest = floor;
    this.order = new Int32Array(plan.length);
    this.windowBound = new Float64Array(plan.length);
    this.start = new Int32Array(plan.length);
    this.end = new Int32Array(plan.length);
    this.prefix = new Float64Array(plan.length + 1);
  }

  /** What a chunk's bound must exceed to be worth scoring. */
  threshold(): number {
    return Math.max(this.top.threshold, this.lowest);
  }

  score(window: number): void {
    this.generation = this.scratch.nextGeneration();
    const low = window * WINDOW;
    const present = this.rankLists(window, low);
    const threshold = this.threshold();
    const prefix = this.prefix;
    let essential = 0;
    while (essential < present && (prefix[essential + 1] as number) <= threshold) essential += 1;
    if (essential === present) return;

    const rest = prefix[essential] as number;
    let candidateCount = essential === present - 1
      ? this.oneEssential(low, this.order[essential] as number, rest)
      : this.addEssential(low, essential, present, rest);
    for (let k = essential - 1; k >= 0 && candidateCount > 0; k -= 1) {
      const t = this.order[k] as number;
      candidateCount = this.probe(low, t, candidateCount, prefix[k] as number);
    }
    this.admit(low, candidateCount);
  }

  /**
   * Fills `order` with the lists present in the window, lowest bound first,
   * and their postings' range in it; returns how many lists are present.
   */
  private rankLists(window: number, low: number): number {
    const order = this.order;
    const windowBound = this.windowBound;
    let present = 0;
    for (let t = 0; t < this.plan.length; t += 1) {
      const list = this.plan[t] as ScoredList;
      const max = window < list.windowMax.length ? (list.windowMax[window] as number) : 0;
      if (max === 0) continue;
      const bound = list.weight * max;
      windowBound[t] = bound;
      if (list.windowEnd.length > 0) {
        this.start[t] = window === 0 ? 0 : (list.windowEnd[window - 1] as number);
        this.end[t] = list.windowEnd[window] as number;
      } else {
        const start = lowerBound(list.ids, 0, list.length, low);
        this.start[t] = start;
        this.end[t] = gallop(list.ids, start, list.length, low + WINDOW);
      }
      // Insertion sort: queries have a handful of terms.
      let i = present;
      while (i > 0 && (windowBound[order[i - 1] as number] as number) > bound) {
        order[i] = order[i - 1] as number;
        i -= 1;
      }
      order[i] = t;
      present += 1;
    }
    for (let i = 0; i < present; i += 1) {
      this.prefix[i + 1] = (this.prefix[i] as number) + (windowBound[order[i] as number] as number);
    }
    return present;
  }

  /**
   * The usual case once the k-th score is known: a single essential list.
   * Its chunks come in ascending order and their bound is one impact, so an
   * impact cut picks the candidates without touching the others.
   */
  private oneEssential(low: number, t: number, rest: number): number {
    const { bounds, candidates, hits } = this.scratch;
    const { ids, impacts, weight } = this.plan[t] as ScoredList;
    const threshold = this.threshold();
    const live = this.live;
    const row = t * WINDOW;
    const stamp = this.generation << 8;
    const cut = boundCut(weight, rest, threshold);
    let count = 0;
    for (let p = this.start[t] as number, end = this.end[t] as number; p < end; p += 1) {
      const impact = impacts[p] as number;
      if (impact < cut) continue;
      const bound = weight * impact;
      if (bound + rest <= threshold) continue;
      const j = (ids[p] as number) - low;
      if (live[low + j] !== 1) continue;
      bounds[j] = bound;
      hits[row + j] = stamp | impact;
      candidates[count++] = j;
    }
    return count;
  }

  /** Adds several essential lists into the accumulator; returns the candidates, ascending. */
  private addEssential(low: number, essential: number, present: number, rest: number): number {
    const { bounds, stamps, touched, candidates, hits } = this.scratch;
    const threshold = this.threshold();
    const generation = this.generation;
    const stamp = generation << 8;
    let touchedCount = 0;
    // Highest bound first: a chunk first met in a later list can then only
    // gain from the lists after it, which often cannot lift it to the k-th
    // score, and it is skipped by an impact cut.
    for (let k = present - 1; k >= essential; k -= 1) {
      const t = this.order[k] as number;
      const { ids, impacts, weight } = this.plan[t] as ScoredList;
      const row = t * WINDOW;
      const cut = boundCut(weight, this.prefix[k] as number, threshold);
      for (let p = this.start[t] as number, end = this.end[t] as number; p < end; p += 1) {
        const j = (ids[p] as number) - low;
        const impact = impacts[p] as number;
        if (stamps[j] === generation) {
          bounds[j] = (bounds[j] as number) + weight * impact;
        } else {
          // A skipped chunk may be met again in a later list; its bound
          // there misses this term, but it stays below the k-th score.
          if (impact < cut) continue;
          stamps[j] = generation;
          bounds[j] = weight * impact;
          touched[touchedCount++] = j;
        }
        hits[row + j] = stamp | impact;
      }
    }

    // Probes gallop, so candidates must ascend: a bitset orders them (a
    // typed-array sort costs microseconds per window).
    const marks = this.scratch.marks;
    const live = this.live;
    for (let i = 0; i < touchedCount; i += 1) {
      const j = touched[i] as number;
      if ((bounds[j] as number) + rest > threshold && live[low + j] === 1) {
        marks[j >> 5] = (marks[j >> 5] as number) | (1 << (j & 31));
      }
    }
    let count = 0;
    for (let word = 0; word < marks.length; word += 1) {
      let bits = marks[word] as number;
      if (bits === 0) continue;
      marks[word] = 0;
      while (bits !== 0) {
        candidates[count++] = (word << 5) | (31 - Math.clz32(bits & -bits));
        bits &= bits - 1;
      }
    }
    return count;
  }

  /**
   * Adds non-essential list `t` to the (ascending) candidates, keeping those
   * that can still enter with `rest` from the lists not yet probed.
   */
  private probe(low: number, t: number, candidateCount: number, rest: number): number {
    const { bounds, candidates, hits } = this.scratch;
    const { ids, impacts, weight } = this.plan[t] as ScoredList;
    const threshold = this.threshold();
    const row = t * WINDOW;
    const generation = this.generation;
    const stamp = generation << 8;
    const start = this.start[t] as number;
    const end = this.end[t] as number;
    let kept = 0;
    if (candidateCount * 4 >= end - start) {
      // Candidates are dense in the list here: spread the list's impacts
      // over the window once, and each candidate is one lookup.
      for (let p = start; p < end; p += 1) {
        hits[row + (ids[p] as number) - low] = stamp | (impacts[p] as number);
      }
      for (let i = 0; i < candidateCount; i += 1) {
        const j = candidates[i] as number;
        const hit = hits[row + j] as number;
        let bound = bounds[j] as number;
        if (hit >>> 8 === generation) {
          bound += weight * (hit & 255);
          bounds[j] = bound;
        }
        if (bound + rest > threshold) candidates[kept++] = j;
      }
      return kept;
    }
    let p = start;
    for (let i = 0; i < candidateCount; i += 1) {
      const j = candidates[i] as number;
      p = gallop(ids, p, end, low + j);
      let bound = bounds[j] as number;
      if (p < end && ids[p] === low + j) {
        const impact = impacts[p] as number;
        bound += weight * impact;
        bounds[j] = bound;
        hits[row + j] = stamp | impact;
      }
      if (bound + rest > threshold) candidates[kept++] = j;
    }
    return kept;
  }

  /** Scores the remaining candidates exactly and offers the accepted ones to the top k. */
  private admit(low: number, candidateCount: number): void {
    const { candidates, hits } = this.scratch;
    const plan = this.plan;
    const top = this.top;
    const generation = this.generation;
    for (let i = 0; i < candidateCount; i += 1) {
      const j = candidates[i] as number;
      let exact = 0;
      for (let t = 0; t < plan.length; t += 1) {
        const hit = hits[t * WINDOW + j] as number;
        if (hit >>> 8 === generation) {
          exact = Math.fround(exact + (plan[t] as ScoredList).scale * (hit & 255));
        }
      }
      const id = low + j;
      if (!top.admits(id, exact)) continue;
      if (this.accept !== undefined && !this.accept(id)) continue;
      top.push(id, exact);
    }
  }
}
