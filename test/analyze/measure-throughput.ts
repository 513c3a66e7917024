/**
 * Analyzer throughput on real provision text (not a test: run by hand).
 *
 *   node --import tsx test/analyze/measure-throughput.ts [path/to/current-acts.jsonl.gz]
 *
 * Reads every provision, then times `terms()` over all of them twice (the
 * first pass warms the JIT and the stem cache, as a long ingest would), then
 * `positionedTerms()`, and prints characters per second of each pass.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { analyzerFor } from '../../src/analyze/index.js';

const file =
  process.argv[2] ?? path.resolve(process.cwd(), '../shared/corpus/dk-laws/current-acts.jsonl.gz');
const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');

const provisions: string[] = [];
for (const line of lines) {
  if (line.trim() === '') continue;
  const record = JSON.parse(line) as { provisions?: Array<{ content: string }> };
  for (const provision of record.provisions ?? []) provisions.push(provision.content);
}
const chars = provisions.reduce((sum, text) => sum + text.length, 0);

const analyzer = analyzerFor('da');
const passes = [
  ['terms (cold)', (text: string) => analyzer.terms(text).length],
  ['terms (warm)', (text: string) => analyzer.terms(text).length],
  ['positionedTerms', (text: string) => analyzer.positionedTerms(text).length],
] as const;

for (const [name, analyze] of passes) {
  let terms = 0;
  const started = process.hrtime.bigint();
  for (const text of provisions) terms += analyze(text);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    `${name}: ${provisions.length} provisions, ${chars} chars, ${terms} terms, ` +
      `${seconds.toFixed(2)} s, ${Math.round(chars / seconds).toLocaleString('en')} chars/s\n`,
  );
}
