/**
 * Retrieval for an answer: the first search, then hops within the budget.
 * Order: sub-questions (they widen the search), references of the best
 * sources, definitions of the question's terms, then references of what the
 * references pulled in.
 */
import type { Analyzer } from '../analyze/analyzer.js';
import type { CitationRef } from '../analyze/citation-types.js';
import type { LexhopApi } from '../api.js';
import { decompose, looksCompound } from './hops/decompose.js';
import { lookUpDefinitions } from './hops/definitions.js';
import { scopeOf, type HopContext } from './hops/context.js';
import { followReferences } from './hops/references.js';
import { questionTerms } from './scoring.js';
import { SourceSet, type Source } from './sources.js';
import type { AnswerEvent, AnswerHop, AnswerProvider, AnswerRequest } from './types.js';

/** Sources whose references and acts the hops start from. */
const HOP_FROM = 3;

export interface Gathered {
  sources: SourceSet;
  hops: AnswerHop[];
  /** Content terms of the question. */
  terms: string[];
  /** Citations the search found in the question itself. */
  questionCitations: CitationRef[];
  exhausted?: 'hops' | 'time';
}

export interface GatherOptions {
  api: LexhopApi;
  request: AnswerRequest & { limit: number };
  analyzer: Analyzer;
  provider?: AnswerProvider;
  hops: number;
  ms: number;
  emit: (event: AnswerEvent) => void;
  signal?: AbortSignal;
}

/** Runs the search and the hops; every hop is recorded and emitted as it happens. */
export async function gatherSources(options: GatherOptions): Promise<Gathered> {
  const { api, request } = options;
  const started = Date.now();
  const sources = new SourceSet(Math.max(14, request.limit + options.hops * 2));
  const context: HopContext = {
    api,
    request,
    analyzer: options.analyzer,
    terms: questionTerms(request.question, options.analyzer),
    sources,
    hops: [],
    hopsLeft: options.hops,
    deadline: started + options.ms,
    emit: options.emit,
  };
  if (options.signal !== undefined) context.signal = options.signal;

  const response = await api.search({
    query: request.question,
    limit: request.limit,
    ...(request.filters === undefined ? {} : { filters: request.filters }),
    ...scopeOf(request),
  });
  const top = response.hits[0]?.score ?? 0;
  for (const hit of response.hits) {
    sources.add(hit, 'search', { prior: top > 0 ? hit.score / top : 0 });
  }
  const search: AnswerHop = {
    kind: 'search',
    ref: request.question,
    chunkIds: sources.all().map((s) => s.chunkId),
    ms: Date.now() - started,
  };
  context.hops.push(search);
  options.emit({ type: 'hop', hop: search });

  const wantsSplit = request.decompose ?? looksCompound(request.question);
  let fromSub: Source[] = [];
  if (options.provider !== undefined && wantsSplit) {
    fromSub = await decompose(context, options.provider);
  }

  const best = sources.all().slice(0, HOP_FROM);
  const starts = [...best, ...fromSub.slice(0, HOP_FROM)];
  const seen = new Set<string>();
  const referenced = followReferences(context, starts, { reserve: 1, seen });
  await lookUpDefinitions(context, best);
  followReferences(context, referenced, { seen });

  const gathered: Gathered = {
    sources,
    hops: context.hops,
    terms: context.terms,
    questionCitations: response.citations,
  };
  if (context.exhausted !== undefined) gathered.exhausted = context.exhausted;
  return gathered;
}
