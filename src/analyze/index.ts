import type { Language } from '../types.js';
import type { Analyzer } from './analyzer.js';
import { danishAnalyzer } from './danish.js';
import { englishAnalyzer } from './english.js';

export type { Analyzer, PositionedTerm } from './analyzer.js';
export type { CitationRef } from './citation-types.js';
export {
  actFamily,
  actNameCandidates,
  actNumber,
  actTitlePrefixes,
  deriveShortTitle,
  isAmendingAct,
} from './acts.js';
export { parseCitations, parseQueryCitation } from './citation.js';

const analyzers = new Map<Language, Analyzer>();

/**
 * The analyzer for a language. One instance per language is shared, so its
 * stem cache serves every document and query.
 */
export function analyzerFor(language: Language): Analyzer {
  let analyzer = analyzers.get(language);
  if (!analyzer) {
    analyzer = language === 'da' ? danishAnalyzer() : englishAnalyzer();
    analyzers.set(language, analyzer);
  }
  return analyzer;
}
