/**
 * Brings an engine up to date with the system of record by replaying the
 * change log from the engine's applied sequence number. The same path serves
 * a fresh rebuild (from 0), an ingest run, and a server process picking up
 * what another process wrote.
 */
import { analyzerFor } from '../analyze/index.js';
import type { Language } from '../types.js';
import type { EngineDocument, SearchEngine } from './engine.js';
import type { ChunkRow, Store } from './store.js';

/** What the indexer needs to know of a chunk's document. */
export interface ChunkContext {
  title: string;
  language: string;
}

export interface CatchUpOptions {
  /** Changes read per step. Default 5,000. */
  batchSize?: number;
  /** Stop once this many changes are applied (a slice; call again for more). Default: all. */
  maxChanges?: number;
  /** The document facts of a chunk row. */
  contextOf: (chunk: ChunkRow) => ChunkContext | undefined;
  /** Called with every chunk row put, e.g. to map it to its document. */
  onPut?: (chunk: ChunkRow) => void;
}

/** Index terms of a chunk, per field. */
export function analyzeChunk(chunk: ChunkRow, context: ChunkContext): EngineDocument {
  const analyzer = analyzerFor(context.language === 'en' ? 'en' : ('da' as Language));
  const title = [context.title, chunk.citation, chunk.heading ?? ''].join('\n');
  return { id: chunk.id, title: analyzer.terms(title), body: analyzer.terms(chunk.text) };
}

/** Applies every change after the engine's applied sequence; returns how many. */
export function catchUp(store: Store, engine: SearchEngine, options: CatchUpOptions): number {
  const batchSize = options.batchSize ?? 5000;
  const maxChanges = options.maxChanges ?? Number.POSITIVE_INFINITY;
  let applied = 0;
  for (;;) {
    const room = maxChanges - applied;
    if (room <= 0) return applied;
    const changes = store.changesAfter(engine.appliedSeq, Math.min(batchSize, room));
    if (changes.length === 0) return applied;
    const puts: number[] = [];
    const deletes: number[] = [];
    for (const change of changes) (change.op === 'put' ? puts : deletes).push(change.chunkId);

    // Ids are never reused, so puts before deletes within one batch is safe:
    // a chunk put and deleted in the same batch is simply no longer stored.
    const documents: EngineDocument[] = [];
    for (const chunk of store.chunks(puts)) {
      const context = options.contextOf(chunk);
      if (context === undefined) continue;
      options.onPut?.(chunk);
      documents.push(analyzeChunk(chunk, context));
    }
    engine.put(documents);
    engine.remove(deletes);
    engine.markApplied((changes[changes.length - 1] as { seq: number }).seq);
    applied += changes.length;
  }
}
