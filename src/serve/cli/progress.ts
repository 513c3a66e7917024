/**
 * The ingest progress bar: bytes read of the total, with documents and chunks
 * so far. Drawn on standard error, and only on a terminal, so logs and
 * `--json` output stay clean.
 */
import cliProgress from 'cli-progress';
import type { IngestProgress } from '../../api.js';
import type { CliOutput } from './context.js';
import { formatBytes } from './format.js';

export interface ProgressBar {
  update(progress: IngestProgress): void;
  stop(): void;
}

const silent: ProgressBar = { update: () => undefined, stop: () => undefined };

/** A bar on `stream` when it is a terminal; otherwise one that draws nothing. */
export function ingestProgressBar(stream: CliOutput): ProgressBar {
  if (stream.isTTY !== true) return silent;

  const bar = new cliProgress.SingleBar({
    stream: stream as NodeJS.WriteStream,
    format: '{bar} {percentage}% | {read} of {size} | {documents} documents, {chunks} chunks',
    hideCursor: true,
    clearOnComplete: true,
    barsize: 30,
    fps: 10,
  });
  let started = false;

  return {
    update(progress) {
      const payload = {
        read: formatBytes(progress.bytesRead),
        size: formatBytes(progress.bytesTotal),
        documents: progress.documents,
        chunks: progress.chunks,
      };
      const total = Math.max(progress.bytesTotal, 1);
      if (!started) {
        bar.start(total, progress.bytesRead, payload);
        started = true;
        return;
      }
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(progress.bytesRead, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
