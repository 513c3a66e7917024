/**
 * Decomposition: with a language model, a question that needs several facts
 * ("Hvornår kan en lejer opsige, og hvilket varsel gælder?") is split into
 * sub-questions; each is retrieved on its own, and the answer is written from
 * all of them together. A model that fails or answers nonsense here costs
 * nothing but the call: the question is then answered undivided.
 */
import { budgetSignal } from '../budget.js';
import type { AnswerProvider } from '../types.js';
import { scopeOf, mayHop, recordHop, type HopContext } from './context.js';
import type { Source } from '../sources.js';

const MAX_SUBQUESTIONS = 3;

const SYSTEM = [
  'You split a question about Danish law into the separate sub-questions that must each be',
  'looked up in the statutes to answer it. Write the sub-questions in the language of the',
  `question. Use at most ${MAX_SUBQUESTIONS}. If the question asks for one thing only,`,
  'return none.',
  'Reply with JSON only, exactly in this form: {"subquestions": ["…", "…"]}',
].join(' ');

/** Whether a question looks like it asks for more than one thing. */
export function looksCompound(question: string): boolean {
  const words = question.trim().split(/\s+/u).length;
  if ((question.match(/\?/gu) ?? []).length > 1) return true;
  if (words >= 16) return true;
  return words >= 6 && /\b(og|samt|eller|hhv\.?|and|or)\b/iu.test(question);
}

/** Sub-questions from the model's reply; [] when the reply is not what was asked. */
export function parseSubquestions(reply: string, question: string): string[] {
  const start = reply.indexOf('{');
  const end = reply.lastIndexOf('}');
  if (start === -1 || end <= start) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.slice(start, end + 1));
  } catch {
    return [];
  }
  const list = (parsed as { subquestions?: unknown }).subquestions;
  if (!Array.isArray(list)) return [];

  const same = question.trim().toLowerCase();
  const subquestions: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const text = item.replace(/\s+/gu, ' ').trim();
    if (text.length < 3 || text.length > 300 || text.toLowerCase() === same) continue;
    if (!subquestions.includes(text)) subquestions.push(text);
  }
  return subquestions.length < 2 ? [] : subquestions.slice(0, MAX_SUBQUESTIONS);
}

/** Asks the model for sub-questions, within the hop deadline. */
async function askForSubquestions(
  context: HopContext,
  provider: AnswerProvider,
): Promise<string[]> {
  const budget = budgetSignal(context.deadline, context.signal);
  try {
    const result = await provider.complete({
      system: SYSTEM,
      messages: [{ role: 'user', content: context.request.question }],
      maxTokens: 300,
      signal: budget.signal,
    });
    return parseSubquestions(result.text, context.request.question);
  } catch {
    // Decomposition is an optimisation; the undivided question still gets answered.
    return [];
  } finally {
    budget.dispose();
  }
}

/** Splits the question and retrieves each sub-question; returns the sources added. */
export async function decompose(
  context: HopContext,
  provider: AnswerProvider,
  options: { perSubquestion?: number } = {},
): Promise<Source[]> {
  if (!mayHop(context)) return [];
  const subquestions = await askForSubquestions(context, provider);
  const added: Source[] = [];

  for (const subquestion of subquestions) {
    if (!mayHop(context)) break;
    const started = Date.now();
    const response = await context.api.search({
      query: subquestion,
      limit: options.perSubquestion ?? 3,
      ...(context.request.filters === undefined ? {} : { filters: context.request.filters }),
      ...scopeOf(context.request),
    });
    const top = response.hits[0]?.score ?? 0;
    const sources = response.hits
      .map((hit) => context.sources.add(hit, 'subquestion', {
        prior: top > 0 ? hit.score / top : 0,
      }))
      .filter((source): source is Source => source !== undefined);
    // A sub-question whose hits are all known already is still a hop: it was asked.
    recordHop(context, {
      kind: 'subquestion',
      ref: subquestion,
      chunkIds: sources.map((s) => s.chunkId),
      ms: Date.now() - started,
    });
    added.push(...sources);
  }
  return added;
}
