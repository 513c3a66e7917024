/** Settings of `lexhop serve`, shared by the single-process and the cluster mode. */
import type { EngineName } from '../lexhop.js';
import type { TenantToken } from './http/auth.js';

export interface ServeConfig {
  /** Address to listen on. Default `127.0.0.1`. */
  host: string;
  /** Port; 0 picks a free one. Default 8080. */
  port: number;
  /** Processes that serve; 1 runs without a cluster. Default: number of CPUs. */
  workers: number;
  /** Bearer tokens required on /v1/*; empty means no auth. */
  apiTokens: string[];
  /** Bearer tokens that act for one tenant each. */
  tenantTokens: TenantToken[];
  /** Data folder. Default: the facade's (`LEXHOP_DATA`, else `./.lexhop`). */
  dataDir?: string;
  engine?: EngineName;
  /** How often each process picks up writes of others, in ms. Default 500. */
  refreshIntervalMs: number;
  /** Search cache entries per process. Default 10,000. */
  cacheEntries: number;
  /** Search cache size per process in MiB of response JSON. Default 64. */
  cacheMb: number;
  /** Time between /readyz turning 503 and the listener closing, in ms. Default 0. */
  drainDelayMs: number;
}
