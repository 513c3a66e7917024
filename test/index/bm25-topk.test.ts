/**
 * The embedded engine's pruned top-k search against a brute-force scorer
 * over the same quantized impacts: random corpora and queries (rare and very
 * common terms, weights, limits, an accept filter), before and after chunks
 * are appended and removed, compacted and reloaded.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { mulberry32, type Random, randomInt } from '../../src/eval/prng.js';
import type { EngineDocument, EngineHit, EngineQuery } from '../../src/index/engine.js';
import { Bm25Engine } from '../../src/index/engines/bm25/engine.js';
import type { PostingList } from '../../src/index/engines/bm25/postings.js';

const K1 = 1.2;

const folders: string[] = [];
after(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** Term `t<rank>`, drawn so low ranks are very common and high ranks rare (Zipf-like). */
function drawTerm(random: Random, vocabulary: number): string {
  return `t${Math.floor(vocabulary ** random()) - 1}`;
}

/** Common terms in most chunks, the rest Zipf-like; lengths vary a lot, as statute chunks do. */
function makeDocument(random: Random, id: number, vocabulary: number): EngineDocument {
  const body: string[] = [];
  const length = random() < 0.1 ? randomInt(random, 60, 200) : randomInt(random, 1, 40);
  for (let i = 0; i < length; i += 1) body.push(drawTerm(random, vocabulary));
  if (random() < 0.7) body.push('common');
  if (random() < 0.5) body.push('half');
  const title: string[] = [];
  for (let i = randomInt(random, 0, 4); i > 0; i -= 1) title.push(drawTerm(random, vocabulary));
  return { id, title, body };
}

/** Ids with gaps (and one long jump), so lists span many 4,096-id windows. */
function makeDocuments(
  random: Random,
  from: number,
  count: number,
  vocabulary: number,
): EngineDocument[] {
  const documents: EngineDocument[] = [];
  let id = from;
  for (let i = 0; i < count; i += 1) {
    id += random() < 0.01 ? randomInt(random, 5_000, 20_000) : randomInt(random, 1, 12);
    documents.push(makeDocument(random, id, vocabulary));
  }
  return documents;
}

interface EngineInternals {
  postings: Map<string, PostingList>;
  live: Uint8Array;
}

/**
 * Scores every chunk of every query term, summing in the engine's plan order
 * (highest bound first) with float32 rounding, and sorts (score desc, id asc).
 */
function bruteForce(engine: Bm25Engine, query: EngineQuery): EngineHit[] {
  const { postings, live } = engine as unknown as EngineInternals;
  const count = engine.stats().chunks;
  const plan = query.terms
    .filter((t) => t.weight > 0 && (postings.get(t.term)?.length ?? 0) > 0)
    .map((t) => {
      const list = postings.get(t.term) as PostingList;
      const idf = Math.log(1 + (count - list.length + 0.5) / (list.length + 0.5));
      const scale = (idf * t.weight * (K1 + 1)) / 255;
      return { list, scale, bound: scale * list.maxImpact };
    })
    .sort((a, b) => b.bound - a.bound);
  const scores = new Map<number, number>();
  for (const { list, scale } of plan) {
    for (let i = 0; i < list.length; i += 1) {
      const id = list.ids[i] as number;
      if (live[id] !== 1) continue;
      scores.set(id, Math.fround((scores.get(id) ?? 0) + scale * (list.impacts[i] as number)));
    }
  }
  const hits: EngineHit[] = [];
  for (const [id, score] of scores) {
    if (query.accept === undefined || query.accept(id)) hits.push({ id, score });
  }
  return hits.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, query.limit);
}

/** Rejects about half of all chunks, scattered (a hash of the id). */
function acceptHalf(id: number): boolean {
  return ((Math.imul(id, 0x9e3779b1) >>> 16) & 1) === 0;
}

function makeQuery(random: Random, vocabulary: number): EngineQuery {
  const terms: EngineQuery['terms'] = [];
  for (let i = randomInt(random, 1, 8); i > 0; i -= 1) {
    const pick = random();
    const term = pick < 0.15 ? 'common' : pick < 0.25 ? 'half' : pick < 0.3 ? 'absent'
      : drawTerm(random, random() < 0.5 ? 20 : vocabulary);
    const weight = random() < 0.6 ? 1 : [0.3, 0.5, 1.7, 2.5, 0][randomInt(random, 0, 4)] as number;
    terms.push({ term, weight });
  }
  if (random() < 0.1 && terms.length > 0) terms.push({ ...(terms[0] as EngineQuery['terms'][0]) });
  // Log-uniform limits in 1..500: mostly small, as searches ask.
  const limit = Math.max(1, Math.round(500 ** random()));
  return { terms, limit, accept: random() < 0.7 ? acceptHalf : undefined };
}

