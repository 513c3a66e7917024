/** What the server hands each route plugin. */
import type { ServerMetrics } from './metrics.js';
import type { SearchCache } from './search-cache.js';
import type { ServerState } from './state.js';

export interface RouteContext {
  state: ServerState;
  metrics: ServerMetrics;
  cache: SearchCache;
  /** Largest POST /v1/documents body in bytes. */
  documentsBodyLimit: number;
  /** The Prometheus exposition; in cluster mode, the sum over all workers. */
  metricsText: () => Promise<string>;
  /** Content type of `metricsText`. */
  metricsContentType: string;
}
