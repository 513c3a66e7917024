/**
 * The LegalBench-RAG layout: reading and checking a benchmark folder, and
 * the harness end to end on a small hand-made one (real ingest, real index).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { isLexhopError } from '../../src/errors.js';
import { listSubsets, loadSubset } from '../../src/eval/legalbench.js';
import { evaluateSubset } from '../../src/eval/run.js';
import { evalRuns } from '../../src/eval/runs.js';

const folders: string[] = [];
after(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

interface Snippet {
  file_path: string;
  span: [number, number];
}

/** A benchmark folder with the given documents and tests. */
function benchmarkFolder(
  documents: Record<string, string>,
  tests: { query: string; snippets: Snippet[] }[] | string,
  subset = 'tiny',
): string {
  const root = mkdtempSync(path.join(tmpdir(), 'lexhop-bench-'));
  folders.push(root);
  mkdirSync(path.join(root, 'corpus', subset), { recursive: true });
  mkdirSync(path.join(root, 'benchmarks'), { recursive: true });
  for (const [name, text] of Object.entries(documents)) {
    writeFileSync(path.join(root, 'corpus', subset, name), text);
  }
  const body = typeof tests === 'string' ? tests : JSON.stringify({ tests });
  writeFileSync(path.join(root, 'benchmarks', `${subset}.json`), body);
  return root;
}

/** The code-point span of `needle` in `text`, as a Python annotator would give it. */
function codePointSpan(text: string, needle: string): [number, number] {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} is in the text`);
  const start = [...text.slice(0, at)].length;
  return [start, start + [...needle].length];
}

function rejects(run: () => unknown, field: string | undefined, file?: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(isLexhopError(error, 'ERR_EVAL_BAD_BENCHMARK'), String(error));
    assert.equal(error.details.field, field);
    if (file !== undefined) assert.match(String(error.details.file), file);
    return true;
  });
}

describe('loadSubset', () => {
  it('reads queries, spans and files', () => {
    const root = benchmarkFolder({ 'a.txt': 'Hello world' }, [
      { query: 'hello?', snippets: [{ file_path: 'tiny/a.txt', span: [0, 5] }] },
    ]);
    const subset = loadSubset(root, 'tiny');
    assert.deepEqual(subset.files, ['tiny/a.txt']);
    assert.deepEqual(subset.queries, [
      { query: 'hello?', truth: [{ file: 'tiny/a.txt', start: 0, end: 5 }] },
    ]);
    assert.deepEqual(listSubsets(root), ['tiny']);
  });

  it('measures spans in code points, not UTF-16 units', () => {
    // 11 code points, 12 UTF-16 units: a span ending at 11 is inside the file.
    const root = benchmarkFolder({ 'a.txt': '😀 and text' }, [
      { query: 'q', snippets: [{ file_path: 'tiny/a.txt', span: [2, 10] }] },
    ]);
    assert.equal(loadSubset(root, 'tiny').queries.length, 1);
    const beyond = benchmarkFolder({ 'a.txt': '😀 and text' }, [
      { query: 'q', snippets: [{ file_path: 'tiny/a.txt', span: [2, 11] }] },
    ]);
    rejects(() => loadSubset(beyond, 'tiny'), 'tests[0].snippets[0].span');
  });

  it('names the subset, file and field that is wrong', () => {
    const root = benchmarkFolder({ 'a.txt': 'Hello' }, []);
    rejects(() => loadSubset(root, 'other'), undefined, /other\.json$/u);
    rejects(() => loadSubset(benchmarkFolder({ 'a.txt': 'x' }, '{"tests": [nope'), 'tiny'),
      undefined, /tiny\.json$/u);
    rejects(() => loadSubset(benchmarkFolder({ 'a.txt': 'x' }, '{"cases": []}'), 'tiny'), 'tests');
    rejects(() => loadSubset(benchmarkFolder({ 'a.txt': 'x' }, [
      { query: '', snippets: [] },
    ]), 'tiny'), 'tests[0].query');
    rejects(() => loadSubset(benchmarkFolder({ 'a.txt': 'x' }, [
      { query: 'q', snippets: [{ file_path: 'tiny/missing.txt', span: [0, 1] }] },
    ]), 'tiny'), 'tests[0].snippets[0].file_path');
    rejects(() => loadSubset(benchmarkFolder({ 'a.txt': 'xyz' }, [
      { query: 'q', snippets: [{ file_path: 'tiny/a.txt', span: [2, 1] }] },
    ]), 'tiny'), 'tests[0].snippets[0].span');
  });
});

describe('evaluateSubset', () => {
  const acme = [
    'Mutual Non-Disclosure Agreement between Acme Ltd and Zeta Inc.',
    '',
    '1. Definitions',
    'Confidential Information means any information disclosed by either party. 🚀',
    '',
    '2. Term',
    'The obligations of confidentiality survive for five years after termination.',
    '',
    '3. Return of materials',
    'On request the recipient shall return or destroy all copies of the materials.',
  ].join('\n');
  const beta = [
    'Non-Disclosure Agreement of Beta GmbH',
    '',
    '1. Term',
    'This agreement and its confidentiality obligations end after two years.',
    '',
    '2. Governing law',
    'The laws of Germany govern this agreement.',
  ].join('\n');
  const answer = 'The obligations of confidentiality survive for five years after termination.';
  const tests = [{
    query: 'Consider the Non-Disclosure Agreement between Acme and Zeta; how long do the ' +
      'confidentiality obligations survive termination?',
    snippets: [{ file_path: 'tiny/Acme_Zeta_NDA.txt', span: codePointSpan(acme, answer) }],
  }];

  it('ingests, searches and scores both engines on the same chunks', async () => {
    const root = benchmarkFolder({ 'Acme_Zeta_NDA.txt': acme, 'Beta_NDA.txt': beta }, tests);
    const report = await evaluateSubset(loadSubset(root, 'tiny'), {
      ks: [1, 4], runs: evalRuns(['lexhop', 'fts5']),
    });

    assert.equal(report.documents, 2);
    assert.deepEqual(report.runs.map((r) => r.label), [
      'lexhop', 'lexhop tight', 'lexhop plain', 'fts5', 'fts5 tight', 'fts5 plain',
    ]);
    for (const run of report.runs) {
      assert.equal(run.checks.unmappedHits, 0, `${run.label}: every hit is a benchmark file`);
      assert.equal(run.checks.textMismatches, 0, `${run.label}: hit text is at its offsets`);
      assert.equal(run.score.recall[1], 1, `${run.label}: the answer is in the top 4`);
    }
    // The full pipeline finds the named contract's clause first and returns it alone.
    const full = report.runs[0];
    assert.equal(full?.score.recall[0], 1);
    assert.ok((full?.score.precision[0] ?? 0) > 0.9, `precision@1 ${full?.score.precision[0]}`);
  });
});
