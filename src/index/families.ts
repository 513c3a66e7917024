/**
 * Which version family an act joins when it is stored.
 *
 * The loader keys a family by the act's title alone, but one act is
 * consolidated under titles that differ: `lov om hegn (Hegnsloven)` in 2015,
 * `lov om hegn` in 2023; `lov om betalingskonti` in 2022, `lov om
 * betalingskonti og basale erhvervskonti` in 2025. Two kinds of evidence tie
 * them, so that the newest consolidation supersedes the rest:
 * - names: a title that names both (actNames) joins the families they name;
 * - text: a consolidation that repeats most of a stored act's provisions
 *   word for word is a version of it.
 * A document that ties several stored families merges them into the first
 * by name. Acts of a territory (`… for Grønland af lov om …`) repeat the
 * Danish act's text but are in force beside it, so text never ties them.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { actFamily, isAmendingAct } from '../analyze/acts.js';
import type { Chunk, SourceDocument } from '../types.js';

/** Document types whose versions are tied across titles: acts and consolidated acts. */
const LINKED_TYPES: ReadonlySet<string> = new Set(['LOV', 'LBK']);

const TERRITORIAL = /\bfor (?:grønland|færøerne)\b/iu;

/** Chunks shorter than this (`(Ophævet)`, `Loven træder i kraft …`) say nothing of identity. */
const MIN_TEXT = 80;
/**
 * Share of the smaller act's provisions two acts must repeat word for word,
 * and of the larger one's: a small act that shares its few stock provisions
 * (complaints, commencement) with a large one is not a version of it. On the
 * 827 current acts, renamed versions share 51-100 % of the smaller act and
 * 30-77 % of the larger; the closest pair of distinct acts (Statens Kunstråd,
 * litteratur) shares 5 provisions: 50 % of the smaller, 17 % of the larger.
 */
const SMALLER_SHARE = 0.5;
const LARGER_SHARE = 0.25;
/** And at least this many, so two short acts do not tie on a few stock sentences. */
const MIN_SHARED = 8;

/** What the linker reads and writes: prepared statements of the store's database. */
export interface FamilyDatabase {
  statement(sql: string): Database.Statement;
}

/** True for documents whose versions may be tied across titles. */
function linkable(document: SourceDocument): boolean {
  // Executive orders (BEK) of near titles are often distinct orders in force together;
  // files and amending acts are keyed by their key, not their title.
  return LINKED_TYPES.has(document.docType) && !isAmendingAct(document.title) &&
    document.family === actFamily(document.title);
}

/** 48-bit fingerprints of the chunks' text, white space folded; short chunks left out. */
export function textFingerprints(chunks: readonly Chunk[]): number[] {
  const prints = new Set<number>();
  for (const chunk of chunks) {
    const text = chunk.text.replace(/\s+/gu, ' ').trim();
    if (text.length < MIN_TEXT) continue;
    prints.add(createHash('sha1').update(text).digest().readUIntBE(0, 6));
  }
  return [...prints];
}

/** Families of this tenant whose acts repeat most of `prints`. */
function familiesByText(db: FamilyDatabase, prints: readonly number[], tenant: string): string[] {
  if (prints.length < MIN_SHARED) return [];
  // Counted per document first, so only the few that share enough are looked at further.
  const candidates = db.statement(
    `SELECT document_id AS id, COUNT(*) AS shared FROM act_texts
     WHERE print IN (SELECT value FROM json_each(?))
     GROUP BY document_id HAVING COUNT(*) >= ?`,
  ).all(JSON.stringify(prints), MIN_SHARED) as { id: number; shared: number }[];
  const families: string[] = [];
  for (const { id, shared } of candidates) {
    const act = db.statement('SELECT family, title, tenant FROM documents WHERE id = ?').get(id) as
      { family: string; title: string; tenant: string } | undefined;
    if (act === undefined || act.tenant !== tenant || TERRITORIAL.test(act.title)) continue;
    const size = db.statement('SELECT COUNT(*) FROM act_texts WHERE document_id = ?')
      .pluck().get(id) as number;
    if (shared >= SMALLER_SHARE * Math.min(size, prints.length) &&
      shared >= LARGER_SHARE * Math.max(size, prints.length)) {
      families.push(act.family);
    }
  }
  return families;
}

/**
 * The family `document` joins (see the module comment); its own when nothing
 * ties it to a stored one. Merges the families it ties, and records its
 * text for later acts to be compared with.
 */
export function linkFamily(
  db: FamilyDatabase,
  write: { document: SourceDocument; chunks: readonly Chunk[]; names: readonly string[] },
  tenant: string,
): string {
  const { document } = write;
  if (!linkable(document)) return document.family;

  // Its own family is among them when it has versions stored already (names hold the family).
  const byName = db.statement(
    `SELECT DISTINCT n.family FROM act_names n
     WHERE n.name IN (SELECT value FROM json_each(?))
     AND EXISTS (SELECT 1 FROM documents d WHERE d.tenant = ? AND d.family = n.family)`,
  ).pluck().all(JSON.stringify(write.names), tenant) as string[];
  const prints = TERRITORIAL.test(document.title) ? [] : textFingerprints(write.chunks);
  const linked = [...new Set([...byName, ...familiesByText(db, prints, tenant)])].sort();

  const [family, ...merged] = linked;
  for (const other of merged) {
    db.statement('UPDATE documents SET family = ? WHERE tenant = ? AND family = ?')
      .run(family, tenant, other);
    // The merged family's names now lead to the family its versions joined.
    db.statement(
      'INSERT OR IGNORE INTO act_names (name, family) SELECT name, ? FROM act_names WHERE family = ?',
    ).run(family, other);
  }
  return family ?? document.family;
}

/** Records an act's text fingerprints, for acts stored later to be compared with. */
export function recordActText(
  db: FamilyDatabase,
  document: SourceDocument,
  documentId: number,
  chunks: readonly Chunk[],
): void {
  if (!linkable(document) || TERRITORIAL.test(document.title)) return;
  const insert = db.statement('INSERT INTO act_texts (print, document_id) VALUES (?, ?)');
  for (const print of textFingerprints(chunks)) insert.run(print, documentId);
}
