/**
 * The domain model shared by every stage of the pipeline:
 * ingest → analyze → index → retrieve → answer → serve.
 */

/** Languages with an analyzer of their own. */
export type Language = 'da' | 'en';

/** Where a document came from, for error messages and provenance. */
export interface SourceLocation {
  /** Path of the file as given by the user. */
  file: string;
  /** 1-based line, for line-oriented formats such as JSON Lines. */
  line?: number;
}

/** A numbered provision (`§`) of a statute, located in its document's text. */
export interface ProvisionSource {
  /** The source's own key, e.g. `1:4a` (chapter:section). */
  ref: string;
  chapter?: string;
  /** Section number as written without the `§`, e.g. `4 a` is `4a`. */
  section: string;
  /** `[start, end)` character span of the provision in `SourceDocument.text`. */
  start: number;
  end: number;
  /**
   * True for the commencement and transitional provisions of an amending act
   * that a consolidated act (LBK) reprints after its own text. `section` is then
   * the amending act's number, not one of this document's, so the provision is
   * never cited as the document's `§`. Default false.
   */
  fromAmendingAct?: boolean;
}

/** One document as a loader produced it, before chunking. */
export interface SourceDocument {
  /** Stable key, unique in a data folder, e.g. `dk:2024:1160` or `file:nda/acme.txt`. */
  key: string;
  /**
   * Versions of one act share a family; the newest by `issuedDate` is current law.
   * Defaults to `key` for documents that have no other versions.
   */
  family: string;
  title: string;
  /** The name a lawyer cites, e.g. `Retsplejeloven`; absent when the act has none. */
  shortTitle?: string;
  /** `LBK`, `LOV`, `BEK`, … for statutes; `text` or `markdown` for plain files. */
  docType: string;
  language: Language;
  /** ISO date (`YYYY-MM-DD`). */
  issuedDate?: string;
  /** Status as the source states it; not reliable for versions. */
  status?: string;
  url?: string;
  source: SourceLocation;
  /** The text every chunk span points into. */
  text: string;
  /** Statutes only: their provisions, in order, located in `text`. */
  provisions?: ProvisionSource[];
  /** Owner of the document; absent means visible to every tenant. */
  tenant?: string;
}

/** A retrievable piece of a document: a `Stk.` of a provision, or a section of a file. */
export interface Chunk {
  documentKey: string;
  /** 0-based position within its document. */
  ordinal: number;
  /** `[start, end)` character span in the document's text. */
  start: number;
  end: number;
  /** `text === document.text.slice(start, end)`. */
  text: string;
  /** The label a lawyer would write, e.g. `Retsplejeloven § 737, stk. 2`. */
  citation: string;
  chapter?: string;
  /** Section without `§`, e.g. `737` or `12a`. */
  section?: string;
  /** `Stk.` number; 1 for the opening of a provision. */
  subsection?: number;
  /** Heading path for non-statute documents, e.g. `3. Confidentiality > 3.2`. */
  heading?: string;
}

/** Why an input, or a part of it, was not ingested. */
export interface SkippedInput {
  source: SourceLocation;
  /** A stable code from the error registry, e.g. `ERR_INGEST_BAD_JSON`. */
  code: string;
  message: string;
}

/** What a loader yields: a document, or a part of the input it had to skip. */
export type LoadEvent =
  | { kind: 'document'; document: SourceDocument }
  | { kind: 'skipped'; skipped: SkippedInput };
