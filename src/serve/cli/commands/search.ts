/** `lexhop search <query>`: ranked provisions, as text or as the SearchResponse JSON. */
import { Option, type Command } from 'commander';
import type { SearchFilters, SearchRequest } from '../../../retrieve/types.js';
import { action, withCommonOptions, type CommandContext, type CommonOptions } from '../context.js';
import { formatSearch } from '../format.js';
import { dateOption, integerOption, listOption } from '../parse.js';

interface SearchCliOptions extends CommonOptions {
  limit?: number;
  offset?: number;
  type?: string[];
  from?: string;
  to?: string;
  act?: string;
  versions?: 'current' | 'all';
  asOf?: string;
  perDocument?: number;
  tenant?: string;
  focus?: 'auto' | 'off';
  spans?: 'chunk' | 'tight';
}

/** The library request the options describe; options not given stay unset. */
export function searchRequestOf(query: string, options: SearchCliOptions): SearchRequest {
  const filters: SearchFilters = {};
  if (options.type !== undefined && options.type.length > 0) filters.docTypes = options.type;
  if (options.from !== undefined) filters.dateFrom = options.from;
  if (options.to !== undefined) filters.dateTo = options.to;
  if (options.act !== undefined) filters.act = options.act;

  const request: SearchRequest = { query };
  if (Object.keys(filters).length > 0) request.filters = filters;
  if (options.limit !== undefined) request.limit = options.limit;
  if (options.offset !== undefined) request.offset = options.offset;
  if (options.versions !== undefined) request.versions = options.versions;
  if (options.asOf !== undefined) request.asOf = options.asOf;
  if (options.perDocument !== undefined) request.perDocument = options.perDocument;
  if (options.tenant !== undefined) request.tenant = options.tenant;
  if (options.focus !== undefined) request.focus = options.focus;
  if (options.spans !== undefined) request.spans = options.spans;
  return request;
}

async function search(context: CommandContext<SearchCliOptions>, query: string): Promise<number> {
  const lexhop = await context.open({ readOnly: true });
  const response = await lexhop.search(searchRequestOf(query, context.options));
  const tty = context.io.stdout.isTTY === true;
  context.print(response, () => formatSearch(response, context.options.offset ?? 0, tty));
  return 0;
}

/** Registers `search`. */
export function register(program: Command): void {
  withCommonOptions(
    program
      .command('search')
      .description('search provisions; a citation in the query ("straffeloven § 263") comes first')
      .argument('<query>', 'words, a citation, or both')
      .option(
        '--limit <n>',
        'hits to show, 1 to 200 (default 10)',
        integerOption('--limit', 1, 200),
      )
      .option('--offset <n>', 'hits to skip (default 0)', integerOption('--offset', 0, 1_000))
      .option('--type <types>', 'document types, repeatable or comma list: LBK,LOV', listOption)
      .option('--from <date>', 'issued on or after YYYY-MM-DD', dateOption('--from'))
      .option('--to <date>', 'issued on or before YYYY-MM-DD', dateOption('--to'))
      .option('--act <act>', 'one act: key, family, title or short title (straffeloven)')
      .addOption(
        new Option('--versions <which>', 'current (default) or all versions of each act').choices([
          'current',
          'all',
        ]),
      )
      .option('--as-of <date>', 'the versions in force on YYYY-MM-DD', dateOption('--as-of'))
      .option(
        '--per-document <n>',
        'most hits per document, 0 for no grouping (default 3)',
        integerOption('--per-document', 0, 200),
      )
      .option('--tenant <tenant>', 'also search this tenant\'s private documents')
      .addOption(
        new Option('--focus <mode>', 'auto (default): narrow to a document the query names')
          .choices(['auto', 'off']),
      )
      .addOption(
        new Option('--spans <mode>', 'chunk (default) or tight: the best-matching sentences')
          .choices(['chunk', 'tight']),
      ),
  ).action(action(search));
}
