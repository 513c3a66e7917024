/**
 * Open-loop load at a fixed rate: request i is due at start + i / rate,
 * whether or not earlier ones have answered, and its latency counts from
 * when it was due, so a server that falls behind is charged for the wait
 * (no coordinated omission). This is how the targets "p99 at 200 req/s"
 * are meant; autocannon's rate mode sends in bursts (see load.ts).
 */
import { Agent, request } from 'node:http';
import {
  broken, describe, MAX_STEP_SECONDS, settle, type LoadStep, type LoadTarget,
} from './load.js';
import { percentile } from './percentiles.js';

/** Requests in flight beyond this count as failed: the server is far behind. */
const MAX_IN_FLIGHT = 2000;

function send(
  port: number,
  agent: Agent,
  body: string,
  timeoutMs: number,
): Promise<{ status: number; bytes: number; cache?: string }> {
  return new Promise((resolve, reject) => {
    const call = request(
      {
        host: '127.0.0.1', port, path: '/v1/search', method: 'POST', agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.once('end', () => {
          const cache = response.headers['x-cache'];
          const status = response.statusCode ?? 0;
          resolve({ status, bytes, ...(typeof cache === 'string' ? { cache } : {}) });
        });
        response.once('error', reject);
      },
    );
    call.once('timeout', () => call.destroy(new Error('timeout')));
    call.once('error', reject);
    call.end(body);
  });
}

/** One open-loop step: `rate` req/s for `durationS` seconds (at most 10). */
export async function pacedStep(
  target: LoadTarget,
  options: { rate: number; durationS: number; timeoutMs?: number },
): Promise<LoadStep> {
  const durationS = Math.min(options.durationS, MAX_STEP_SECONDS);
  const total = Math.round(options.rate * durationS);
  const interval = 1000 / options.rate;
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const latencies: number[] = [];
  // How late requests left this process: a stalled client looks like a slow server.
  const lags: number[] = [];
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  let cacheHits = 0;
  let bytes = 0;
  let inFlight = 0;
  let sent = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();

  const fire = (due: number, body: string): Promise<void> => {
    inFlight += 1;
    lags.push(performance.now() - due);
    return send(target.port, agent, body, options.timeoutMs ?? 5000).then(
      ({ status, cache, bytes: size }) => {
        bytes += size;
        if (status >= 200 && status < 300) latencies.push(performance.now() - due);
        else non2xx += 1;
        if (cache === 'hit') cacheHits += 1;
      },
      (error: unknown) => {
        if (error instanceof Error && error.message === 'timeout') timeouts += 1;
        else errors += 1;
      },
    ).finally(() => {
      inFlight -= 1;
    });
  };

  // A timer wakes about every millisecond and sends whatever has come due.
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        const due = start + sent * interval;
        sent += 1;
        if (inFlight >= MAX_IN_FLIGHT) {
          errors += 1;
          continue;
        }
        pending.push(fire(due, target.bodies.next()));
      }
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(interval, start + sent * interval - now)));
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();

  const elapsedS = (performance.now() - start) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(sorted.length, 1);
  return {
    mode: 'paced', targetRps: options.rate, durationS, completed: sorted.length,
    achievedRps: sorted.length / Math.max(elapsedS, durationS),
    latencyMs: {
      mean, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p95: percentile(sorted, 95),
      p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN,
    },
    errors, timeouts, non2xx, cacheHits, bytesPerResponse: bytes / Math.max(sorted.length, 1),
    clientLagP99Ms: percentile(lags.sort((a, b) => a - b), 99),
  };
}

/** Open-loop steps at increasing rates until one is broken (that one is kept). */
export async function pacedSweep(
  target: LoadTarget,
  options: { rates: number[]; durationS: number; p99LimitMs: number; log?: (line: string) => void },
): Promise<LoadStep[]> {
  const steps: LoadStep[] = [];
  for (const rate of options.rates) {
    const step = await pacedStep(target, { rate, durationS: options.durationS });
    steps.push(step);
    options.log?.(describe(step));
    await settle(target.port);
    if (broken(step, options.p99LimitMs)) break;
  }
  return steps;
}
