/**
 * One retsinformation record (a parsed JSON line) → a SourceDocument.
 */
import { actFamily, deriveShortTitle, isAmendingAct } from '../../analyze/acts.js';
import type { ProvisionSource, SourceDocument } from '../../types.js';
import { normalizeProvisionText } from '../normalize.js';
import { amendingActTail } from './retsinformation-amendments.js';

/** What a record turned into: a document, or the reason it has none. */
/** A required field is missing or has the wrong type. */
export interface BadRecord {
  kind: 'bad-record';
  field: string;
  message: string;
}

export type RecordResult =
  | { kind: 'document'; document: SourceDocument }
  | BadRecord
  /** Valid, but nothing to search: no provisions, or only empty ones. */
  | { kind: 'empty'; key: string; message: string };

/** Provisions are joined with a blank line, so no chunk span can run across two. */
export const PROVISION_SEPARATOR = '\n\n';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:$|T)/u;

/** True for a real calendar date `YYYY-MM-DD` (not `2023-13-45`, not `2024-02-30`). */
function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Document types by the long names some records use instead of the
 * retsinformation code (`Lovbekendtgørelse H#…` rather than `LBK H#…`).
 */
const TYPE_CODES = new Map<string, string>([
  ['lovbekendtgørelse', 'LBK'],
  ['bekendtgørelse', 'BEK'],
  ['ændringsbekendtgørelse', 'BEK'],
  ['lov', 'LOV'],
  ['ændringslov', 'LOV'],
  ['anordning', 'AND'],
  ['ændringsanordning', 'AND'],
  ['åbent', 'ÅBR'],
]);
const TYPE_CODE = /^[A-ZÆØÅ][A-ZÆØÅ0-9]{1,5}$/u;

interface RecordContext {
  file: string;
  line: number;
  tenant?: string;
}

/** Build the document for one parsed record. */
export function recordToDocument(record: unknown, context: RecordContext): RecordResult {
  if (!isObject(record)) return badRecord('', 'line is not a JSON object');

  const id = record.id;
  if (!(typeof id === 'string' && id.trim() !== '') && typeof id !== 'number') {
    return badRecord('id', 'record has no "id" (string)');
  }
  const title = record.title;
  if (typeof title !== 'string' || title.trim() === '') {
    return badRecord('title', 'record has no "title" (string)');
  }
  const provisions = record.provisions;
  if (!Array.isArray(provisions)) {
    return badRecord('provisions', 'record has no "provisions" (array)');
  }

  const key = `dk:${String(id).trim()}`;
  if (provisions.length === 0) {
    return { kind: 'empty', key, message: `document ${key} has no provisions` };
  }

  const built = buildText(provisions);
  if ('field' in built) return built;
  if (built.text === '') {
    return { kind: 'empty', key, message: `document ${key} has only empty provisions` };
  }

  // Some exported titles hold an escaped line break as text, a backslash and
  // an `n` (`lov om apoteksvirksomhed` `(Apotekerloven)` with one between),
  // which would hide the bracketed name.
  const cleanTitle = normalizeProvisionText(title.replace(/\\[nrt]/gu, ' '));
  const document: SourceDocument = {
    key,
    family: isAmendingAct(cleanTitle) ? key : actFamily(cleanTitle),
    title: cleanTitle,
    docType: docTypeOf(record.short_name, cleanTitle),
    language: 'da',
    source: { file: context.file, line: context.line },
    text: built.text,
    provisions: built.provisions,
  };
  const shortTitle = deriveShortTitle(cleanTitle);
  if (shortTitle !== undefined) document.shortTitle = shortTitle;
  // The issue date decides which version is current law, so a wrong one is refused, not kept.
  const issued = record.issued_date;
  if (issued !== undefined && issued !== null) {
    if (typeof issued !== 'string' || !isCalendarDate(issued.slice(0, 10)) || !ISO_DATE.test(issued)) {
      return badRecord('issued_date', `"issued_date" must be a date as YYYY-MM-DD, not ${
        JSON.stringify(issued).slice(0, 40)}`);
    }
    document.issuedDate = issued.slice(0, 10);
  }
  if (typeof record.status === 'string' && record.status !== '') document.status = record.status;
  if (typeof record.url === 'string' && record.url !== '') document.url = record.url;
  if (context.tenant !== undefined) document.tenant = context.tenant;
  return { kind: 'document', document };
}

/**
 * Document text from normalized provision contents, with each provision's span;
 * the amending acts' provisions at the end are marked `fromAmendingAct`.
 */
function buildText(
  provisions: unknown[],
): { text: string; provisions: ProvisionSource[] } | BadRecord {
  const parts: string[] = [];
  const located: ProvisionSource[] = [];
  let offset = 0;

  for (const [index, provision] of provisions.entries()) {
    const field = `provisions[${index}]`;
    if (!isObject(provision)) return badRecord(field, `${field} is not an object`);
    const { content, section, chapter, ref } = provision;
    if (typeof content !== 'string') {
      return badRecord(`${field}.content`, `${field} has no "content" (string)`);
    }
    if (typeof section !== 'string' || section.trim() === '') {
      return badRecord(`${field}.section`, `${field} has no "section" (string)`);
    }

    const text = normalizeProvisionText(content);
    // A provision that was only table styling has nothing to find or cite.
    if (text === '') continue;

    if (parts.length > 0) offset += PROVISION_SEPARATOR.length;
    const sectionText = section.trim();
    const chapterText =
      typeof chapter === 'string' && chapter.trim() !== '' ? chapter.trim() : undefined;
    const source: ProvisionSource = {
      ref: typeof ref === 'string' && ref !== '' ? ref : ownRef(chapterText, sectionText),
      section: sectionText,
      start: offset,
      end: offset + text.length,
    };
    if (chapterText !== undefined) source.chapter = chapterText;
    located.push(source);
    parts.push(text);
    offset += text.length;
  }

  const text = parts.join(PROVISION_SEPARATOR);
  for (const provision of located.slice(amendingActTail(text, located))) {
    provision.fromAmendingAct = true;
  }
  return { text, provisions: located };
}

/**
 * `LBK`, `LOV`, `BEK`, … from `short_name` (`LBK H#LOKDOK03`): its first word,
 * with long names mapped to their codes; `unknown` when the record has none.
 */
export function docTypeOf(shortName: unknown, title: string): string {
  if (typeof shortName !== 'string' || shortName.trim() === '') {
    return /^bekendtgørelse af (?:lov\b|\S+loven\b)/iu.test(title) ? 'LBK' : 'unknown';
  }
  const words = shortName.trim().split(/\s+/u);
  const first = (words[0] ?? '').split('#')[0] ?? '';
  if (TYPE_CODE.test(first)) return first;

  const folded = first.toLowerCase();
  // `Ikrafttræd. bekendtgørelse` / `Ikrafttræd. anordning`: the type is the second word.
  if (folded.startsWith('ikrafttræd')) {
    return TYPE_CODES.get((words[1] ?? '').toLowerCase()) ?? first;
  }
  return TYPE_CODES.get(folded) ?? first;
}

/** The `chapter:section` key the export itself uses, for records without `ref`. */
function ownRef(chapter: string | undefined, section: string): string {
  return chapter === undefined ? section : `${chapter}:${section}`;
}

function badRecord(field: string, message: string): BadRecord {
  return { kind: 'bad-record', field, message };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
