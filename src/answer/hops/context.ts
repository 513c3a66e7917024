/** State shared by the hops of one answer: sources so far, the budget left, the trace. */
import type { Analyzer } from '../../analyze/analyzer.js';
import type { LexhopApi } from '../../api.js';
import type { SearchRequest } from '../../retrieve/types.js';
import type { SourceSet } from '../sources.js';
import type { AnswerEvent, AnswerHop, AnswerRequest } from '../types.js';

export interface HopContext {
  api: LexhopApi;
  request: AnswerRequest;
  analyzer: Analyzer;
  /** Content terms of the question. */
  terms: string[];
  sources: SourceSet;
  hops: AnswerHop[];
  /** Hops still allowed. */
  hopsLeft: number;
  /** `Date.now()` after which no new hop starts. */
  deadline: number;
  /** Why hops stopped early, if they did. */
  exhausted?: 'hops' | 'time';
  emit: (event: AnswerEvent) => void;
  signal?: AbortSignal;
}

/** True if another hop may start; records why not otherwise. */
export function mayHop(context: HopContext): boolean {
  if (context.signal?.aborted === true) return false;
  if (Date.now() >= context.deadline) {
    context.exhausted = 'time';
    return false;
  }
  if (context.hopsLeft <= 0 || context.sources.full) {
    context.exhausted = 'hops';
    return false;
  }
  return true;
}

/** Records a hop and tells the listener; a `free` hop (nothing new fetched) costs no budget. */
export function recordHop(
  context: HopContext,
  hop: AnswerHop,
  options: { free?: boolean } = {},
): void {
  context.hops.push(hop);
  if (options.free !== true) context.hopsLeft--;
  context.emit({ type: 'hop', hop });
}

/** The search request fields every hop repeats: tenant, date, versions. */
export function scopeOf(request: AnswerRequest): Pick<SearchRequest, 'tenant' | 'asOf'> {
  const scope: Pick<SearchRequest, 'tenant' | 'asOf'> = {};
  if (request.tenant !== undefined) scope.tenant = request.tenant;
  if (request.asOf !== undefined) scope.asOf = request.asOf;
  return scope;
}
