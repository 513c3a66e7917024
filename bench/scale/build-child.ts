/**
 * One build step of the scale benchmark, run in a process of its own so its
 * peak memory is measured alone:
 *
 *   ingest: ingest a corpus (or its first N chunks) into a fresh data folder;
 *   fts5:   open the folder with the FTS5 peer, which catches up from the
 *           system of record, and persist it.
 *
 * Progress goes to standard error; the result is one JSON line on standard output.
 */
import { openLexhop } from '../../src/lexhop.js';

interface Args {
  mode: 'ingest' | 'fts5';
  data: string;
  corpus?: string;
  maxChunks?: number;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at === -1 ? undefined : argv[at + 1];
  };
  const mode = value('--mode');
  const data = value('--data');
  if ((mode !== 'ingest' && mode !== 'fts5') || data === undefined) {
    throw new Error('usage: build-child --mode ingest|fts5 --data <folder> [--corpus f] [--max-chunks n]');
  }
  const maxChunks = value('--max-chunks');
  return {
    mode, data, corpus: value('--corpus'),
    ...(maxChunks === undefined ? {} : { maxChunks: Number(maxChunks) }),
  };
}

const mb = (bytes: number): string => `${Math.round(bytes / 1048576)} MB`;

async function ingest(args: Args): Promise<Record<string, unknown>> {
  if (args.corpus === undefined) throw new Error('--corpus is required for --mode ingest');
  const lexhop = await openLexhop({ dataDir: args.data });
  let lastReport = 0;
  const started = performance.now();
  const summary = await lexhop.ingest([args.corpus], {
    ...(args.maxChunks === undefined ? {} : { maxChunks: args.maxChunks }),
    onProgress: (progress) => {
      const now = performance.now();
      if (now - lastReport < 5000) return;
      lastReport = now;
      const share = progress.bytesTotal > 0 ? progress.bytesRead / progress.bytesTotal : 0;
      process.stderr.write(
        `  ingest: ${progress.documents} documents, ${progress.chunks} chunks, ` +
        `${(share * 100).toFixed(1)} % of the file, ${Math.round((now - started) / 1000)} s, ` +
        `rss ${mb(process.memoryUsage().rss)}\n`,
      );
    },
  });
  const ingestMs = performance.now() - started;
  const stats = lexhop.stats();

  // Closing writes the engine snapshot: part of what an ingest costs.
  const closing = performance.now();
  await lexhop.close();
  const closeMs = performance.now() - closing;
  return {
    mode: 'ingest', ingestMs, closeMs, totalMs: performance.now() - started,
    summary: { ...summary, skipped: summary.skipped.length, firstSkipped: summary.skipped.slice(0, 5) },
    stats,
  };
}

async function buildFts5(args: Args): Promise<Record<string, unknown>> {
  const started = performance.now();
  const lexhop = await openLexhop({ dataDir: args.data, engine: 'fts5' });
  const catchUpMs = performance.now() - started;
  const stats = lexhop.stats();
  const closing = performance.now();
  await lexhop.close();
  return { mode: 'fts5', catchUpMs, closeMs: performance.now() - closing,
    totalMs: performance.now() - started, stats };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const result = args.mode === 'ingest' ? await ingest(args) : await buildFts5(args);
  const maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(`${JSON.stringify({ ...result, maxRssKb })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
