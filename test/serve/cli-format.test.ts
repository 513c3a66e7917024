import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatError } from '../../src/serve/cli/context.js';
import { formatIngest, renderHighlights } from '../../src/serve/cli/format.js';
import { dateOption, integerOption, listOption } from '../../src/serve/cli/parse.js';
import { LexhopError, isLexhopError } from '../../src/errors.js';

describe('formatError', () => {
  it('prints code, message, file:line and field on one line', () => {
    const error = new LexhopError('ERR_INGEST_BAD_JSON', 'line is not valid JSON', {
      file: 'data/laws.jsonl',
      line: 3,
    });
    assert.equal(
      formatError(error),
      'error ERR_INGEST_BAD_JSON: line is not valid JSON (data/laws.jsonl:3)',
    );

    const fielded = new LexhopError('ERR_CLI_USAGE', '--limit is wrong', { field: '--limit' });
    assert.equal(formatError(fielded), 'error ERR_CLI_USAGE: --limit is wrong (--limit)');
  });
});

describe('formatIngest', () => {
  it('lists the first 20 skips and counts the rest', () => {
    const skipped = Array.from({ length: 23 }, (_, i) => ({
      file: 'bad.jsonl',
      line: i + 1,
      code: 'ERR_INGEST_BAD_JSON',
      message: 'line is not valid JSON',
    }));
    const text = formatIngest({ documents: 2, chunks: 9, unchanged: 1, skipped, ms: 1500 });

    assert.match(text, /^ingested 2 documents, 9 chunks \(1 unchanged, 23 skipped\) in 1\.5 s/);
    assert.match(text, /bad\.jsonl:20 ERR_INGEST_BAD_JSON/);
    assert.doesNotMatch(text, /bad\.jsonl:21 /);
    assert.match(text, /… and 3 more/);
  });
});

describe('renderHighlights', () => {
  it('makes marked terms bold on a terminal and keeps the marks elsewhere', () => {
    assert.equal(renderHighlights('om «leje» af', true), 'om \u001b[1mleje\u001b[22m af');
    assert.equal(renderHighlights('om «leje» af', false), 'om «leje» af');
  });
});

describe('option parsers', () => {
  it('reject a limit out of range, naming the option', () => {
    const parse = integerOption('--limit', 1, 200);
    assert.equal(parse('20'), 20);
    assert.throws(() => parse('0'), (error) => isLexhopError(error, 'ERR_CLI_USAGE') &&
      error.details.field === '--limit');
    assert.throws(() => parse('2.5'));
  });

  it('reject dates that are not on the calendar', () => {
    const parse = dateOption('--from');
    assert.equal(parse('2024-02-29'), '2024-02-29');
    assert.throws(() => parse('2023-02-29'));
    assert.throws(() => parse('2024-2-1'));
  });

  it('collect repeated and comma-separated types', () => {
    assert.deepEqual(listOption('BEK', listOption('LBK, LOV', undefined)), ['LBK', 'LOV', 'BEK']);
  });
});
