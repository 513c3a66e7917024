import type { Analyzer } from './analyzer.js';
import { cachedStemmer } from './stemmer.js';
import { createAnalyzer } from './tokenizer.js';

/**
 * Danish stop words: articles, pronouns, conjunctions, auxiliaries and the
 * commonest prepositions, nothing else. Words that change what a provision
 * says are kept: negation (`ikke`, `ingen`), modals (`skal`, `kan`, `må`,
 * `bør`), and restrictive words (`kun`, `uden`, `medmindre`, `senest`,
 * `inden`), since "må ikke" and "skal" are exactly what a lawyer searches
 * for. Written for this project from Danish grammar, not copied from a list.
 */
export const DANISH_STOP_WORDS: ReadonlySet<string> = new Set([
  // Articles and demonstratives.
  'en', 'et', 'den', 'det', 'de', 'denne', 'dette', 'disse',
  // Pronouns.
  'jeg', 'mig', 'min', 'mit', 'mine', 'du', 'dig', 'din', 'dit', 'dine',
  'han', 'ham', 'hans', 'hun', 'hende', 'hendes', 'vi', 'os', 'vores', 'jer', 'jeres',
  'dem', 'deres', 'dens', 'dets', 'sig', 'sin', 'sit', 'sine', 'man',
  'som', 'der', 'hvem', 'hvad', 'hvilken', 'hvilket', 'hvilke',
  // Conjunctions and particles.
  'og', 'eller', 'samt', 'men', 'at', 'om', 'hvis', 'når', 'da', 'så', 'end', 'også',
  'jo', 'nu', 'her', 'hvor', 'jf',
  // Auxiliaries.
  'er', 'var', 'være', 'været', 'har', 'havde', 'have', 'haft',
  'bliver', 'blev', 'blive', 'blevet',
  // Prepositions.
  'i', 'af', 'til', 'for', 'med', 'på', 'fra', 'ved', 'efter', 'hos', 'over', 'under',
  'mellem', 'gennem', 'ind', 'ud',
]);

/** The Danish analyzer: Snowball `danish` stemming, Danish markers (`stk.`, `nr.`, `pkt.`). */
export function danishAnalyzer(): Analyzer {
  return createAnalyzer({
    language: 'da',
    stopWords: DANISH_STOP_WORDS,
    stem: cachedStemmer('danish'),
    danishMarkers: true,
  });
}
