/** `lexhop delete <key...>`: removes stored documents, so search no longer finds them. */
import type { Command } from 'commander';
import type { DeleteSummary } from '../../../api.js';
import { LexhopError } from '../../../errors.js';
import { action, withCommonOptions, type CommandContext, type CommonOptions } from '../context.js';

interface DeleteCliOptions extends CommonOptions {
  tenant?: string;
}

function formatDelete(summary: DeleteSummary): string {
  const lines = summary.deleted.map((key) => `deleted ${key}`);
  lines.push(...summary.notFound.map((key) => `not found ${key}`));
  return lines.join('\n');
}

/** The error for keys that were not stored, naming each of them. */
function unknownKeys(summary: DeleteSummary, tenant: string | undefined): LexhopError {
  const owner = tenant === undefined ? 'as a public document' : `for tenant ${tenant}`;
  const listed = summary.notFound.map((key) => `"${key}"`).join(', ');
  const noun = summary.notFound.length === 1 ? 'key' : 'keys';
  const others = summary.deleted.length === 0 ? '' : '; the other keys were deleted';
  return new LexhopError(
    'ERR_STORE_UNKNOWN_KEY',
    `nothing is stored under ${noun} ${listed} ${owner}${others}`,
  );
}

async function remove(context: CommandContext<DeleteCliOptions>, keys: string[]): Promise<number> {
  const lexhop = await context.open();
  const { tenant } = context.options;
  const summary = await lexhop.deleteDocuments(keys, tenant === undefined ? {} : { tenant });

  context.print(summary, () => formatDelete(summary));

  if (summary.notFound.length > 0) throw unknownKeys(summary, tenant);
  return 0;
}

/** Registers `delete`. */
export function register(program: Command): void {
  withCommonOptions(
    program
      .command('delete')
      .description('delete stored documents by key (as search hits show it in documentKey)')
      .argument('<key...>', 'document keys, e.g. file:contracts/aftale.txt')
      .option('--tenant <tenant>', 'owner of the documents (default: public)'),
  ).action(action(remove));
}
