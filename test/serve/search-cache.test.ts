import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LruCache } from '../../src/serve/http/lru.js';
import {
  SearchCache,
  normalizeSearchRequest,
  searchCacheKey,
} from '../../src/serve/http/search-cache.js';

describe('LruCache', () => {
  it('evicts the least recently used entry, counting a read as a use', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1);
    cache.set('c', 3);

    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
    assert.equal(cache.size, 2);
  });

  it('stores nothing with room for 0 entries', () => {
    const cache = new LruCache<string, number>(0);
    cache.set('a', 1);
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.size, 0);
  });
});

describe('SearchCache', () => {
  it('misses once the generation moved on, so a write invalidates', () => {
    const cache = new SearchCache(10);
    cache.set('k', 1, '{"hits":[]}');

    assert.equal(cache.get('k', 1), '{"hits":[]}');
    assert.equal(cache.get('k', 2), undefined);
    assert.deepEqual(cache.stats(), { entries: 1, maxEntries: 10, hits: 1, misses: 1 });
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
