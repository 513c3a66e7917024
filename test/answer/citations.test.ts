import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CitationStreamFilter, cleanCitations, declined } from '../../src/answer/citations.js';

test('citations: valid markers stay, invented ones are removed and reported', () => {
  const cleaned = cleanCitations('Varslet er tre måneder [1]. Det gælder også fremleje [9].', 3);
  assert.equal(cleaned.text, 'Varslet er tre måneder [1]. Det gælder også fremleje.');
  assert.deepEqual(cleaned.cited, [1]);
  assert.deepEqual(cleaned.invented, [9]);
});

test('citations: lists and ranges keep their valid numbers only', () => {
  const cleaned = cleanCitations('Se [1, 7] og [2-4] samt [0].', 3);
  assert.equal(cleaned.text, 'Se [1] og [2, 3] samt.');
  assert.deepEqual(cleaned.cited, [1, 2, 3]);
  assert.deepEqual(cleaned.invented, [0, 4, 7]);
});

test('citations: brackets that are not markers are left alone', () => {
  const text = 'Jf. [bilag 1] og [a].';
  assert.equal(cleanCitations(text, 2).text, text);
});

test('citations: the stream filter shows what the final cleaning gives, in any split', () => {
  const reply = 'Lejer kan opsige [1] med varsel [12]. Se også [2, 9] og [3]';
  const final = cleanCitations(reply, 3).text;
  for (const size of [1, 2, 3, 5, 8, 13]) {
    const filter = new CitationStreamFilter(3);
    let shown = '';
    for (let at = 0; at < reply.length; at += size) {
      shown += filter.push(reply.slice(at, at + size));
    }
    shown += filter.flush();
    assert.equal(shown, final, `pieces of ${size}`);
  }
});

test('citations: a NO_ANSWER reply is not streamed', () => {
  const filter = new CitationStreamFilter(3);
  const shown = ['NO_', 'ANS', 'WER', ' – kilderne dækker det ikke'].map((p) => filter.push(p));
  assert.equal(shown.join('') + filter.flush(), '');
  assert.ok(declined('NO_ANSWER'));
  assert.ok(!declined('Svaret er ja [1].'));
});

test('citations: a reply starting like NO_ANSWER but not it is streamed whole', () => {
  const filter = new CitationStreamFilter(3);
  const shown = ['NO', 'TE: ', 'se [1]'].map((p) => filter.push(p)).join('') + filter.flush();
  assert.equal(shown, 'NOTE: se [1]');
});
