/** `lexhop eval legalbench-rag` through commander: tables, JSON, report files and usage errors. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Command, CommanderError } from 'commander';
import type { EvalReport } from '../../src/eval/report.js';
import { openLexhop } from '../../src/lexhop.js';
import { register } from '../../src/serve/cli/commands/eval.js';
import { attachIo, exitCodeOf, reportError } from '../../src/serve/cli/context.js';

const root = mkdtempSync(path.join(tmpdir(), 'lexhop-eval-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

const text = 'Privacy policy of Acme.\nWe never sell your data to anyone.\n' +
  'We keep logs for a year.\n';
mkdirSync(path.join(root, 'bench', 'corpus', 'tiny'), { recursive: true });
mkdirSync(path.join(root, 'bench', 'benchmarks'), { recursive: true });
writeFileSync(path.join(root, 'bench', 'corpus', 'tiny', 'Acme.txt'), text);
const answer = 'We never sell your data to anyone.';
writeFileSync(path.join(root, 'bench', 'benchmarks', 'tiny.json'), JSON.stringify({
  tests: [{
    query: "Consider Acme's privacy policy; do you sell my data?",
    snippets: [{
      file_path: 'tiny/Acme.txt',
      span: [text.indexOf(answer), text.indexOf(answer) + answer.length],
    }],
  }],
}));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  };
  const program = new Command('lexhop').exitOverride().configureOutput({
    writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s),
  });
  register(program);
  attachIo(program, io);
  // As main() does: commander's own errors are already printed; others get one line.
  try {
    await program.parseAsync(['node', 'lexhop', ...args]);
  } catch (error) {
    const code = error instanceof CommanderError ? 2 : reportError(io, error);
    return { code, stdout, stderr };
  }
  return { code: exitCodeOf(program), stdout, stderr };
}

describe('lexhop eval legalbench-rag', () => {
  const benchmarks = path.join(root, 'bench');
  const reports = path.join(root, 'reports');

  it('prints a table with every k and writes the JSON report', async () => {
    const result = await run(['eval', 'legalbench-rag', '--benchmarks', benchmarks,
      '--subset', 'tiny', '--k', '1,2', '--reports', reports]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /\| run \| engine \| P@1 \| P@2 \| R@1 \| R@2 \| ms\/q \|/u);
    assert.match(result.stdout, /\| lexhop \| lexhop-bm25 \|/u);
    assert.match(result.stdout, /\| fts5 plain \| sqlite-fts5 \|/u);
    const [file] = readdirSync(reports);
    const json = readFileSync(path.join(reports, file as string), 'utf8');
    const written = JSON.parse(json) as EvalReport;
    assert.equal(written.subsets[0]?.subset, 'tiny');
  });

  it('prints the report as JSON with --json', async () => {
    const result = await run(['eval', 'legalbench-rag', '--benchmarks', benchmarks,
      '--engine', 'lexhop', '--json', '--reports', reports]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as EvalReport;
    const labels = report.subsets[0]?.runs.map((r) => r.label);
    assert.deepEqual(labels, ['lexhop', 'lexhop tight', 'lexhop plain']);
    assert.equal(report.subsets[0]?.runs[0]?.score.recall[0], 1);
  });

  it('fails with a usage error naming the option', async () => {
    const result = await run(['eval', 'legalbench-rag', '--benchmarks', benchmarks, '--k', '0,x']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /ERR_CLI_USAGE: --k must be whole numbers/u);
  });

  // Regression: `--subset ''` exited 0 printing nothing, and no tests printed a table of zeros.
  it('refuses an empty subset list and a benchmark without queries', async () => {
    for (const subset of ['', ',']) {
      const result = await run(['eval', 'legalbench-rag', '--benchmarks', benchmarks,
        '--subset', subset, '--reports', reports]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /ERR_CLI_USAGE: --subset names no subset/u);
    }
    const empty = path.join(root, 'empty-bench');
    mkdirSync(path.join(empty, 'corpus', 'none'), { recursive: true });
    mkdirSync(path.join(empty, 'benchmarks'), { recursive: true });
    writeFileSync(path.join(empty, 'corpus', 'none', 'a.txt'), 'Some text.\n');
    writeFileSync(path.join(empty, 'benchmarks', 'none.json'), '{"tests": []}');
    const result = await run(['eval', 'legalbench-rag', '--benchmarks', empty, '--reports', reports]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /ERR_EVAL_BAD_BENCHMARK: "tests" holds no queries/u);
  });

  it('names the missing subset and exits 2', async () => {
    const result = await run(['eval', 'legalbench-rag', '--benchmarks', benchmarks,
      '--subset', 'nope', '--reports', reports]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /ERR_EVAL_BAD_BENCHMARK.*nope/u);
  });
});

describe('lexhop eval citations', () => {
  const data = path.join(root, 'acts-data');

  it('finds every sampled provision of the data folder first, and prints each form', async () => {
    const acts = path.join(root, 'acts.jsonl');
    writeFileSync(acts, `${JSON.stringify({
      id: '2024:1160', title: 'Bekendtgørelse af lov om rettens pleje', short_name: 'LBK H#1',
      status: 'in_force', issued_date: '2024-11-05',
      provisions: [
        { ref: '1:1', chapter: '1', section: '1', content: '§ 1. Retterne. Stk. 2. Landsretterne.' },
        { ref: '1:2', chapter: '1', section: '2', content: '§ 2. Dommere udnævnes.' },
      ],
    })}\n`);
    const lexhop = await openLexhop({ dataDir: data });
    await lexhop.ingest([acts]);
    await lexhop.close();

    const result = await run(['eval', 'citations', '--data', data, '--sample', '2']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\d+\/\d+ citation queries found their provision first \(2 provisions/u);
    assert.match(result.stdout, /stk-i-title: 2\/2/u);
    assert.doesNotMatch(result.stdout, /miss/u);
  });

  it('refuses a data folder without provisions, and a bad sample size', async () => {
    const empty = path.join(root, 'empty-data');
    const lexhop = await openLexhop({ dataDir: empty });
    await lexhop.close();
    const none = await run(['eval', 'citations', '--data', empty]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /ERR_CLI_USAGE: --data/u);
    const bad = await run(['eval', 'citations', '--data', data, '--sample', '-3']);
    assert.equal(bad.code, 2);
  });
});
