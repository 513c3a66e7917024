/**
 * Ingest stage alone: load + chunk files, nothing stored. Prints documents,
 * chunks, skipped inputs by code, wall time and peak RSS.
 *
 *   node --import tsx bench/ingest-only.ts ../shared/corpus/dk-laws/current-acts.jsonl.gz
 *   node --import tsx bench/ingest-only.ts --verify <paths…>   # also check every span
 */
import { chunkDocument } from '../src/ingest/chunk/index.js';
import { loadPaths } from '../src/ingest/walk.js';

const args = process.argv.slice(2);
const verify = args.includes('--verify');
const paths = args.filter((arg) => arg !== '--verify');
if (paths.length === 0) {
  console.error('usage: bench/ingest-only.ts [--verify] <file or folder>…');
  process.exit(2);
}

const started = performance.now();
let documents = 0;
let chunks = 0;
let chars = 0;
let longest = 0;
let spanErrors = 0;
const skipped = new Map<string, number>();

for await (const event of loadPaths(paths)) {
  if (event.kind === 'skipped') {
    skipped.set(event.skipped.code, (skipped.get(event.skipped.code) ?? 0) + 1);
    continue;
  }
  const document = event.document;
  documents += 1;
  chars += document.text.length;
  const pieces = chunkDocument(document);
  chunks += pieces.length;
  for (const chunk of pieces) {
    longest = Math.max(longest, chunk.end - chunk.start);
    if (!verify) continue;
    const exact = chunk.text === document.text.slice(chunk.start, chunk.end);
    if (!exact || chunk.text.trim() !== chunk.text) spanErrors += 1;
  }
}

const ms = performance.now() - started;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify(
    {
      paths,
      documents,
      chunks,
      chars,
      longestChunk: longest,
      ...(verify ? { spanErrors } : {}),
      skipped: Object.fromEntries(skipped),
      ms: Math.round(ms),
      peakRssMb: Math.round(peakRssMb),
    },
    null,
    2,
  ),
);
