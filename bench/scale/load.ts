/**
 * HTTP load from this process (the server is another) with autocannon, on
 * loopback only: fixed-rate steps, closed-loop concurrency steps, and a
 * cached run. Every run is bounded (at most 10 s) and counts the server's
 * `x-cache` answers, so "uncached" is measured, not assumed.
 *
 * autocannon's rate limit is a per-second budget per connection: each
 * connection sends back to back until its share of the second is used, then
 * waits for the next second. So a rate step is really "at most R req/s from
 * C closed-loop clients", which queues more than evenly spaced arrivals
 * would; `paced.ts` measures evenly spaced arrivals.
 */
import { get } from 'node:http';
import autocannon, { type AutocannonRequest } from 'autocannon';
import type { Bodies } from './bodies.js';

export interface LoadStep {
  mode: 'rate' | 'concurrency' | 'cached' | 'paced';
  /** Target req/s (rate and paced steps). */
  targetRps?: number;
  connections?: number;
  durationS: number;
  completed: number;
  achievedRps: number;
  latencyMs: { mean: number; p50: number; p90: number; p95?: number; p97_5?: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Responses the server answered from its cache. */
  cacheHits: number;
  /** Mean size of a response, in bytes. */
  bytesPerResponse: number;
  /** Paced steps: p99 of how late requests were sent (client stalls, not the server). */
  clientLagP99Ms?: number;
}

export interface LoadTarget {
  port: number;
  bodies: Bodies;
}

/** At most this long per run: the brief's bound on a load test step. */
export const MAX_STEP_SECONDS = 10;

async function runCannon(
  target: LoadTarget,
  options: { connections: number; durationS: number; overallRate?: number },
  mode: LoadStep['mode'],
): Promise<LoadStep> {
  let cacheHits = 0;
  const request: AutocannonRequest = {
    method: 'POST',
    path: '/v1/search',
    headers: { 'content-type': 'application/json' },
    setupRequest: (next) => ({ ...next, body: target.bodies.next() }),
    onResponse: (_status, _body, _context, headers) => {
      if (headers['x-cache'] === 'hit') cacheHits += 1;
    },
  };
  const durationS = Math.min(options.durationS, MAX_STEP_SECONDS);
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}`,
    connections: options.connections,
    duration: durationS,
    timeout: 5,
    requests: [request],
    // Its correction for rate mode back-fills made-up samples at 1 ms steps; we report raw times.
    ...(options.overallRate === undefined
      ? {}
      : { overallRate: options.overallRate, ignoreCoordinatedOmission: true }),
    renderProgressBar: false,
    renderResultsTable: false,
  });
  const completed = result['2xx'];
  return {
    mode, connections: options.connections, durationS,
    ...(options.overallRate === undefined ? {} : { targetRps: options.overallRate }),
    completed,
    achievedRps: completed / (result.duration || durationS),
    latencyMs: {
      mean: result.latency.mean, p50: result.latency.p50, p90: result.latency.p90,
      p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max,
    },
    errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, cacheHits,
    bytesPerResponse: result.throughput.total / Math.max(completed, 1),
  };
}

function probe(port: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const call = get({ host: '127.0.0.1', port, path: '/healthz', timeout: 5000 }, (response) => {
      response.resume();
      response.once('end', () => resolve(performance.now() - started));
    });
    call.once('timeout', () => call.destroy());
    call.once('error', () => resolve(Number.POSITIVE_INFINITY));
  });
}

/**
 * Waits (at most `maxMs`, default 60 s) until the server answers health
 * probes promptly: requests a broken step abandoned are still queued in the
 * workers, and the next step must not pay for them.
 */
export async function settle(port: number, maxMs = 60_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < maxMs) {
    const probes = [await probe(port), await probe(port), await probe(port), await probe(port)];
    if (probes.every((ms) => ms < 20)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return performance.now() - started;
}

/** When a step counts as broken: p99 over the limit, failures, or the rate not reached. */
export function broken(step: LoadStep, p99LimitMs: number): boolean {
  const failed = step.errors + step.timeouts + step.non2xx > 0.01 * Math.max(step.completed, 1);
  const short = step.targetRps !== undefined && step.achievedRps < 0.9 * step.targetRps;
  return step.latencyMs.p99 > p99LimitMs || failed || short;
}

/** Connections for a rate step: enough to carry the rate at 40 ms a request. */
export function connectionsForRate(rps: number): number {
  return Math.max(4, Math.min(128, Math.ceil(rps / 25)));
}

/** Fixed-rate steps at increasing rates until one is broken (that one is kept). */
export async function rateSweep(
  target: LoadTarget,
  options: { rates: number[]; durationS: number; p99LimitMs: number; log?: (line: string) => void },
): Promise<LoadStep[]> {
  const steps: LoadStep[] = [];
  for (const rate of options.rates) {
    const step = await runCannon(
      target, { connections: connectionsForRate(rate), durationS: options.durationS, overallRate: rate },
      'rate',
    );
    steps.push(step);
    options.log?.(describe(step));
    await settle(target.port);
    if (broken(step, options.p99LimitMs)) break;
  }
  return steps;
}

/** Closed-loop steps at increasing connection counts until p99 passes the limit. */
export async function concurrencySweep(
  target: LoadTarget,
  options: { connections: number[]; durationS: number; p99LimitMs: number; log?: (line: string) => void },
): Promise<LoadStep[]> {
  const steps: LoadStep[] = [];
  for (const connections of options.connections) {
    const step = await runCannon(target, { connections, durationS: options.durationS }, 'concurrency');
    steps.push(step);
    options.log?.(describe(step));
    await settle(target.port);
    if (broken(step, options.p99LimitMs)) break;
  }
  return steps;
}

/**
 * Closed loop from a few connections for `durationS` (default 6 s), not
 * measured: both workers compile their hot paths and fault in the index
 * before the first step counts.
 */
export async function warmUp(target: LoadTarget, durationS = 6): Promise<void> {
  await runCannon(target, { connections: 4, durationS }, 'concurrency');
  await settle(target.port);
}

/** Closed loop at `connections` with repeated bodies: what the cache serves. */
export async function cachedRun(
  target: LoadTarget,
  options: { connections: number; durationS: number; log?: (line: string) => void },
): Promise<LoadStep> {
  // A short warm-up fills both workers' caches with every repeated query.
  await runCannon(target, { connections: 8, durationS: 1 }, 'cached');
  const step = await runCannon(target, options, 'cached');
  options.log?.(describe(step));
  return step;
}

/** One line per step for the terminal. */
export function describe(step: LoadStep): string {
  const rate = step.targetRps === undefined ? '' : ` target ${step.targetRps}/s`;
  const l = step.latencyMs;
  return `    ${step.mode}${rate} c=${step.connections ?? '-'}: ${step.achievedRps.toFixed(0)} req/s, ` +
    `p50 ${l.p50.toFixed(1)} p99 ${l.p99.toFixed(1)} max ${l.max.toFixed(0)} ms, ` +
    `errors ${step.errors + step.timeouts + step.non2xx}, cache hits ${step.cacheHits}` +
    (step.clientLagP99Ms === undefined ? '' : `, client lag p99 ${step.clientLagP99Ms.toFixed(1)} ms`);
}
