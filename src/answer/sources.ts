/**
 * The numbered sources of one answer. A source is a chunk; its number is the
 * `[n]` the answer cites. Numbers are given in the order sources are found:
 * search hits by rank first, then what the hops add.
 */
import type { ChunkRecord } from '../api.js';
import type { SearchHit } from '../retrieve/types.js';
import type { SentenceSpan } from './sentences.js';
import type { AnswerCitation, HopKind } from './types.js';

export interface Source {
  n: number;
  chunkId: number;
  documentKey: string;
  citation: string;
  title: string;
  url?: string;
  /** `[start, end)` of the chunk in its document. */
  start: number;
  end: number;
  text: string;
  section?: string;
  subsection?: number;
  via: HopKind;
  /** Search score relative to the best hit (0–1); 0 for sources hops added. */
  prior: number;
  /** `citation` when the question itself named this provision. */
  matchedBy?: 'citation' | 'text';
  /** For definition sources: the terms looked up and their definitions' spans in `text`. */
  definitions?: { term: string; span: SentenceSpan }[];
}

/** A reference in one source's text that resolved to another source. */
export interface SourceLink {
  /** Number of the source whose text holds the reference. */
  from: number;
  /** Number of the source it resolved to. */
  to: number;
  /** `[start, end)` of the reference in the `from` source's text. */
  start: number;
  end: number;
  /** The reference as written, e.g. `§ 20, stk. 1, i lov om prøvelejeboliger`. */
  ref: string;
}

/** A chunk as either the search or the store returns it. */
export type ChunkLike = SearchHit | ChunkRecord;

function chunkIdOf(chunk: ChunkLike): number {
  return 'chunkId' in chunk ? chunk.chunkId : chunk.id;
}

/** Numbered sources without duplicates, up to a maximum. */
export class SourceSet {
  readonly #byChunk = new Map<number, Source>();
  readonly #list: Source[] = [];
  /** References between sources, whether the hop added the target or found it known. */
  readonly links: SourceLink[] = [];
  readonly max: number;

  /** `max`: most sources an answer is built from. Default 14. */
  constructor(max = 14) {
    this.max = max;
  }

  get size(): number {
    return this.#list.length;
  }

  get full(): boolean {
    return this.#list.length >= this.max;
  }

  all(): readonly Source[] {
    return this.#list;
  }

  has(chunkId: number): boolean {
    return this.#byChunk.has(chunkId);
  }

  get(chunkId: number): Source | undefined {
    return this.#byChunk.get(chunkId);
  }

  byNumber(n: number): Source | undefined {
    return this.#list[n - 1];
  }

  /** Records that a reference in one source resolved to another. */
  link(link: SourceLink): void {
    const known = this.links.some((l) => l.from === link.from && l.to === link.to);
    if (!known && link.from !== link.to) this.links.push(link);
  }

  /** Adds a chunk; returns the new source, or undefined if known already or full. */
  add(
    chunk: ChunkLike,
    via: HopKind,
    extra: Pick<Partial<Source>, 'prior' | 'definitions'> = {},
  ): Source | undefined {
    const chunkId = chunkIdOf(chunk);
    if (this.#byChunk.has(chunkId) || this.full) return undefined;

    const source: Source = {
      n: this.#list.length + 1,
      chunkId,
      documentKey: chunk.documentKey,
      citation: chunk.citation,
      title: chunk.document.title,
      // A hit may cover part of its chunk; the source is the whole chunk.
      start: 'chunkStart' in chunk ? (chunk.chunkStart ?? chunk.start) : chunk.start,
      end: 'chunkEnd' in chunk ? (chunk.chunkEnd ?? chunk.end) : chunk.end,
      text: chunk.text,
      via,
      prior: extra.prior ?? 0,
    };
    if (chunk.document.url !== undefined) source.url = chunk.document.url;
    if (chunk.section !== undefined) source.section = chunk.section;
    if (chunk.subsection !== undefined) source.subsection = chunk.subsection;
    if ('matchedBy' in chunk) source.matchedBy = chunk.matchedBy;
    if (extra.definitions !== undefined) source.definitions = extra.definitions;
    this.#byChunk.set(chunkId, source);
    this.#list.push(source);
    return source;
  }
}

/** The public form of a source. */
export function toCitation(source: Source): AnswerCitation {
  const citation: AnswerCitation = {
    n: source.n,
    chunkId: source.chunkId,
    citation: source.citation,
    documentKey: source.documentKey,
    start: source.start,
    end: source.end,
    title: source.title,
  };
  if (source.url !== undefined) citation.url = source.url;
  return citation;
}
