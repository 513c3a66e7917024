/**
 * A cluster worker: serves HTTP on the shared port. The writer opens the data
 * folder read-write and stores every write of the cluster; readers open it
 * read-only, forward writes to the writer through the primary, and pick up
 * the writer's changes on their refresh timer.
 */
import cluster from 'node:cluster';
import { AggregatorRegistry, Registry } from 'prom-client';
import type { DeleteOptions, DeleteSummary, DocumentInput, IngestOptions } from '../../api.js';
import type { Logger } from '../../log.js';
import type { IngestSummary } from '../../retrieve/types.js';
import type { ServeConfig } from '../config.js';
import { serverState } from '../http/server.js';
import { startServer, type RunningServer } from '../start.js';
import {
  ROLE_ENV,
  fromWire,
  isLexhopMessage,
  toWire,
  type PrimaryMessage,
  type WorkerMessage,
} from './messages.js';

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

/** Requests to the primary, matched to their answers by id. */
class PrimaryChannel {
  #nextId = 1;
  readonly #writes = new Map<number, Pending<IngestSummary>>();
  readonly #deletes = new Map<number, Pending<DeleteSummary>>();
  readonly #scrapes = new Map<number, Pending<string>>();

  send(message: WorkerMessage): void {
    process.send?.(message);
  }

  write(documents: DocumentInput[], options: IngestOptions): Promise<IngestSummary> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#writes.set(id, { resolve, reject });
      this.send({ type: 'lexhop:write', id, documents, options });
    });
  }

  delete(keys: string[], options: DeleteOptions): Promise<DeleteSummary> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#deletes.set(id, { resolve, reject });
      this.send({ type: 'lexhop:delete', id, keys, options });
    });
  }

  metrics(): Promise<string> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#scrapes.set(id, { resolve, reject });
      this.send({ type: 'lexhop:metrics', id });
    });
  }

  /** Settles the request an answer belongs to; false for other messages. */
  settle(message: PrimaryMessage): boolean {
    switch (message.type) {
      case 'lexhop:write-done':
        this.#take(this.#writes, message.id)?.resolve(message.summary);
        return true;
      case 'lexhop:delete-done':
        this.#take(this.#deletes, message.id)?.resolve(message.summary);
        return true;
      case 'lexhop:write-failed': {
        // Stores and deletes share one run of ids, so the id says which one failed.
        const write = this.#take(this.#writes, message.id) ?? this.#take(this.#deletes, message.id);
        write?.reject(fromWire(message.error));
        return true;
      }
      case 'lexhop:metrics-done':
        this.#take(this.#scrapes, message.id)?.resolve(message.text);
        return true;
      case 'lexhop:metrics-failed':
        this.#take(this.#scrapes, message.id)?.reject(fromWire(message.error));
        return true;
      default:
        return false;
    }
  }

  #take<T>(pending: Map<number, Pending<T>>, id: number): Pending<T> | undefined {
    const entry = pending.get(id);
    pending.delete(id);
    return entry;
  }
}

/** Runs this process as a cluster worker until the primary tells it to stop. */
export async function runWorker(config: ServeConfig, logger: Logger): Promise<void> {
  const role = process.env[ROLE_ENV] === 'writer' ? 'writer' : 'reader';
  const workerId = String(cluster.worker?.id ?? 0);
  const channel = new PrimaryChannel();

  // prom-client answers the primary's scrape requests from these registries.
  const registry = new Registry();
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);

  const workerLogger = logger.child({ worker: workerId, role });
  let running: RunningServer;
  try {
    running = await startServer({
      config,
      logger: workerLogger,
      readOnly: role === 'reader',
      server: {
        metricsRegistry: registry,
        metricsLabels: { worker: workerId },
        metricsText: () => channel.metrics(),
        ...(role === 'reader'
          ? {
            writeDocuments: (documents, options) => channel.write(documents, options),
            deleteDocuments: (keys, options) => channel.delete(keys, options),
          }
          : {}),
      },
    });
    await running.opened;
  } catch (error) {
    channel.send({ type: 'lexhop:failed', error: toWire(error) });
    process.exit(2);
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    if (stopping === undefined) workerLogger.info('draining');
    stopping ??= running.drain().finally(() => process.exit(0));
    return stopping;
  };

  process.on('message', (raw: unknown) => {
    if (!isLexhopMessage<PrimaryMessage>(raw)) return;
    if (channel.settle(raw)) return;

    if (raw.type === 'lexhop:shutdown') void stop();
    else if (raw.type === 'lexhop:write' || raw.type === 'lexhop:delete') {
      void writeForCluster(running, channel, raw);
    }
  });
  // Ctrl-C reaches every process of the group; the primary may also be gone.
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('disconnect', () => void stop());

  channel.send({ type: 'lexhop:ready', url: running.url });
}

/** The writer's side of a forwarded write: a store or a delete. */
async function writeForCluster(
  running: RunningServer,
  channel: PrimaryChannel,
  message: Extract<PrimaryMessage, { type: 'lexhop:write' | 'lexhop:delete' }>,
): Promise<void> {
  const state = serverState(running.app);
  try {
    if (state === undefined) throw new Error('server state is missing');
    if (message.type === 'lexhop:write') {
      const summary = await state.writeDocuments(message.documents, message.options);
      channel.send({ type: 'lexhop:write-done', id: message.id, summary });
    } else {
      const summary = await state.deleteDocuments(message.keys, message.options);
      channel.send({ type: 'lexhop:delete-done', id: message.id, summary });
    }
  } catch (error) {
    channel.send({ type: 'lexhop:write-failed', id: message.id, error: toWire(error) });
  }
}
