/** `lexhop ingest <path...>`: stores files and folders in the data folder. */
import type { Command } from 'commander';
import { LexhopError, statusOf, type ErrorCode } from '../../../errors.js';
import type { IngestSummary } from '../../../retrieve/types.js';
import { action, withCommonOptions, type CommandContext, type CommonOptions } from '../context.js';
import { formatIngest } from '../format.js';
import { ingestProgressBar } from '../progress.js';

interface IngestCliOptions extends CommonOptions {
  tenant?: string;
}

function knownCode(code: string): ErrorCode | undefined {
  try {
    statusOf(code as ErrorCode);
    return code as ErrorCode;
  } catch {
    return undefined;
  }
}

/** The error for a run that stored nothing, naming the first thing that went wrong. */
function nothingIngested(summary: IngestSummary): LexhopError {
  const first = summary.skipped[0];
  if (first === undefined) return new LexhopError('ERR_INGEST_EMPTY', 'found nothing to ingest');

  const details =
    first.line === undefined ? { file: first.file } : { file: first.file, line: first.line };
  const code = knownCode(first.code) ?? 'ERR_INGEST_EMPTY';
  return new LexhopError(code, `nothing could be ingested: ${first.message}`, details);
}

async function ingest(context: CommandContext<IngestCliOptions>, paths: string[]): Promise<number> {
  const lexhop = await context.open();
  const bar = ingestProgressBar(context.io.stderr);

  let summary: IngestSummary;
  try {
    summary = await lexhop.ingest(paths, {
      ...(context.options.tenant === undefined ? {} : { tenant: context.options.tenant }),
      onProgress: (progress) => bar.update(progress),
    });
  } finally {
    bar.stop();
  }

  context.print(summary, () => formatIngest(summary));

  // Skips alone are normal in real data; storing nothing at all is a failure.
  if (summary.documents + summary.unchanged === 0) throw nothingIngested(summary);
  return 0;
}

/** Registers `ingest`. */
export function register(program: Command): void {
  withCommonOptions(
    program
      .command('ingest')
      .description('store documents: .jsonl(.gz) statute dumps, .txt and .md files, folders')
      .argument('<path...>', 'files or folders to read')
      .option('--tenant <tenant>', 'owner of the documents (default: public)'),
  ).action(action(ingest));
}
