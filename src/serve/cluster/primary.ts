/**
 * The cluster primary: forks the workers, routes writes to the one writer,
 * sums metrics, restarts workers that die, and drains them all on SIGTERM.
 *
 * The writer starts first, so the data folder exists (and is migrated)
 * before any reader opens it read-only.
 */
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import { LexhopError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { ServeConfig } from '../config.js';
import {
  ROLE_ENV,
  fromWire,
  isLexhopMessage,
  toWire,
  type PrimaryMessage,
  type WorkerMessage,
  type WorkerRole,
} from './messages.js';

export interface PrimaryOptions {
  config: ServeConfig;
  logger: Logger;
  /** Called once every worker listens. */
  onListening: (url: string) => void;
  /** Called when the first worker that could not start says why. */
  onStartFailed: (error: LexhopError) => void;
  /** Time a worker gets to drain before it is killed, in ms. Default 30,000. */
  shutdownTimeoutMs?: number;
}

/** A write waiting for the writer, and who asked for it. */
interface RoutedWrite {
  origin: Worker;
  originId: number;
  writer: Worker;
}

const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS = 5;

/**
 * Runs the cluster until it is shut down. Resolves with the exit code:
 * 0 after a clean shutdown, 2 when a worker could not start, 1 when workers
 * keep dying.
 */
export function runPrimary(options: PrimaryOptions): Promise<number> {
  const { config, logger } = options;
  cluster.setupPrimary({ serialization: 'advanced' });
  const aggregator = new AggregatorRegistry();

  const roles = new Map<Worker, WorkerRole>();
  const ready = new Set<Worker>();
  const writes = new Map<number, RoutedWrite>();
  const restarts: number[] = [];
  let nextWriteId = 1;
  let writer: Worker | undefined;
  let started = false;
  let stopping = false;
  let exitCode = 0;

  return new Promise<number>((resolve) => {
    const fork = (role: WorkerRole): Worker => {
      const worker = cluster.fork({ [ROLE_ENV]: role });
      roles.set(worker, role);
      if (role === 'writer') writer = worker;
      worker.on('message', (message: unknown) => onMessage(worker, message));
      return worker;
    };

    const send = (worker: Worker, message: PrimaryMessage): void => {
      if (worker.isConnected()) worker.send(message);
    };

    const shutdown = (code: number): void => {
      exitCode = Math.max(exitCode, code);
      if (stopping) return;
      stopping = true;

      for (const worker of roles.keys()) send(worker, { type: 'lexhop:shutdown' });
      const timer = setTimeout(() => {
        for (const worker of roles.keys()) worker.process.kill('SIGKILL');
      }, options.shutdownTimeoutMs ?? 30_000);
      timer.unref();
      if (roles.size === 0) resolve(exitCode);
    };

    const onReady = (worker: Worker, url: string): void => {
      ready.add(worker);
      if (started) return;

      // The writer is up, so the data folder exists: start the readers.
      if (roles.get(worker) === 'writer') {
        for (let i = 1; i < config.workers; i += 1) fork('reader');
      }
      if (ready.size === config.workers) {
        started = true;
        options.onListening(url);
      }
    };

    const routeWrite = (
      origin: Worker,
      message: Extract<WorkerMessage, { type: 'lexhop:write' | 'lexhop:delete' }>,
    ): void => {
      if (writer === undefined || !ready.has(writer) || !writer.isConnected()) {
        const error = new LexhopError('ERR_HTTP_WRITER_UNAVAILABLE');
        send(origin, { type: 'lexhop:write-failed', id: message.id, error: toWire(error) });
        return;
      }

      const id = nextWriteId++;
      writes.set(id, { origin, originId: message.id, writer });
      send(writer, { ...message, id });
    };

    const answerWrite = (message: Extract<WorkerMessage, { id: number }>): void => {
      const routed = writes.get(message.id);
      if (routed === undefined) return;
      writes.delete(message.id);
      if (
        message.type === 'lexhop:write-done' ||
        message.type === 'lexhop:delete-done' ||
        message.type === 'lexhop:write-failed'
      ) {
        send(routed.origin, { ...message, id: routed.originId });
      }
    };

    const scrape = (worker: Worker, id: number): void => {
      aggregator.clusterMetrics().then(
        (text) => send(worker, { type: 'lexhop:metrics-done', id, text }),
        (error: unknown) => {
          send(worker, { type: 'lexhop:metrics-failed', id, error: toWire(error) });
        },
      );
    };

    const onMessage = (worker: Worker, raw: unknown): void => {
      if (!isLexhopMessage<WorkerMessage>(raw)) return;
      switch (raw.type) {
        case 'lexhop:ready':
          onReady(worker, raw.url);
          break;
        case 'lexhop:failed':
          // A worker that cannot open the data folder or bind the port will not
          // do better on a restart: stop and say why.
          logger.error({ code: raw.error.code, worker: worker.id }, 'worker failed to start');
          if (!stopping) options.onStartFailed(fromWire(raw.error));
          shutdown(2);
          break;
        case 'lexhop:write':
        case 'lexhop:delete':
          routeWrite(worker, raw);
          break;
        case 'lexhop:write-done':
        case 'lexhop:delete-done':
        case 'lexhop:write-failed':
          answerWrite(raw);
          break;
        case 'lexhop:metrics':
          scrape(worker, raw.id);
          break;
      }
    };

    const onExit = (worker: Worker, code: number | null, signal: string | null): void => {
      const role = roles.get(worker) ?? 'reader';
      roles.delete(worker);
      ready.delete(worker);
      if (worker === writer) writer = undefined;
      failWritesOf(worker);

      if (stopping) {
        if (roles.size === 0) resolve(exitCode);
        return;
      }
      logger.error({ worker: worker.id, role, code, signal }, 'worker exited');
      if (!started) return shutdown(2);

      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && (restarts[0] ?? now) < now - RESTART_WINDOW_MS) {
        restarts.shift();
      }
      if (restarts.length > MAX_RESTARTS) return shutdown(1);
      fork(role);
    };

    const failWritesOf = (gone: Worker): void => {
      for (const [id, routed] of writes) {
        if (routed.writer !== gone && routed.origin !== gone) continue;
        writes.delete(id);
        const error = toWire(new LexhopError('ERR_HTTP_WRITER_UNAVAILABLE'));
        send(routed.origin, { type: 'lexhop:write-failed', id: routed.originId, error });
      }
    };

    cluster.on('exit', onExit);
    process.on('SIGTERM', () => shutdown(0));
    process.on('SIGINT', () => shutdown(0));
    fork('writer');
  });
}
