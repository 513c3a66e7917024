/**
 * Reference hops: a provision that says `jf. § 737`, `efter § 48` or
 * `§ 6, stk. 3, i lov om …` pulls in the provision it points to, from the
 * same act or the act it names.
 *
 * Which references first: those in the sentences that best match the
 * question, in the best-ranked sources. A provision often cites several
 * others; the budget goes to the ones the answer will quote.
 */
import { parseCitations } from '../../analyze/citation.js';
import type { CitationRef } from '../../analyze/citation-types.js';
import type { ChunkRecord } from '../../api.js';
import { scoreSentences, sentenceAt } from '../scoring.js';
import type { Source } from '../sources.js';
import { mayHop, recordHop, type HopContext } from './context.js';

/** The references at one place in a source (`§ 2 a, stk. 1, 2 og 4` is three), ranked. */
interface Candidate {
  from: Source;
  refs: CitationRef[];
  start: number;
  end: number;
  priority: number;
}

/** Chunks taken from one referenced provision. */
const CHUNKS_PER_REFERENCE = 2;
/** Chunks one hop adds at most, however many provisions its reference names. */
const CHUNKS_PER_HOP = 3;

/**
 * References in the sources' sentences that share a term with the question,
 * best first; a reference in a sentence about something else is not followed.
 */
function candidatesOf(context: HopContext, from: readonly Source[]): Candidate[] {
  const scores = scoreSentences(
    from.map((s) => s.text),
    context.terms,
    context.analyzer,
  );
  const candidates = new Map<string, Candidate>();
  from.forEach((source, index) => {
    const sentences = scores.texts[index] ?? [];
    const section = source.section?.toLowerCase();
    const refs = parseCitations(source.text, section === undefined ? {} : { section });
    for (const ref of refs) {
      if (pointsToItself(source, ref)) continue;
      const sentence = sentenceAt(sentences, ref.start);
      if (sentence === undefined || sentence.score <= 0) continue;
      const key = `${source.n}:${ref.start}:${ref.end}`;
      const known = candidates.get(key);
      if (known !== undefined) {
        known.refs.push(ref);
        continue;
      }
      const priority = sentence.score + 2 * source.prior - 0.01 * index;
      candidates.set(key, { from: source, refs: [ref], start: ref.start, end: ref.end, priority });
    }
  });
  return [...candidates.values()].sort((a, b) => b.priority - a.priority);
}

/** A reference to the provision the source is part of: nothing new to fetch. */
function pointsToItself(source: Source, ref: CitationRef): boolean {
  if (ref.act !== undefined || ref.section !== source.section?.toLowerCase()) return false;
  // `jf. stk. 1` from stk. 3 is a hop within the provision; `§ 5` from § 5 is not.
  return ref.subsection === undefined || ref.subsection === (source.subsection ?? 1);
}

/** Key of the provision a reference names, for not following it twice. */
function refKey(from: Source, ref: CitationRef): string {
  const act = ref.act?.toLowerCase() ?? from.documentKey;
  return `${act}|${ref.section}|${ref.subsection ?? ''}|${ref.item ?? ''}`;
}

/** At most two chunks: the provision's opening and the one closest to the question. */
function pickChunks(context: HopContext, chunks: ChunkRecord[]): ChunkRecord[] {
  if (chunks.length <= CHUNKS_PER_REFERENCE) return chunks;
  const [first, ...rest] = chunks;
  if (first === undefined) return [];
  const scores = scoreSentences(rest.map((c) => c.text), context.terms, context.analyzer);
  let best: ChunkRecord | undefined;
  let bestScore = 0;
  rest.forEach((chunk, index) => {
    const score = Math.max(0, ...(scores.texts[index] ?? []).map((s) => s.score));
    if (score > bestScore) {
      best = chunk;
      bestScore = score;
    }
  });
  return best === undefined ? [first] : [first, best];
}

/**
 * Follows references from `from`, then from what they pulled in, up to
 * `depth` levels, while the budget lasts. `reserve` hops are left for the
 * next kind of hop.
 */
export function followReferences(
  context: HopContext,
  from: readonly Source[],
  options: { depth?: number; reserve?: number; seen?: Set<string> } = {},
): Source[] {
  const depth = options.depth ?? 1;
  const reserve = options.reserve ?? 0;
  const seen = options.seen ?? new Set<string>();
  const added: Source[] = [];
  let level = from;

  for (let round = 0; round < depth && level.length > 0; round++) {
    const next: Source[] = [];
    for (const candidate of candidatesOf(context, level)) {
      const refs = candidate.refs.filter((ref) => !seen.has(refKey(candidate.from, ref)));
      if (refs.length === 0) continue;
      if (context.hopsLeft <= reserve && context.hopsLeft > 0) break;
      if (!mayHop(context)) break;
      for (const ref of refs) seen.add(refKey(candidate.from, ref));

      const started = Date.now();
      const lookup = (r: CitationRef): ChunkRecord[] =>
        pickChunks(context, context.api.lookupCitation(r, candidate.from.documentKey));
      const chunks = refs.flatMap(lookup).slice(0, CHUNKS_PER_HOP);
      const { start, end } = candidate;
      const ref = candidate.from.text.slice(start, end);
      const sources: Source[] = [];
      const targets: Source[] = [];
      for (const chunk of chunks) {
        // A provision the search found already is linked, not added again.
        const known = context.sources.get(chunk.id);
        const target = known ?? context.sources.add(chunk, 'reference');
        if (target === undefined || targets.includes(target)) continue;
        context.sources.link({ from: candidate.from.n, to: target.n, start, end, ref });
        targets.push(target);
        if (known === undefined) sources.push(target);
      }
      if (targets.length === 0) continue;

      // A reference to sources already known is shown, but costs no budget.
      const hop = {
        kind: 'reference' as const,
        from: candidate.from.chunkId,
        ref,
        chunkIds: targets.map((s) => s.chunkId),
        ms: Date.now() - started,
      };
      recordHop(context, hop, { free: sources.length === 0 });
      next.push(...sources);
    }
    added.push(...next);
    level = next;
  }
  return added;
}
