import type { Analyzer } from './analyzer.js';
import { cachedStemmer } from './stemmer.js';
import { createAnalyzer } from './tokenizer.js';

/**
 * English stop words: articles, pronouns, conjunctions, auxiliaries and the
 * commonest prepositions. Kept on purpose, because contracts turn on them:
 * negation (`not`, `no`, `nor`), modals (`shall`, `may`, `must`, `will`,
 * `should`), and limiting words (`only`, `without`, `unless`, `except`,
 * `until`, `any`). Written for this project, not copied from a list.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  // Articles and demonstratives.
  'a', 'an', 'the', 'this', 'that', 'these', 'those',
  // Pronouns.
  'i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'he', 'him', 'his', 'she', 'her',
  'it', 'its', 'they', 'them', 'their', 'who', 'whom', 'whose', 'which', 'what',
  // Conjunctions and particles.
  'and', 'or', 'but', 'if', 'when', 'as', 'than', 'then', 'so', 'there', 'here', 'also',
  // Auxiliaries.
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am',
  'has', 'have', 'had', 'having', 'do', 'does', 'did',
  // Prepositions.
  'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'into', 'onto', 'upon',
  'about', 'over',
]);

/** The English analyzer: Snowball `english` (Porter 2) stemming, no Danish markers. */
export function englishAnalyzer(): Analyzer {
  return createAnalyzer({
    language: 'en',
    stopWords: ENGLISH_STOP_WORDS,
    stem: cachedStemmer('english'),
  });
}
