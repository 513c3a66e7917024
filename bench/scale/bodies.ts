/**
 * Request bodies for the HTTP load tests. Uncached load must not be answered
 * from the server's result cache, whose key is the whole request: so each
 * body is unique. The mix is cycled; from the second pass on, each pass names
 * its own tenant (`bench-1`, `bench-2`, …). Public documents are visible to
 * every tenant, so the work is the same as without one, while the cache key
 * differs. Varying `limit` instead (mode `limit`: 10 … 19) changes the work:
 * limit 19 costs 1.6–1.8 times limit 10 (measured at 300K chunks).
 */
import type { BenchQuery } from '../queries/mix.js';

/** A source of POST /v1/search bodies. */
export interface Bodies {
  next(): string;
}

/** Unique bodies, cycling through the mix; `start` continues an earlier run's count. */
export class UniqueBodies implements Bodies {
  private count: number;

  constructor(
    private readonly queries: readonly BenchQuery[],
    private readonly mode: 'tenant' | 'limit' = 'tenant',
    start = 0,
  ) {
    if (queries.length === 0) throw new Error('no queries');
    this.count = start;
  }

  /** Bodies handed out so far (the next run on the same server starts here). */
  get sent(): number {
    return this.count;
  }

  next(): string {
    const i = this.count;
    this.count += 1;
    const n = this.queries.length;
    const query = (this.queries[i % n] as BenchQuery).query;
    const pass = Math.floor(i / n);
    if (this.mode === 'tenant') {
      return JSON.stringify(pass === 0 ? { query } : { query, tenant: `bench-${pass}` });
    }
    const limit = 10 + (pass % 10);
    const round = Math.floor(pass / 10);
    return JSON.stringify(round === 0 ? { query, limit } : { query, limit, tenant: `bench-${round}` });
  }
}

/** The same few bodies over and over, for the cached run. */
export class RepeatedBodies implements Bodies {
  private count = 0;
  private readonly bodies: string[];

  constructor(queries: readonly BenchQuery[]) {
    this.bodies = queries.map((q) => JSON.stringify({ query: q.query }));
    if (this.bodies.length === 0) throw new Error('no queries');
  }

  next(): string {
    const body = this.bodies[this.count % this.bodies.length] as string;
    this.count += 1;
    return body;
  }
}
