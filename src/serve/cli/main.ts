/**
 * The `lexhop` command line. `main` parses, runs one command and returns its
 * exit code; it never calls `process.exit`, so tests can run it in-process.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { register as registerAsk } from './commands/ask.js';
import { register as registerDelete } from './commands/delete.js';
import { register as registerEval } from './commands/eval.js';
import { register as registerIngest } from './commands/ingest.js';
import { register as registerSearch } from './commands/search.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerStats } from './commands/stats.js';
import { attachIo, exitCodeOf, processIo, reportError, type CliIo } from './context.js';

function packageVersion(): string {
  // src/serve/cli and dist/serve/cli are both three levels below the package root.
  const manifest = new URL('../../../package.json', import.meta.url);
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Builds the program with every command registered; `json` words usage errors as JSON. */
export function createProgram(io: CliIo, json = false): Command {
  const program = new Command('lexhop')
    .description('legal retrieval: exact provisions, checkable citations')
    .version(packageVersion())
    .showHelpAfterError(json ? false : '(run with --help for usage)')
    // Set before the commands are added: subcommands copy these settings.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(json
        ? `${JSON.stringify({ error: { code: 'ERR_CLI_USAGE', message: text.replace(/^error: /u, '').trim() } })}\n`
        : text.replace(/^error: /u, 'error ERR_CLI_USAGE: ')),
    });

  registerIngest(program);
  registerSearch(program);
  registerDelete(program);
  registerServe(program);
  registerStats(program);
  registerAsk(program);
  registerEval(program);

  attachIo(program, io);
  return program;
}

/**
 * Runs the command line `argv` (as in `process.argv`: node, script, args…).
 * Returns 0 on success, 2 for bad input or usage, 1 for unexpected failures.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  // Known before parsing, so even a usage error is JSON when the caller asked for JSON.
  const json = argv.includes('--json');
  const program = createProgram(io, json);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(io, error, json);
  }
  return exitCodeOf(program);
}
