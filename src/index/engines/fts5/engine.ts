/**
 * SQLite FTS5 behind the engine interface: the peer we measure lexhop's own
 * engine against, on the same analyzed terms. FTS5 ranks with BM25 too, so
 * a comparison shows the engines, not the analysis.
 */
import Database from 'better-sqlite3';
import type {
  EngineDocument,
  EngineHit,
  EngineQuery,
  EngineStats,
  SearchEngine,
} from '../../engine.js';

/** Options for the FTS5 engine. */
export interface Fts5Options {
  /** Database file; `:memory:` keeps it in memory. */
  file: string;
  /** Weight of the title column in bm25(). Default 2. */
  titleWeight?: number;
}

// FTS5 treats only letters and digits as token characters by default; our
// legal terms also hold `§`.
const DDL = `
CREATE VIRTUAL TABLE IF NOT EXISTS chunks USING fts5 (
  title, body, tokenize = "unicode61 remove_diacritics 0 tokenchars '§'"
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

function quote(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

export class Fts5Engine implements SearchEngine {
  readonly name = 'sqlite-fts5';
  private readonly db: Database.Database;
  private readonly titleWeight: number;
  private seq: number;

  constructor(options: Fts5Options) {
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(DDL);
    this.titleWeight = options.titleWeight ?? 2;
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'seq'").pluck().get();
    this.seq = typeof row === 'number' ? row : 0;
  }

  get appliedSeq(): number {
    return this.seq;
  }

  markApplied(seq: number): void {
    this.seq = Math.max(this.seq, seq);
    this.db.prepare(
      "INSERT INTO meta (key, value) VALUES ('seq', ?) ON CONFLICT (key) DO UPDATE SET value = ?",
    ).run(this.seq, this.seq);
  }

  put(documents: EngineDocument[]): void {
    const exists = this.db.prepare('SELECT 1 FROM chunks WHERE rowid = ?').pluck();
    const insert = this.db.prepare('INSERT INTO chunks (rowid, title, body) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const document of documents) {
        if (exists.get(document.id) !== undefined) {
          throw new Error(`chunk id ${document.id} is indexed already; ids are never reused`);
        }
        insert.run(document.id, document.title.join(' '), document.body.join(' '));
      }
    })();
  }

  remove(ids: number[]): void {
    const remove = this.db.prepare('DELETE FROM chunks WHERE rowid = ?');
    this.db.transaction(() => {
      for (const id of ids) remove.run(id);
    })();
  }

  search(query: EngineQuery): EngineHit[] {
    const terms = [...new Set(query.terms.filter((t) => t.weight > 0).map((t) => t.term))];
    if (terms.length === 0 || query.limit <= 0) return [];
    const match = terms.map(quote).join(' OR ');
    const statement = this.db.prepare(
      'SELECT rowid AS id, -bm25(chunks, ?, 1.0) AS score FROM chunks WHERE chunks MATCH ? ' +
        'ORDER BY rank LIMIT ?',
    );
    // FTS5 cannot filter inside ranking, so ask for more until enough pass.
    let window = query.limit * 4;
    for (;;) {
      const rows = statement.all(this.titleWeight, match, window) as EngineHit[];
      const accepted = query.accept === undefined ? rows : rows.filter((r) => query.accept?.(r.id));
      if (accepted.length >= query.limit || rows.length < window) {
        return accepted.slice(0, query.limit);
      }
      window *= 4;
    }
  }

  stats(): EngineStats {
    const chunks = this.db.prepare('SELECT COUNT(*) FROM chunks').pluck().get() as number;
    return { chunks, terms: 0 };
  }

  persist(): void {
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  close(): void {
    this.db.close();
  }
}
