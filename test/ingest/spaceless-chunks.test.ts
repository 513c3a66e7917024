/**
 * Regression: text with no whitespace for longer than the chunk limit (base64,
 * long URLs, Thai or Chinese, tables without separators) became one oversized
 * chunk; a 30 MB spaceless text was stored as a single 30 MB chunk.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkDocument } from '../../src/ingest/chunk/index.js';
import type { Chunk, SourceDocument } from '../../src/types.js';

const GENERIC_MAX = 1200;
const GENERIC_TARGET = 600;
const STATUTE_PIECE = 2000;
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function fileDocument(text: string): SourceDocument {
  const key = 'file:blob.txt';
  const source = { file: 'blob.txt' };
  return { key, family: key, title: 'blob', docType: 'text', language: 'en', source, text };
}

function statute(content: string): SourceDocument {
  return {
    key: 'dk:test',
    family: 'test',
    title: 'Lov om prøver',
    docType: 'LOV',
    language: 'da',
    source: { file: 'test.jsonl', line: 1 },
    text: content,
    provisions: [{ ref: ':1', section: '1', start: 0, end: content.length }],
  };
}

/** Exact, trimmed, ordered spans that leave only whitespace between them. */
function assertTiles(document: SourceDocument, chunks: Chunk[]): void {
  let covered = 0;
  chunks.forEach((chunk, index) => {
    assert.equal(chunk.ordinal, index);
    assert.equal(chunk.text, document.text.slice(chunk.start, chunk.end));
    assert.equal(chunk.text, chunk.text.trim(), `chunk ${index} has whitespace at an edge`);
    assert.ok(chunk.text.length > 0);
    const gap = document.text.slice(covered, chunk.start);
    assert.equal(gap.trim(), '', `text before chunk ${index} is in no chunk`);
    covered = chunk.end;
  });
  assert.equal(document.text.slice(covered).trim(), '', 'text after the last chunk is in no chunk');
}

function assertAtMost(chunks: Chunk[], limit: number): void {
  for (const chunk of chunks) {
    const size = chunk.end - chunk.start;
    assert.ok(size <= limit, `chunk ${chunk.ordinal} has ${size} chars, over ${limit}`);
  }
}

/** Every chunk edge falls between two grapheme clusters of the whole text. */
function assertWholeClusters(text: string, chunks: Chunk[]): void {
  const boundaries = new Set<number>([text.length]);
  for (const { index } of GRAPHEMES.segment(text)) boundaries.add(index);
  for (const chunk of chunks) {
    assert.doesNotMatch(chunk.text, LONE_SURROGATE, `chunk ${chunk.ordinal} splits a pair`);
    assert.ok(boundaries.has(chunk.start), `chunk ${chunk.ordinal} starts inside a cluster`);
    assert.ok(boundaries.has(chunk.end), `chunk ${chunk.ordinal} ends inside a cluster`);
  }
}

/** `length` characters of base64, as pasted from an attachment. */
function base64(length: number): string {
  const bytes = Buffer.alloc(Math.ceil((length * 3) / 4));
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 2654435761) >>> 24;
  return bytes.toString('base64').slice(0, length);
}

