/**
 * The best `limit` hits of a search, kept in a binary min-heap whose root is
 * the worst kept hit. Ties on score go to the lower chunk id, so a search
 * returns the same hits whatever order it visits chunks in.
 */
import type { EngineHit } from '../../engine.js';

/**
 * No score: below every score. A constant, as `-Infinity` in a function is a
 * unary minus that V8 deoptimizes on when it first runs in optimized code.
 */
export const NONE = Number.NEGATIVE_INFINITY;

/** Whether hit (score, id) ranks below hit (otherScore, otherId). */
function below(score: number, id: number, otherScore: number, otherId: number): boolean {
  return score < otherScore || (score === otherScore && id > otherId);
}

export class TopK {
  private readonly ids: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly limit: number) {}

  get full(): boolean {
    return this.ids.length >= this.limit;
  }

  /** The score a hit must reach to enter once full, else -Infinity. */
  get threshold(): number {
    return this.full ? (this.scores[0] as number) : NONE;
  }

  /** Whether a hit would enter: the heap has room, or it ranks above the worst kept hit. */
  admits(id: number, score: number): boolean {
    return this.ids.length < this.limit ||
      below(this.scores[0] as number, this.ids[0] as number, score, id);
  }

  /** Adds a hit if it ranks above the worst kept one, which it then drops when full. */
  push(id: number, score: number): void {
    const ids = this.ids;
    const scores = this.scores;
    if (ids.length < this.limit) {
      let i = ids.length;
      ids.push(id);
      scores.push(score);
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!below(score, id, scores[parent] as number, ids[parent] as number)) break;
        ids[i] = ids[parent] as number;
        scores[i] = scores[parent] as number;
        i = parent;
      }
      ids[i] = id;
      scores[i] = score;
      return;
    }
    if (!below(scores[0] as number, ids[0] as number, score, id)) return;
    const size = ids.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && below(
        scores[right] as number, ids[right] as number, scores[left] as number, ids[left] as number,
      ) ? right : left;
      if (!below(scores[child] as number, ids[child] as number, score, id)) break;
      ids[i] = ids[child] as number;
      scores[i] = scores[child] as number;
      i = child;
    }
    ids[i] = id;
    scores[i] = score;
  }

  /** The kept hits, best first (ties by ascending id). */
  sorted(): EngineHit[] {
    const hits: EngineHit[] = this.ids.map((id, i) => ({ id, score: this.scores[i] as number }));
    return hits.sort((a, b) => b.score - a.score || a.id - b.id);
  }
}
