import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_CORPUS, generateQueryMix } from '../../bench/queries/generate.js';
import { DEFAULT_MIX_FILE, loadQueryMix, QUERY_KINDS } from '../../bench/queries/mix.js';
import { mulberry32, shuffle } from '../../src/eval/prng.js';
import { RepeatedBodies, UniqueBodies } from '../../bench/scale/bodies.js';
import { parseScaleOptions, sizeLabel } from '../../bench/scale/options.js';
import { percentile, summarize } from '../../bench/scale/percentiles.js';
import { fitPower, maxRateWithin } from '../../bench/scale/results.js';
import type { LoadStep } from '../../bench/scale/load.js';

test('mulberry32 gives the same sequence for the same seed, another for another', () => {
  const a = mulberry32(7);
  const b = mulberry32(7);
  const c = mulberry32(8);
  const first = [a(), a(), a()];
  assert.deepEqual([b(), b(), b()], first);
  assert.notDeepEqual([c(), c(), c()], first);
  assert.ok(first.every((x) => x >= 0 && x < 1));
  assert.deepEqual(shuffle(mulberry32(1), [1, 2, 3, 4, 5]), shuffle(mulberry32(1), [1, 2, 3, 4, 5]));
});

test('percentile uses the nearest rank', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(values, 50), 50);
  assert.equal(percentile(values, 99), 99);
  assert.equal(percentile(values, 100), 100);
  assert.equal(percentile([5], 99), 5);
  const summary = summarize([3, 1, 2]);
  assert.equal(summary.count, 3);
  assert.equal(summary.p50, 2);
  assert.equal(summary.max, 3);
  assert.equal(summary.mean, 2);
});

test('fitPower recovers the exponent of a power law and extrapolates it', () => {
  const points = [1e5, 3e5, 1e6].map((x) => ({ x, y: 2 * x ** 0.5 }));
  const fit = fitPower(points, 1e7);
  assert.ok(fit !== undefined);
  assert.ok(Math.abs(fit.exponent - 0.5) < 1e-9);
  assert.ok(Math.abs(fit.at10M - 2 * 1e7 ** 0.5) < 1e-6);
  assert.equal(fitPower([{ x: 1, y: 1 }], 10), undefined);
});

test('maxRateWithin ignores steps over the p99 limit or with failures', () => {
  const step = (achievedRps: number, p99: number, errors = 0): LoadStep => ({
    mode: 'paced', targetRps: achievedRps, durationS: 1, completed: 100, achievedRps,
    latencyMs: { mean: 1, p50: 1, p90: 1, p99, max: p99 }, errors, timeouts: 0, non2xx: 0, cacheHits: 0,
    bytesPerResponse: 0,
  });
  assert.equal(maxRateWithin([step(100, 10), step(200, 90), step(300, 150)], 100), 200);
  assert.equal(maxRateWithin([step(100, 10), step(200, 10, 50)], 100), 100);
});

test('UniqueBodies does not repeat a body over many passes of the mix', () => {
  const queries = [
    { id: 'a', kind: 'words' as const, query: 'lejer' },
    { id: 'b', kind: 'words' as const, query: 'udlejer' },
  ];
  for (const mode of ['tenant', 'limit'] as const) {
    const bodies = new UniqueBodies(queries, mode);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i += 1) seen.add(bodies.next());
    assert.equal(seen.size, 500, mode);
    assert.equal(bodies.sent, 500);
  }
  // Tenant mode keeps the request as the in-process timing sends it: no limit.
  const opening = JSON.parse(new UniqueBodies(queries).next()) as Record<string, unknown>;
  assert.deepEqual(opening, { query: 'lejer' });
  const repeated = new RepeatedBodies(queries);
  const [first, second, third] = [repeated.next(), repeated.next(), repeated.next()];
  assert.notEqual(first, second);
  assert.equal(first, third);
});

test('options: sizes, labels and unknown options', () => {
  const options = parseScaleOptions(['--sizes', '20000,full', '--http', 'none'], '/repo');
  assert.deepEqual(options.sizes, [20000, 'full']);
  assert.deepEqual(options.http, []);
  assert.equal(sizeLabel(100_000), '100K');
  assert.equal(sizeLabel(1_500_000), '1.5M');
  assert.equal(sizeLabel('full'), 'full');
  assert.throws(() => parseScaleOptions(['--bogus'], '/repo'), /unknown option --bogus/);
});

test('the committed query mix is well formed and small', () => {
  const mix = loadQueryMix();
  assert.ok(statSync(DEFAULT_MIX_FILE).size < 200 * 1024);
  assert.equal(new Set(mix.queries.map((q) => q.id)).size, mix.queries.length);
  assert.equal(new Set(mix.queries.map((q) => q.query)).size, mix.queries.length);
  for (const kind of QUERY_KINDS) {
    assert.equal(mix.queries.filter((q) => q.kind === kind).length, mix.counts[kind]);
    assert.ok(mix.counts[kind] >= 100, `${kind}: ${mix.counts[kind]}`);
  }
});

const corpus = path.resolve(process.cwd(), DEFAULT_CORPUS);

test('the committed query mix is what the generator draws from the corpus', {
  skip: existsSync(corpus) ? false : `${corpus} is absent`,
}, async () => {
  const committed = loadQueryMix();
  const drawn = await generateQueryMix({ corpus: DEFAULT_CORPUS, seed: committed.seed });
  assert.deepEqual(drawn.queries, committed.queries);
});