/** Runs `count` random queries through engine and brute force; returns how many had hits. */
function compareQueries(
  engine: Bm25Engine,
  random: Random,
  count: number,
  vocabulary: number,
): number {
  let withHits = 0;
  for (let q = 0; q < count; q += 1) {
    const query = makeQuery(random, vocabulary);
    const got = engine.search(query);
    const want = bruteForce(engine, query);
    const shown = JSON.stringify({ ...query, accept: query.accept !== undefined });
    assert.deepEqual(got, want, `query ${q}: ${shown}`);
    if (got.length > 0) withHits += 1;
  }
  return withHits;
}

describe('bm25 top-k search', () => {
  it('returns exactly the brute-force top k, on random corpora and queries', () => {
    for (const seed of [1, 2, 3]) {
      const random = mulberry32(seed);
      const vocabulary = 2_000;
      const engine = new Bm25Engine();
      engine.put(makeDocuments(random, 0, 4_000, vocabulary));
      const withHits = compareQueries(engine, random, 300, vocabulary);
      assert.ok(withHits > 200, `only ${withHits} queries had hits: the test would prove little`);
    }
  });

  it('returns exactly the brute-force top k when common lists are too long to seed from', () => {
    // Past 16,384 postings a list no longer seeds the k-th score, so the
    // windows alone must find it; 30,000 chunks put `common` at about 21,000.
    const random = mulberry32(5);
    const vocabulary = 3_000;
    const engine = new Bm25Engine();
    engine.put(makeDocuments(random, 0, 30_000, vocabulary));
    const withHits = compareQueries(engine, random, 120, vocabulary);
    assert.ok(withHits > 80, `only ${withHits} queries had hits`);
  });

  it('reflects chunks appended and removed after a search', () => {
    const random = mulberry32(7);
    const vocabulary = 1_500;
    const engine = new Bm25Engine();
    const first = makeDocuments(random, 0, 3_000, vocabulary);
    engine.put(first);
    compareQueries(engine, random, 100, vocabulary);
    let highest = (first[first.length - 1] as EngineDocument).id;

    // Appends land in the last windows, in lists whose impacts are already derived.
    for (let round = 0; round < 3; round += 1) {
      const more = makeDocuments(random, highest, 300, vocabulary);
      highest = (more[more.length - 1] as EngineDocument).id;
      engine.put(more);
      compareQueries(engine, random, 60, vocabulary);
    }

    // Long chunks shift the average length past 2 %, which recomputes all impacts.
    const long = makeDocuments(random, highest, 400, vocabulary).map((d) => ({
      ...d, body: [...d.body, ...d.body, ...d.body, 'common'],
    }));
    highest = (long[long.length - 1] as EngineDocument).id;
    engine.put(long);
    compareQueries(engine, random, 60, vocabulary);

    // Removing the top hits must let the next ones in; removing most chunks with
    // `common` leaves it in more postings than live chunks (a negative idf).
    const top = engine.search({ terms: [{ term: 'common', weight: 1 }], limit: 50 });
    engine.remove(top.map((h) => h.id));
    const after = engine.search({ terms: [{ term: 'common', weight: 1 }], limit: 50 });
    assert.equal(after.filter((h) => top.some((t) => t.id === h.id)).length, 0);
    compareQueries(engine, random, 60, vocabulary);
    const removed = first.filter((d) => d.body.includes('common') && random() < 0.9);
    engine.remove(removed.map((d) => d.id));
    compareQueries(engine, random, 100, vocabulary);
  });

  it('stays exact after compaction and after reloading the snapshot', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'lexhop-bm25-topk-'));
    folders.push(folder);
    const snapshotFile = path.join(folder, 'bm25.snapshot');
    const random = mulberry32(11);
    const vocabulary = 1_500;
    const engine = new Bm25Engine({ snapshotFile });
    const documents = makeDocuments(random, 0, 3_000, vocabulary);
    engine.put(documents);
    compareQueries(engine, random, 50, vocabulary);
    engine.remove(documents.filter(() => random() < 0.3).map((d) => d.id));
    compareQueries(engine, random, 50, vocabulary);

    // persist() compacts: lists shrink under derived window data built before.
    engine.persist();
    compareQueries(engine, random, 80, vocabulary);
    const last = (documents[documents.length - 1] as EngineDocument).id;
    engine.put(makeDocuments(random, last, 200, vocabulary));
    compareQueries(engine, random, 50, vocabulary);
    engine.persist();

    const reopened = new Bm25Engine({ snapshotFile });
    compareQueries(reopened, random, 80, vocabulary);
    engine.close();
    reopened.close();
  });
});
