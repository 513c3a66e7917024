import { createRequire } from 'node:module';

/*
 * Snowball stemmers, behind a cache. `snowball-stemmers` is CommonJS without
 * type declarations, so it is loaded with `createRequire` and typed here.
 */

interface SnowballStemmer {
  stem(word: string): string;
}

interface SnowballFactory {
  newStemmer(algorithm: string): SnowballStemmer;
}

const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as SnowballFactory;

/** A word → stem function. */
export type Stem = (word: string) => string;

/**
 * A cached Snowball stemmer. A stem costs about 3 µs and a statute's
 * vocabulary repeats heavily, so a Map turns most calls into one lookup. The
 * cache is emptied when it reaches `maxEntries` (default 200,000 words, a few
 * tens of MB) so that a stream of unique tokens cannot grow it without bound.
 */
export function cachedStemmer(algorithm: 'danish' | 'english', maxEntries = 200_000): Stem {
  const stemmer = snowball.newStemmer(algorithm);
  const cache = new Map<string, string>();

  return (word: string): string => {
    let stem = cache.get(word);
    if (stem !== undefined) return stem;

    stem = stemmer.stem(word);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(word, stem);
    return stem;
  };
}
