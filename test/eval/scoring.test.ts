/** Character-span scoring with hand-made spans: overlaps, duplicates, empty results. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type FileSpan,
  mergeIntervals,
  scoreQuery,
  scoreSubset,
  truthLength,
} from '../../src/eval/scoring.js';
import { offsetMap } from '../../src/eval/offsets.js';

const span = (file: string, start: number, end: number): FileSpan => ({ file, start, end });

describe('mergeIntervals', () => {
  it('merges overlapping and touching intervals and drops empty ones', () => {
    const merged = mergeIntervals([[5, 9], [0, 3], [3, 4], [8, 12], [20, 20]]);
    assert.deepEqual(merged, [[0, 4], [5, 12]]);
  });
});

describe('scoreQuery', () => {
  const truth = [span('a.txt', 100, 200)];

  it('scores an exact hit as 1 and 1', () => {
    assert.deepEqual(scoreQuery(truth, [span('a.txt', 100, 200)], [1]), {
      precision: [1], recall: [1],
    });
  });

  it('counts only the overlapping characters', () => {
    // 50 of 100 returned characters are relevant; 50 of 100 truth characters found.
    const score = scoreQuery(truth, [span('a.txt', 150, 250)], [1]);
    assert.deepEqual(score, { precision: [0.5], recall: [0.5] });
  });

  it('does not credit the same span in another file', () => {
    assert.deepEqual(scoreQuery(truth, [span('b.txt', 100, 200)], [1]), {
      precision: [0], recall: [0],
    });
  });

  it('counts characters returned twice once, in precision and in recall', () => {
    const ranked = [span('a.txt', 100, 150), span('a.txt', 100, 150), span('a.txt', 120, 180)];
    // Union is [100, 180): 80 characters, all relevant.
    assert.deepEqual(scoreQuery(truth, ranked, [1, 2, 3]), {
      precision: [1, 1, 1], recall: [0.5, 0.5, 0.8],
    });
  });

  it('counts overlapping ground-truth spans once', () => {
    const doubled = [span('a.txt', 0, 100), span('a.txt', 50, 100), span('a.txt', 0, 100)];
    assert.equal(truthLength(doubled), 100);
    assert.deepEqual(scoreQuery(doubled, [span('a.txt', 0, 50)], [1]), {
      precision: [1], recall: [0.5],
    });
  });

  it('scores each k on the top k only', () => {
    const ranked = [span('a.txt', 0, 100), span('a.txt', 100, 200), span('b.txt', 0, 300)];
    const score = scoreQuery(truth, ranked, [1, 2, 3, 8]);
    assert.deepEqual(score.recall, [0, 1, 1, 1]);
    assert.deepEqual(score.precision, [0, 0.5, 0.2, 0.2]);
  });

  it('gives precision 0 and recall 0 for an empty result', () => {
    assert.deepEqual(scoreQuery(truth, [], [1, 4]), { precision: [0, 0], recall: [0, 0] });
  });

  it('spreads ground truth over several spans and files', () => {
    const spread = [span('a.txt', 0, 10), span('a.txt', 20, 30), span('b.txt', 0, 20)];
    const ranked = [span('a.txt', 5, 25), span('b.txt', 10, 40)];
    // a: [5,25) ∩ {[0,10),[20,30)} = 5 + 5; b: [10,40) ∩ [0,20) = 10.
    // 20 of 40 truth characters found, 20 of 50 returned ones relevant.
    assert.deepEqual(scoreQuery(spread, ranked, [2]), { precision: [0.4], recall: [0.5] });
  });
});

describe('scoreSubset', () => {
  it('averages per query and skips queries without ground-truth characters', () => {
    const score = scoreSubset([
      { truth: [span('a.txt', 0, 10)], ranked: [span('a.txt', 0, 10)] },
      { truth: [span('a.txt', 0, 10)], ranked: [] },
      { truth: [span('a.txt', 5, 5)], ranked: [span('a.txt', 0, 10)] },
      { truth: [], ranked: [span('a.txt', 0, 10)] },
    ], [1]);
    assert.deepEqual(score, { ks: [1], precision: [0.5], recall: [0.5], queries: 2, skipped: 2 });
  });
});

describe('offsetMap', () => {
  it('is the identity for text without astral characters', () => {
    const map = offsetMap('æøå § 12 – “quoted”');
    assert.equal(map.toCodePoint(7), 7);
    assert.equal(map.toUtf16(7), 7);
  });

  it('converts across characters outside the BMP', () => {
    const text = 'a😀b𝔸c';
    // Code points: a=0 😀=1 b=2 𝔸=3 c=4; UTF-16: a=0 😀=1,2 b=3 𝔸=4,5 c=6.
    const map = offsetMap(text);
    assert.deepEqual([0, 1, 3, 4, 6, 7].map((u) => map.toCodePoint(u)), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((c) => map.toUtf16(c)), [0, 1, 3, 4, 6, 7]);
    assert.equal(map.toCodePoint(2), 1, 'inside a pair rounds down');
    assert.equal([...text].slice(2, 4).join(''), text.slice(map.toUtf16(2), map.toUtf16(4)));
  });
});
