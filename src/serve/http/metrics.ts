/**
 * Prometheus metrics of one server. Each server gets its own registry, not
 * prom-client's global one, so a process (or a test) can run several.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SearchCacheStats } from './search-cache.js';

/** The metrics a server records. */
export interface ServerMetrics {
  registry: Registry;
  /** Seconds per request, by method, route pattern and status. */
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Seconds per search, by whether the cache answered. */
  searchDuration: Histogram<'cache'>;
  /** Documents stored through POST /v1/documents. */
  ingestedDocuments: Counter;
}

export interface MetricsOptions {
  /** Registry to record in. Default: a fresh one. */
  registry?: Registry;
  /** Labels on every series, e.g. `{ worker: '2' }` in cluster mode. Default none. */
  defaultLabels?: Record<string, string>;
  /** Read when metrics are scraped. */
  cacheStats: () => SearchCacheStats;
}

/** Creates the registry with default process metrics and the server's own. */
export function createMetrics(options: MetricsOptions): ServerMetrics {
  const registry = options.registry ?? new Registry();
  if (options.defaultLabels !== undefined) registry.setDefaultLabels(options.defaultLabels);
  collectDefaultMetrics({ register: registry });

  const httpDuration = new Histogram({
    name: 'lexhop_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const searchDuration = new Histogram({
    name: 'lexhop_search_duration_seconds',
    help: 'Search latency, cache hits included',
    labelNames: ['cache'] as const,
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  const ingestedDocuments = new Counter({
    name: 'lexhop_ingested_documents_total',
    help: 'Documents stored through the HTTP API',
    registers: [registry],
  });

  // Cache counters live in the cache; these read them at scrape time.
  new Counter({
    name: 'lexhop_search_cache_hits_total',
    help: 'Searches answered from the result cache',
    registers: [registry],
    collect(): void {
      this.reset();
      this.inc(options.cacheStats().hits);
    },
  });
  new Counter({
    name: 'lexhop_search_cache_misses_total',
    help: 'Searches the result cache could not answer',
    registers: [registry],
    collect(): void {
      this.reset();
      this.inc(options.cacheStats().misses);
    },
  });

  new Gauge({
    name: 'lexhop_search_cache_bytes',
    help: 'Bytes of response JSON the result cache holds',
    registers: [registry],
    collect(): void {
      this.set(options.cacheStats().bytes);
    },
  });

  return { registry, httpDuration, searchDuration, ingestedDocuments };
}
