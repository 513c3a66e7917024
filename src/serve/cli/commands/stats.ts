/** `lexhop stats`: what the data folder holds. */
import type { Command } from 'commander';
import { action, withCommonOptions, type CommandContext } from '../context.js';
import { formatStats } from '../format.js';

async function stats(context: CommandContext): Promise<number> {
  const lexhop = await context.open({ readOnly: true });
  const result = lexhop.stats();
  context.print(result, () => formatStats(result));
  return 0;
}

/** Registers `stats`. */
export function register(program: Command): void {
  withCommonOptions(
    program.command('stats').description('count documents and chunks in the data folder'),
  ).action(action(stats));
}
