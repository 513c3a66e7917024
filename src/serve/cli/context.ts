/**
 * What every command shares: the common options (`--json`, `--data`,
 * `--engine`), opening the data folder, printing JSON or text, and turning
 * errors into one line on standard error and an exit code.
 *
 * Exit codes: 0 done, 1 unexpected failure (a bug), 2 bad input or a
 * failure the user can act on (any LexhopError, a bad command line).
 */
import { Command, Option } from 'commander';
import { isLexhopError, LexhopError } from '../../errors.js';
import { openLexhop, type Lexhop, type OpenOptions } from '../../lexhop.js';
import { createLogger, type Logger } from '../../log.js';

/** Where a command writes; the process streams unless a test passes its own. */
export interface CliOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
}

/** Options every command takes. */
export interface CommonOptions {
  /** Print machine-readable JSON on standard output. */
  json?: boolean;
  /** Data folder. Default: `LEXHOP_DATA`, else `./.lexhop`. */
  data?: string;
  /** Engine. Default `lexhop`. */
  engine?: 'lexhop' | 'fts5';
}

/** What an action gets besides its arguments. */
export interface CommandContext<O extends CommonOptions = CommonOptions> {
  options: O;
  io: CliIo;
  /** Writes a line to standard output. */
  out(line: string): void;
  /** Writes a line to standard error. */
  err(line: string): void;
  /** Prints `value` as JSON when `--json` was given, else the text `human()` returns. */
  print(value: unknown, human: () => string): void;
  /** Opens the data folder of `--data`; it is closed when the action ends. */
  open(extra?: Partial<OpenOptions>): Promise<Lexhop>;
  /** Logs to standard error; level `LEXHOP_LOG_LEVEL`, default `warn`. */
  logger: Logger;
}

interface CliState {
  io: CliIo;
  exitCode: number;
}

const states = new WeakMap<Command, CliState>();

function rootOf(command: Command): Command {
  let root = command;
  while (root.parent !== null) root = root.parent;
  return root;
}

/** Binds a program to its streams; main() calls this before parsing. */
export function attachIo(program: Command, io: CliIo): void {
  states.set(program, { io, exitCode: 0 });
}

/** The exit code the last action set. */
export function exitCodeOf(program: Command): number {
  return states.get(program)?.exitCode ?? 0;
}

/** Adds `--json`, `--data <folder>` (env LEXHOP_DATA) and `--engine <name>`. */
export function withCommonOptions(command: Command): Command {
  return command
    .option('--json', 'print JSON on standard output')
    .addOption(
      new Option('--data <folder>', 'data folder (default ./.lexhop)').env('LEXHOP_DATA'),
    )
    .addOption(
      new Option('--engine <name>', 'search engine (default lexhop)')
        .choices(['lexhop', 'fts5'])
        .env('LEXHOP_ENGINE'),
    );
}

/** `error ERR_CODE: message (file:line / field)`, the one line a failure prints. */
export function formatError(error: unknown): string {
  if (!isLexhopError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return `error ERR_INTERNAL: ${message}`;
  }

  const { file, line, field } = error.details;
  const where: string[] = [];
  if (file !== undefined) where.push(line === undefined ? file : `${file}:${line}`);
  if (field !== undefined) where.push(field);
  const suffix = where.length === 0 ? '' : ` (${where.join(' / ')})`;
  return `error ${error.code}: ${error.message}${suffix}`;
}

/** 2 for errors the user can act on, 1 for bugs. */
export function exitCodeFor(error: unknown): number {
  return isLexhopError(error) ? 2 : 1;
}

/**
 * The error as one JSON line, for `--json` callers that parse standard error
 * too: `{"error":{"code":"ERR_CLI_USAGE","message":"…","field":"--limit"}}`.
 */
export function formatErrorJson(error: unknown): string {
  if (!isLexhopError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return JSON.stringify({ error: { code: 'ERR_INTERNAL', message } });
  }
  const { file, line, field } = error.details;
  return JSON.stringify({ error: { code: error.code, message: error.message, file, line, field } });
}

/**
 * Writes the error line, as JSON with `json` (and, with LEXHOP_DEBUG, the
 * stack), and returns the exit code.
 */
export function reportError(io: CliIo, error: unknown, json = false): number {
  io.stderr.write(`${json ? formatErrorJson(error) : formatError(error)}\n`);
  if (process.env.LEXHOP_DEBUG !== undefined && error instanceof Error && error.stack) {
    io.stderr.write(`${error.stack}\n`);
  }
  return exitCodeFor(error);
}

/** The streams of the process. */
export function processIo(): CliIo {
  // `lexhop search … | head -1` closes the pipe early: that is the reader's
  // choice, not an error, so stop quietly instead of crashing on EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return { stdout: process.stdout, stderr: process.stderr };
}

/**
 * Wraps a command's handler for `command.action()`. The handler gets a
 * context and the command's arguments, and returns its exit code (default 0).
 * Example: `.action(action(async (ctx, query: string) => { … }))`.
 */
export function action<A extends unknown[], O extends CommonOptions = CommonOptions>(
  handler: (context: CommandContext<O>, ...args: A) => Promise<number | void>,
): (...raw: unknown[]) => Promise<void> {
  return async (...raw: unknown[]): Promise<void> => {
    const command = raw[raw.length - 1] as Command;
    const args = raw.slice(0, -2) as A;
    const state = states.get(rootOf(command)) ?? { io: processIo(), exitCode: 0 };
    const options = command.optsWithGlobals<O>();
    const opened: Lexhop[] = [];

    const context: CommandContext<O> = {
      options,
      io: state.io,
      out: (line) => state.io.stdout.write(`${line}\n`),
      err: (line) => state.io.stderr.write(`${line}\n`),
      print: (value, human) => {
        const text = options.json === true ? JSON.stringify(value, null, 2) : human();
        state.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      },
      open: async (extra = {}) => {
        const lexhop = await openLexhop({
          ...(options.data === undefined ? {} : { dataDir: options.data }),
          ...(options.engine === undefined ? {} : { engine: options.engine }),
          logger: context.logger,
          ...extra,
        });
        opened.push(lexhop);
        return lexhop;
      },
      logger: createLogger({ level: process.env.LEXHOP_LOG_LEVEL ?? 'warn' }),
    };

    try {
      state.exitCode = (await handler(context, ...args)) ?? 0;
    } catch (error) {
      state.exitCode = reportError(state.io, error, context.options.json === true);
    } finally {
      for (const lexhop of opened) await lexhop.close();
    }
  };
}

/** A usage error naming the option, e.g. `usageError('--limit', 'must be 1 to 200')`. */
export function usageError(option: string, problem: string): LexhopError {
  return new LexhopError('ERR_CLI_USAGE', `${option} ${problem}`, { field: option });
}
