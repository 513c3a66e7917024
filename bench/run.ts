/**
 * The benchmark dispatcher: `npm run bench -- <name> [options]` runs
 * `bench/<name>.ts` (or a registered alias) and exits with its code.
 *
 *   npm run bench -- scale --sizes 20000      the scale benchmark (bench/scale.ts)
 *   npm run bench -- queries                  regenerate bench/queries/dk-mix.json
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  run?: (argv: string[]) => Promise<number>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const ALIASES: Record<string, string> = {
  queries: 'queries/generate.ts',
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    console.log('usage: npm run bench -- <scale|queries|…> [options]');
    return name === undefined ? 2 : 0;
  }
  const file = path.join(here, ALIASES[name] ?? `${name}.ts`);
  if (!/^[\w-]+$/u.test(name) || !existsSync(file)) {
    console.error(`no benchmark named ${name}`);
    return 2;
  }
  const module = (await import(pathToFileURL(file).href)) as BenchModule;
  // A module without `run` is a script that did its work on import.
  return module.run === undefined ? 0 : module.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
