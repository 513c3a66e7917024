/**
 * `lexhop ask "<question>"`: an answer with numbered citations. With a
 * language model configured (`LEXHOP_LLM_*`) the answer streams to a terminal
 * as it is written; otherwise it is extractive (quoted sentences). Piped
 * output gets only the final answer. `--json` prints the whole AnswerResponse
 * instead.
 */
import type { Command } from 'commander';
import { answerQuestion } from '../../../answer/index.js';
import { providerFromEnv } from '../../../answer/providers/config.js';
import type { AnswerEvent, AnswerRequest, AnswerResponse } from '../../../answer/types.js';
import { action, withCommonOptions, type CommandContext, type CommonOptions } from '../context.js';
import { dateOption, integerOption } from '../parse.js';

interface AskCliOptions extends CommonOptions {
  limit?: number;
  act?: string;
  tenant?: string;
  asOf?: string;
  hops?: number;
  budgetMs?: number;
  decompose?: boolean;
  llm?: boolean;
}

/** The library request the options describe. */
export function askRequestOf(question: string, options: AskCliOptions): AnswerRequest {
  const request: AnswerRequest = { question };
  if (options.limit !== undefined) request.limit = options.limit;
  if (options.act !== undefined) request.filters = { act: options.act };
  if (options.tenant !== undefined) request.tenant = options.tenant;
  if (options.asOf !== undefined) request.asOf = options.asOf;
  // `--no-decompose` makes commander default the flag to true; only `false` is a choice.
  if (options.decompose === false) request.decompose = false;
  return request;
}

/** The sources, hops and flags under an answer, for a person. */
export function formatAnswerDetails(response: AnswerResponse): string {
  const numberOf = new Map(response.sources.map((s) => [s.chunkId, s.n]));
  const cited = new Set(response.citations.map((c) => c.n));
  const refs = (ids: number[]): string =>
    ids.length === 0 ? 'nothing new' : ids.map((id) => `[${numberOf.get(id) ?? '?'}]`).join(' ');

  const lines = ['', 'Sources:'];
  if (response.sources.length === 0) lines.push('  (none found)');
  for (const source of response.sources) {
    const mark = cited.has(source.n) ? '*' : ' ';
    lines.push(`${mark} [${source.n}] ${source.citation} (chunk ${source.chunkId})`);
  }

  lines.push('', 'Hops:');
  for (const hop of response.hops) {
    const from = hop.from === undefined ? '' : ` from [${numberOf.get(hop.from) ?? '?'}]`;
    const what = hop.ref === undefined ? '' : ` "${hop.ref}"`;
    lines.push(`  ${hop.kind}${from}${what} → ${refs(hop.chunkIds)} (${hop.ms} ms)`);
  }

  const notes: string[] = [];
  const { flags } = response;
  if (flags.inventedCitations.length > 0) {
    const invented = flags.inventedCitations.map((n) => `[${n}]`).join(' ');
    notes.push(`invented citations removed: ${invented}`);
  }
  if (flags.unsupported) {
    notes.push(`not answered by the sources (${flags.unsupportedReason ?? 'unknown'})`);
  }
  if (flags.degraded !== undefined) notes.push(`language model failed: ${flags.degraded.message}`);
  if (flags.budgetExhausted !== undefined) {
    notes.push(`hop budget ran out (${flags.budgetExhausted})`);
  }
  if (notes.length > 0) lines.push('', ...notes.map((note) => `note: ${note}`));
  lines.push('', `${response.mode}${response.model === undefined ? '' : ` (${response.model})`}, ` +
    `${response.tookMs} ms; * = cited`);
  return lines.join('\n');
}

/** The line that ends model text the answer no longer uses, e.g. after a timeout. */
export function abandonedMarker(reason: string): string {
  return `[model answer abandoned: ${reason}; quoted answer follows]`;
}

async function ask(context: CommandContext<AskCliOptions>, question: string): Promise<number> {
  const provider = context.options.llm === false ? undefined : providerFromEnv(process.env);
  const lexhop = await context.open({ readOnly: true });
  const request = askRequestOf(question, context.options);
  const { hops, budgetMs } = context.options;
  const budget = hops === undefined && budgetMs === undefined ? {} : {
    budget: {
      ...(hops === undefined ? {} : { hops }),
      ...(budgetMs === undefined ? {} : { ms: budgetMs }),
    },
  };

  if (context.options.json === true) {
    const response = await answerQuestion(lexhop, request, {
      ...(provider === undefined ? {} : { provider }),
      ...budget,
    });
    context.print(response, () => '');
    return 0;
  }

  // Only a terminal sees the model's text as it comes: a reader there can be
  // told when it is abandoned, but a pipe or a file keeps whatever was written,
  // so it gets the final answer alone.
  const live = context.io.stdout.isTTY === true;
  let shown = '';
  const onEvent = (event: AnswerEvent): void => {
    if (!live) return;
    if (event.type === 'delta') {
      shown += event.text;
      context.io.stdout.write(event.text);
    } else if (event.type === 'degraded' && shown !== '') {
      // The why is in the notes under the answer; here only where the model's text ends.
      context.io.stdout.write(`\n${abandonedMarker(event.reason)}\n\n`);
      shown = '';
    }
  };
  const response = await answerQuestion(lexhop, request, {
    ...(provider === undefined ? {} : { provider }),
    ...budget,
    onEvent,
  });

  // The checks after the stream may have replaced what was shown.
  if (shown === '') context.out(response.answer);
  else if (shown.trim() !== response.answer.trim()) context.out(`\n\n${response.answer}`);
  else context.out('');
  context.out(formatAnswerDetails(response));
  return 0;
}

/** Registers `ask`. */
export function register(program: Command): void {
  withCommonOptions(
    program
      .command('ask')
      .description('answer with numbered citations (extractive unless LEXHOP_LLM_PROVIDER is set)')
      .argument('<question>', 'the question, in plain language')
      .option(
        '--limit <n>',
        'search hits to answer from, 1 to 20 (default 5)',
        integerOption('--limit', 1, 20),
      )
      .option('--act <act>', 'answer from one act: key, family, title or short title')
      .option('--tenant <tenant>', 'also use this tenant\'s private documents')
      .option('--as-of <date>', 'the versions in force on YYYY-MM-DD', dateOption('--as-of'))
      .option(
        '--hops <n>',
        'most hops after the search, 0 to 20 (default 6)',
        integerOption('--hops', 0, 20),
      )
      .option(
        '--budget-ms <ms>',
        'time for the whole answer, the model\'s included, 0 to 60000 ' +
          '(default 3000; 10000 with a language model)',
        integerOption('--budget-ms', 0, 60_000),
      )
      .option('--no-decompose', 'do not split the question into sub-questions')
      .option('--no-llm', 'answer extractively even when a language model is configured'),
  ).action(action(ask));
}