describe('spaceless text: the generic chunker', () => {
  it('cuts a base64 blob into pieces of the target size instead of one oversized chunk', () => {
    const blob = base64(30_000);
    const document = fileDocument(`Attachment:\n\n${blob}\n\nEnd of attachment.`);
    const chunks = chunkDocument(document);

    assertTiles(document, chunks);
    assertAtMost(chunks, GENERIC_MAX);
    const pieces = chunks.filter((c) => blob.includes(c.text));
    assert.equal(pieces.length, 30_000 / GENERIC_TARGET);
    assert.equal(pieces.map((c) => c.text).join(''), blob);
    assert.equal(chunks.at(-1)?.text, 'End of attachment.');
  });

  it('cuts a long URL at the limit but the words around it between words', () => {
    const url = `https://example.com/download?token=${'a1B2c3'.repeat(400)}`;
    const words = 'The receiving party shall keep the information confidential. '.repeat(15);
    const document = fileDocument(`${words}${url} ${words.trim()}`);
    const chunks = chunkDocument(document);

    assertTiles(document, chunks);
    assertAtMost(chunks, GENERIC_TARGET);
    const text = document.text;
    const urlStart = text.indexOf(url);
    const inUrl = (at: number): boolean => at > urlStart && at < urlStart + url.length;
    const betweenWords = (at: number): boolean =>
      at === 0 || at === text.length || /\s/.test(text.charAt(at - 1) + text.charAt(at));
    const edges = chunks.flatMap((c) => [c.start, c.end]);
    assert.deepEqual(edges.filter((at) => !betweenWords(at) && !inUrl(at)), []);
    assert.ok(edges.filter(inUrl).length >= 3, 'the URL is cut where it runs past the limit');
  });

  it('cuts Chinese and Thai text, which has no spaces between words', () => {
    for (const unit of ['当事人应当遵循公平原则确定各方的权利和义务', 'สัญญานี้ทำขึ้นระหว่างผู้ให้เช่าและผู้เช่า']) {
      const document = fileDocument(unit.repeat(400));
      const chunks = chunkDocument(document);

      assertTiles(document, chunks);
      assertAtMost(chunks, GENERIC_TARGET);
      assert.ok(chunks.length >= Math.floor(document.text.length / GENERIC_TARGET));
      assertWholeClusters(document.text, chunks);
    }
  });

  it('keeps emoji, astral characters and combining marks whole at a cut', () => {
    // A leading character or two puts the 600th positions inside a pair or a cluster.
    const units = ['😀', '𝔸', 'e\u0301', 'a\u0308\u0323', '👨‍👩‍👧‍👦', '🇩🇰', '👍🏽'];
    for (const [unit, prefix] of units.flatMap((u) => [[u, 'x'], [u, 'xy']] as const)) {
      const document = fileDocument(`${prefix}${unit.repeat(Math.ceil(5000 / unit.length))}`);
      const chunks = chunkDocument(document);

      assertTiles(document, chunks);
      assertAtMost(chunks, GENERIC_TARGET);
      assert.ok(chunks.length >= 8, `${chunks.length} chunks for ${unit}`);
      assertWholeClusters(document.text, chunks);
      for (const chunk of chunks) assert.doesNotMatch(chunk.text, /^\p{M}/u);
    }
  });

  it('stays within the limit for one letter with thousands of combining marks', () => {
    const document = fileDocument(`e${'\u0301'.repeat(10_000)}`);
    const chunks = chunkDocument(document);

    assertTiles(document, chunks);
    assertAtMost(chunks, GENERIC_TARGET);
    assert.equal(chunks.map((c) => c.text).join(''), document.text);
  });
});

describe('spaceless text: the statute chunker', () => {
  it('cuts a subsection holding a base64 blob into pieces of at most 2,000 characters', () => {
    const blob = base64(20_000);
    const document = statute(`§ 1. Bilaget gengives her: ${blob} Stk. 2. Kort.`);
    const chunks = chunkDocument(document);

    assertTiles(document, chunks);
    assertAtMost(chunks, STATUTE_PIECE);
    const stk1 = chunks.filter((c) => c.subsection === 1);
    assert.ok(stk1.length >= 10, `${stk1.length} pieces`);
    assert.ok(stk1.every((c) => c.citation === 'Lov om prøver § 1, stk. 1'));
    assert.equal(chunks.at(-1)?.text, 'Stk. 2. Kort.');
  });

  it('cuts a spaceless table row in a numbered item and keeps the nr. label', () => {
    const row = '|'.concat('1.234,56|'.repeat(600));
    const document = statute(`§ 1. Satserne er: 1) ${row} 2) Øvrige beløb.`);
    const chunks = chunkDocument(document);

    assertTiles(document, chunks);
    assertAtMost(chunks, STATUTE_PIECE);
    assert.ok(chunks.length >= 3, `${chunks.length} chunks`);
    assert.ok(chunks.slice(1).every((c) => /, nr\. (?:1|1-2|2)$/.test(c.citation)));
  });
});
