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
      // Never past 100 %, even when a loader's count overshoots the file size.
      const total = Math.max(progress.bytesTotal, 1);
      const read = Math.min(progress.bytesRead, total);
      const payload = {
        read: formatBytes(read),
        size: formatBytes(progress.bytesTotal),
        documents: progress.documents,
        chunks: progress.chunks,
      };
      if (!started) {
        bar.start(total, read, payload);
        started = true;
        return;
      }
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(read, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
