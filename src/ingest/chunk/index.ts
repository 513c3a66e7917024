/**
 * Chunking: statutes (documents with provisions) by `Stk.`, everything else
 * by headings and paragraphs.
 */
import type { Chunk, SourceDocument } from '../../types.js';
import { chunkGeneric, type GenericChunkOptions } from './generic.js';
import { chunkStatute, type LegalChunkOptions } from './legal.js';

export { chunkGeneric, type GenericChunkOptions } from './generic.js';
export { actCitationName } from '../../analyze/acts.js';
export {
  amendingProvisionCitation,
  chunkStatute,
  prettySection,
  provisionCitation,
  type LegalChunkOptions,
} from './legal.js';

/** Options of both chunkers; each reads its own (`LegalChunkOptions`, `GenericChunkOptions`). */
export type ChunkOptions = LegalChunkOptions & GenericChunkOptions;

/**
 * The chunks of one document, in order, with exact spans
 * (`chunk.text === doc.text.slice(chunk.start, chunk.end)`).
 * Documents with provisions go to the statute chunker, others to the generic one.
 */
export function chunkDocument(doc: SourceDocument, options: ChunkOptions = {}): Chunk[] {
  if (doc.provisions !== undefined && doc.provisions.length > 0) return chunkStatute(doc, options);
  return chunkGeneric(doc, options);
}
