/** Tight spans: pieces of a chunk, term weights, and the span chosen. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzerFor } from '../../src/analyze/index.js';
import { pieces, termWeights, tightenHits, tightSpan } from '../../src/retrieve/spans.js';
import type { SearchHit } from '../../src/retrieve/types.js';

const en = analyzerFor('en');
const weightsOf = (terms: string[], value = 1): Map<string, number> =>
  new Map(terms.map((t) => [t, value]));

describe('pieces', () => {
  it('cuts at line breaks and sentence or clause ends, keeping every character', () => {
    const text = 'First rule applies. Second; third\nFourth: fifth';
    const found = pieces(text);
    assert.deepEqual(found.map((p) => text.slice(p.start, p.end)), [
      'First rule applies. ', 'Second; ', 'third\n', 'Fourth: ', 'fifth',
    ]);
    assert.equal(found.map((p) => text.slice(p.start, p.end)).join(''), text);
  });

  it('folds blank lines into the piece before them', () => {
    const text = 'One.\n\n\nTwo.';
    assert.deepEqual(pieces(text).map((p) => text.slice(p.start, p.end)), ['One.\n\n\n', 'Two.']);
  });
});

describe('tightSpan', () => {
  const text = 'Recipient shall keep records. ' +
    'Confidential information excludes public information. ' +
    'Public information includes published reports. ' +
    'This agreement ends after two years.';

  it('returns the best piece widened over neighbours that score nearly as well', () => {
    const weights = weightsOf(en.terms('public information'));
    const span = tightSpan(text, weights, en);
    assert.equal(text.slice(span.start, span.end),
      'Confidential information excludes public information. ' +
      'Public information includes published reports.');
  });

  it('keeps the best piece alone when neighbours score far less', () => {
    const weights = new Map([['end', 3], ['year', 3], ['inform', 0.1]]);
    const span = tightSpan(text, weights, en);
    assert.equal(text.slice(span.start, span.end), 'This agreement ends after two years.');
  });

  it('keeps the whole chunk when nothing matches or there is one piece', () => {
    assert.deepEqual(tightSpan(text, weightsOf(['zebra']), en), { start: 0, end: text.length });
    assert.deepEqual(tightSpan('One piece only', weightsOf(['piec']), en), { start: 0, end: 14 });
  });
});

describe('termWeights', () => {
  it('weighs a term every text holds below a rare one', () => {
    const weights = termWeights(new Set(['inform', 'audit']), [
      'information audit', 'information', 'information',
    ], () => en);
    assert.ok((weights.get('audit') as number) > (weights.get('inform') as number));
  });
});

describe('tightenHits', () => {
  it('moves start and end inside the chunk and keeps the chunk span; cited hits stay whole', () => {
    const chunkText = 'Intro words here. The audit clause sits here. Closing words.';
    const hit: SearchHit = {
      chunkId: 1, documentKey: 'file:a.txt', citation: 'a', score: 1, start: 100,
      end: 100 + chunkText.length, snippet: '', text: chunkText, matchedBy: 'text',
      document: { key: 'file:a.txt', family: 'a', title: 'a', docType: 'text', current: true },
    };
    tightenHits([hit], new Set(en.terms('audit clause')), () => en);
    assert.equal(chunkText.slice(hit.start - 100, hit.end - 100), 'The audit clause sits here.');
    assert.equal(hit.chunkStart, 100);
    assert.equal(hit.chunkEnd, 100 + chunkText.length);

    const end = 100 + chunkText.length;
    const cited: SearchHit = { ...hit, start: 100, end, matchedBy: 'citation' };
    delete cited.chunkStart;
    delete cited.chunkEnd;
    tightenHits([cited], new Set(en.terms('audit clause')), () => en);
    assert.deepEqual([cited.start, cited.end, cited.chunkStart], [100, end, undefined]);
  });
});
