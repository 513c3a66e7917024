/**
 * Request bodies for the HTTP load tests. Uncached load must not be answered
 * from the server's result cache, whose key is the whole request: so each
 * body is unique. The mix is cycled; each pass over it uses the next limit
 * (10 … 19), and after ten passes a tenant name is added (public documents
 * are visible to every tenant, so the work stays the same).
 */
import type { BenchQuery } from '../queries/mix.js';

/** A source of POST /v1/search bodies. */
export interface Bodies {
  next(): string;
}

/** Unique bodies, cycling through the mix; `start` continues an earlier run's count. */
export class UniqueBodies implements Bodies {
  private count: number;

  constructor(private readonly queries: readonly BenchQuery[], start = 0) {
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
    const limit = 10 + (Math.floor(i / n) % 10);
    const round = Math.floor(i / (n * 10));
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
