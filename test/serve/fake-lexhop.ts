/**
 * A stand-in facade for the cases the real one cannot produce on demand: a
 * search that fails unexpectedly, or one that takes a while (draining).
 */
import type {
  ChunkRecord,
  DeleteSummary,
  DocumentInput,
  LexhopApi,
  LexhopStats,
} from '../../src/api.js';
import type { IngestSummary, SearchRequest, SearchResponse } from '../../src/retrieve/types.js';

export interface FakeOptions {
  /** Delay of each search in ms. Default 0. */
  searchDelayMs?: number;
  /** Error each search throws. Default none. */
  searchError?: Error;
}

export class FakeLexhop implements LexhopApi {
  searches = 0;
  closed = false;
  appliedSeq = 0;
  readonly documents: DocumentInput[] = [];

  constructor(private readonly options: FakeOptions = {}) {}

  async ingest(): Promise<IngestSummary> {
    return { documents: 0, chunks: 0, unchanged: 0, skipped: [], ms: 0 };
  }

  async addDocuments(documents: DocumentInput[]): Promise<IngestSummary> {
    this.documents.push(...documents);
    this.appliedSeq += 1;
    const count = documents.length;
    return { documents: count, chunks: count, unchanged: 0, skipped: [], ms: 1 };
  }

  async deleteDocuments(keys: string[]): Promise<DeleteSummary> {
    const summary: DeleteSummary = { deleted: [], notFound: [] };
    for (const key of keys) {
      const at = this.documents.findIndex((document) => document.key === key);
      if (at >= 0) this.documents.splice(at, 1);
      (at >= 0 ? summary.deleted : summary.notFound).push(key);
    }
    this.appliedSeq += 1;
    return summary;
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    this.searches += 1;
    const delay = this.options.searchDelayMs ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (this.options.searchError !== undefined) throw this.options.searchError;
    return { query: request.query, citations: [], hits: [], tookMs: delay };
  }

  getChunk(): ChunkRecord | undefined {
    return undefined;
  }

  lookupCitation(): ChunkRecord[] {
    return [];
  }

  stats(): LexhopStats {
    const chunks = this.documents.length;
    return {
      documents: chunks,
      currentDocuments: chunks,
      chunks,
      searchableChunks: chunks,
      engine: 'fake',
      dataDir: '/nowhere',
    };
  }

  refresh(): void {}

  async close(): Promise<void> {
    this.closed = true;
  }
}
