/**
 * Definition hops: when the question uses a term the act defines, the
 * definition is looked up in the act and added as a source.
 *
 * Danish statutes define terms in three ways, all handled:
 * - a definitions provision with a numbered list:
 *   `I denne lov forstås ved: 1) Agenturet: Den Europæiske …` (also `1 Bil:`
 *   and `1) »design«: …`);
 * - a sentence `Ved en selvkørende enhed forstås …` (also `… forstås i denne lov …`);
 * - `I denne lov forstås ved »X« …`.
 */
import { scopeOf, mayHop, recordHop, type HopContext } from './context.js';
import { splitSentences, type SentenceSpan } from '../sentences.js';
import type { Source } from '../sources.js';

/** A term a text defines, and the span of its definition in that text. */
export interface DefinedTerm {
  term: string;
  span: SentenceSpan;
}

const LIST_INTRO = /forstås\s+(?:i\s+denne\s+lov\s+)?ved\b/iu;

const LIST_ITEM =
  /(?:^|[\s:;.])(\d{1,3})\)?\s+(»[^«»]{1,80}«|\p{Lu}[\p{L}\p{N}\- ]{0,60}?)\s*:\s/gu;

const VED_FORSTAAS =
  /\bVed\s+(?:(?:en|et|den|det|de)\s+)?»?(\p{L}[\p{L}\p{N}\- ]{1,60}?)«?\s+forstås\b/u;

const FORSTAAS_VED_QUOTED = /forstås\s+(?:i\s+denne\s+lov\s+)?ved\s+»([^«»]{1,60})«/u;

function clean(term: string): string {
  return term.replace(/[»«]/gu, '').replace(/\s+/gu, ' ').trim();
}

/** Terms a provision's text defines, with the span of each definition. */
export function definedTerms(text: string): DefinedTerm[] {
  const terms: DefinedTerm[] = [];

  if (LIST_INTRO.test(text)) {
    const items = [...text.matchAll(LIST_ITEM)];
    items.forEach((match, index) => {
      const label = match[1] ?? '';
      const start = (match.index ?? 0) + match[0].indexOf(label);
      const following = items[index + 1];
      const end = following === undefined
        ? text.length
        : (following.index ?? text.length) + (following[0].match(/^[\s:;.]/u) ? 1 : 0);
      let trimmed = end;
      while (trimmed > start && /[\s,;]/u.test(text.charAt(trimmed - 1))) trimmed--;
      terms.push({ term: clean(match[2] ?? ''), span: { start, end: trimmed } });
    });
  }

  for (const span of splitSentences(text)) {
    const sentence = text.slice(span.start, span.end);
    const match = VED_FORSTAAS.exec(sentence) ?? FORSTAAS_VED_QUOTED.exec(sentence);
    const term = match?.[1];
    if (term !== undefined && !term.includes(',')) terms.push({ term: clean(term), span });
  }
  return terms.filter((t) => t.term !== '' && t.span.end > t.span.start);
}

/** Analyzed terms of a defined term, without which it cannot match. */
function stemsOf(context: HopContext, term: string): string[] {
  return [...new Set(context.analyzer.terms(term))];
}

/**
 * Looks up, in the acts of the best sources, the definitions of terms the
 * question uses; adds each as a source focused on its definition.
 */
export async function lookUpDefinitions(
  context: HopContext,
  from: readonly Source[],
  options: { acts?: number; perAct?: number } = {},
): Promise<Source[]> {
  const question = new Set(context.analyzer.terms(context.request.question));
  // The best source of each act anchors its definition hops.
  const anchors = new Map<string, Source>();
  for (const source of from) {
    if (!anchors.has(source.documentKey)) anchors.set(source.documentKey, source);
  }
  const acts = [...anchors.values()].slice(0, options.acts ?? 2);
  const defined = new Set<string>();
  const added: Source[] = [];

  for (const anchor of acts) {
    if (!mayHop(context)) break;
    const started = Date.now();
    const response = await context.api.search({
      query: `forstås ${context.request.question}`,
      limit: 8,
      perDocument: 0,
      filters: { documentKeys: [anchor.documentKey] },
      ...scopeOf(context.request),
    });

    const matches = response.hits.flatMap((hit) =>
      definedTerms(hit.text)
        .map((definition) => ({ hit, definition, stems: stemsOf(context, definition.term) }))
        .filter((m) => m.stems.length > 0 && m.stems.every((stem) => question.has(stem))),
    );
    // Longer terms first: `udsat boligområde` before `boligområde`.
    matches.sort((a, b) => b.stems.length - a.stems.length);

    let taken = 0;
    for (const { hit, definition, stems } of matches) {
      if (taken >= (options.perAct ?? 2) || !mayHop(context)) break;
      const key = stems.join(' ');
      if (defined.has(key)) continue;
      defined.add(key);
      // One definitions provision often defines several of the question's terms.
      const known = context.sources.get(hit.chunkId);
      const entry = { term: definition.term, span: definition.span };
      if (known !== undefined && known.via !== 'definition') continue;
      if (known?.definitions !== undefined) known.definitions.push(entry);
      const source = known ?? context.sources.add(hit, 'definition', { definitions: [entry] });
      if (source === undefined) continue;
      taken++;
      if (known === undefined) added.push(source);
      recordHop(context, {
        kind: 'definition',
        from: anchor.chunkId,
        ref: definition.term,
        chunkIds: [source.chunkId],
        ms: Date.now() - started,
      });
    }
  }
  return added;
}
