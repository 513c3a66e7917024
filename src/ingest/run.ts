/**
 * One ingest run: load → chunk → store, in bounded batches, with progress.
 * Memory stays bounded by one batch; the engine catches up after each batch
 * through `onBatch`, so a long run is searchable as it goes.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { IngestOptions } from '../api.js';
import type { DocumentWrite, Store } from '../index/store.js';
import type { IngestSummary } from '../retrieve/types.js';
import type { SourceDocument } from '../types.js';
import { chunkDocument } from './chunk/index.js';
import { loadPaths } from './walk.js';

/** Options of `runIngest`, besides the public ones. */
export interface RunIngestOptions extends IngestOptions {
  /** Called after each stored batch (to bring the engine up to date). */
  onBatch?: () => void;
  /** Chunks per stored batch. Default 20,000. */
  batchChunks?: number;
}

function totalBytes(paths: string[]): number {
  let total = 0;
  for (const file of paths) {
    try {
      const stat = statSync(file);
      if (stat.isFile()) total += stat.size;
    } catch {
      // A missing path is reported by the loader as skipped.
    }
  }
  return total;
}

/**
 * Why a file's document may not be stored under its key, or undefined when
 * it may. A file is keyed by its path below the folder given (`contracts/
 * nda.txt`), so two folders of one name (`k1/contracts`, `k2/contracts`)
 * give two files one key. The stored one stays unless it was this very file,
 * or its file is gone (the folder moved): a later file never silently
 * replaces another. `seen` holds the files this run keyed.
 */
function keyTaken(
  store: Store,
  document: SourceDocument,
  tenant: string,
  seen: Map<string, string>,
): string | undefined {
  if (!document.key.startsWith('file:')) return undefined;
  const file = path.resolve(document.source.file);
  const earlier = seen.get(document.key);
  if (earlier === undefined) seen.set(document.key, file);
  else if (earlier !== file) return earlier;
  const stored = store.sourceFile(document.key, tenant);
  if (stored === undefined || stored === '' || earlier !== undefined) return undefined;
  return stored !== file && existsSync(stored) ? stored : undefined;
}

/**
 * A file keeps the key it was first stored under: ingesting `/x/c` after
 * `/x/c/contracts` keys its files `c/contracts/…` instead of `contracts/…`,
 * and would store each a second time.
 */
function sameFileSameKey(store: Store, document: SourceDocument, tenant: string): SourceDocument {
  if (!document.key.startsWith('file:')) return document;
  const key = store.fileKeyOf(path.resolve(document.source.file), tenant);
  return key === undefined || key === document.key ? document : { ...document, key, family: key };
}

/** Ingests files and folders into `store`. */
export async function runIngest(
  store: Store,
  paths: string[],
  options: RunIngestOptions = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const summary: IngestSummary = { documents: 0, chunks: 0, unchanged: 0, skipped: [], ms: 0 };
  const batchChunks = options.batchChunks ?? 20_000;
  const bytesTotal = totalBytes(paths);
  let batch: DocumentWrite[] = [];
  let batchSize = 0;
  let bytesDone = 0;
  let bytesInFile = 0;
  let file = '';
  let chunksSeen = 0;
  const keyed = new Map<string, string>();

  const flush = (): void => {
    if (batch.length === 0) return;
    const result = store.write(batch, options.tenant ?? '');
    summary.documents += result.written;
    summary.unchanged += result.unchanged;
    summary.chunks += result.chunks;
    batch = [];
    batchSize = 0;
    options.onBatch?.();
  };
  const report = (): void => {
    options.onProgress?.({
      file, bytesRead: bytesDone + bytesInFile, bytesTotal,
      documents: summary.documents + batch.length, chunks: summary.chunks + batchSize,
    });
  };

  const events = loadPaths(paths, {
    tenant: options.tenant,
    onProgress: (bytesRead) => {
      bytesInFile = bytesRead;
      report();
    },
  });
  for await (const event of events) {
    if (event.kind === 'skipped') {
      const { source, code, message } = event.skipped;
      summary.skipped.push({ file: source.file, line: source.line, code, message });
      continue;
    }
    const loaded = event.document;
    if (loaded.source.file !== file) {
      bytesDone += bytesInFile;
      bytesInFile = 0;
      file = loaded.source.file;
    }
    const chunks = chunkDocument(loaded);
    if (chunks.length === 0) {
      summary.skipped.push({
        file: loaded.source.file, line: loaded.source.line, code: 'ERR_INGEST_EMPTY',
        message: 'document has no text to index',
      });
      continue;
    }
    const document = sameFileSameKey(store, loaded, options.tenant ?? '');
    const taken = keyTaken(store, document, options.tenant ?? '', keyed);
    if (taken !== undefined) {
      const tenantFlag = options.tenant === undefined ? '' : ` --tenant ${options.tenant}`;
      summary.skipped.push({
        file: document.source.file, code: 'ERR_INGEST_KEY_TAKEN',
        message: `${document.key} is already the document of ${taken}; ingest this file from ` +
          'a folder of another name, or delete that document first ' +
          `(lexhop delete '${document.key}'${tenantFlag})`,
      });
      continue;
    }
    chunksSeen += chunks.length;
    if (options.maxChunks !== undefined && chunksSeen > options.maxChunks) break;
    // Files are stored with their full path, so a later run can tell them apart.
    const stored = document.key.startsWith('file:')
      ? { ...document, source: { ...document.source, file: path.resolve(document.source.file) } }
      : document;
    batch.push({ document: stored, chunks });
    batchSize += chunks.length;
    if (batchSize >= batchChunks) flush();
  }
  flush();
  report();
  summary.ms = performance.now() - started;
  return summary;
}
