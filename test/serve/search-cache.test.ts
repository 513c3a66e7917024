import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SearchCache,
  normalizeSearchRequest,
  searchCacheKey,
} from '../../src/serve/http/search-cache.js';

describe('SearchCache', () => {
  it('misses once the generation moved on, so a write invalidates', () => {
    const cache = new SearchCache(10);
    cache.set('k', 1, '{"hits":[]}');

    assert.equal(cache.get('k', 1), '{"hits":[]}');
    assert.equal(cache.get('k', 2), undefined);
    const { entries, maxEntries, hits, misses } = cache.stats();
    assert.deepEqual({ entries, maxEntries, hits, misses }, { entries: 1, maxEntries: 10, hits: 1, misses: 1 });
  });

  it('evicts the least recently used entry, counting a read as a use', () => {
    const cache = new SearchCache(2);
    cache.set('a', 1, 'A');
    cache.set('b', 1, 'B');
    assert.equal(cache.get('a', 1), 'A');
    cache.set('c', 1, 'C');

    assert.equal(cache.get('b', 1), undefined);
    assert.equal(cache.get('a', 1), 'A');
    assert.equal(cache.get('c', 1), 'C');
  });

  it('stays within its bytes however large the responses (the count alone did not)', () => {
    const cache = new SearchCache(10_000, 1);
    const page = 'x'.repeat(100_000);
    for (let i = 0; i < 50; i += 1) cache.set(`k${i}`, 1, page);

    const stats = cache.stats();
    assert.ok(stats.bytes <= 1024 * 1024, `holds ${stats.bytes} bytes`);
    assert.ok(stats.entries >= 4 && stats.entries <= 5, `holds ${stats.entries} entries`);
    assert.equal(cache.get('k49', 1), page);
    assert.equal(cache.get('k0', 1), undefined);
  });

  it('does not keep a response larger than the whole cache', () => {
    const cache = new SearchCache(10, 1);
    cache.set('big', 1, 'x'.repeat(600_000));
    assert.equal(cache.get('big', 1), undefined);
  });

  it('stores nothing with room for 0 entries', () => {
    const cache = new SearchCache(0);
    cache.set('a', 1, 'A');
    assert.equal(cache.get('a', 1), undefined);
    assert.equal(cache.enabled, false);
  });
});

describe('search cache keys', () => {
  const key = (request: Parameters<typeof normalizeSearchRequest>[0]): string =>
    searchCacheKey(normalizeSearchRequest(request));

  it('treat spacing, filter order and spelled-out defaults as the same request', () => {
    const plain = key({ query: 'opsigelse af lejemål', filters: { docTypes: ['LOV', 'LBK'] } });
    const spelled = key({
      query: '  opsigelse   af\nlejemål ',
      limit: 10,
      offset: 0,
      versions: 'current',
      perDocument: 3,
      filters: { docTypes: ['LBK', 'LOV', 'LBK'], act: ' ' },
    });
    assert.equal(spelled, plain);
  });

  it('tell apart requests that may answer differently', () => {
    const base = key({ query: 'leje' });
    assert.notEqual(key({ query: 'leje', tenant: 'acme' }), base);
    assert.notEqual(key({ query: 'leje', limit: 11 }), base);
    assert.notEqual(key({ query: 'leje', versions: 'all' }), base);
    assert.notEqual(key({ query: 'leje', asOf: '2020-01-01' }), base);
    assert.notEqual(key({ query: 'leje', filters: { dateFrom: '2020-01-01' } }), base);
    assert.notEqual(key({ query: 'Leje' }), base);
  });

  it('normalize the query in NFC, so composed and decomposed å meet', () => {
    const composed = key({ query: 'lejemål' });
    const decomposed = key({ query: 'lejema\u030al' });
    assert.equal(decomposed, composed);
  });
});
