import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { chunkDocument } from '../../src/ingest/chunk/index.js';
import { prettySection } from '../../src/ingest/chunk/legal.js';
import { loadRetsinformation } from '../../src/ingest/loaders/retsinformation.js';
import type { Chunk, SourceDocument } from '../../src/types.js';
import { corpusFile } from './helpers.js';

interface TestProvision {
  section: string;
  chapter?: string;
  content: string;
}

/** A statute document built the way the loader builds one. */
function statute(provisions: TestProvision[], shortTitle?: string): SourceDocument {
  let text = '';
  const located = provisions.map(({ section, chapter, content }) => {
    if (text !== '') text += '\n\n';
    const start = text.length;
    text += content;
    return { ref: `${chapter ?? ''}:${section}`, section, chapter, start, end: text.length };
  });
  const document: SourceDocument = {
    key: 'dk:test',
    family: 'test',
    title: 'Lov om prøver',
    docType: 'LOV',
    language: 'da',
    source: { file: 'test.jsonl', line: 1 },
    text,
    provisions: located,
  };
  if (shortTitle !== undefined) document.shortTitle = shortTitle;
  return document;
}

function citations(document: SourceDocument): string[] {
  return chunkDocument(document).map((chunk) => chunk.citation);
}

function assertExactSpans(document: SourceDocument, chunks: Chunk[]): void {
  chunks.forEach((chunk, index) => {
    assert.equal(chunk.ordinal, index);
    assert.equal(chunk.documentKey, document.key);
    assert.equal(chunk.text, document.text.slice(chunk.start, chunk.end));
    assert.equal(chunk.text, chunk.text.trim(), `chunk ${index} has whitespace at an edge`);
    assert.ok(chunk.text.length > 0);
  });
}

describe('legal chunker: Stk. boundaries', () => {
  it('splits at capital Stk. N. and labels every part of a multi-Stk provision', () => {
    const content = '§ 4 a. Første del. Stk. 2. Anden del, jf. stk. 3. Stk. 3. Tredje del.';
    const document = statute([{ chapter: '2', section: '4a', content }], 'Prøveloven');
    const chunks = chunkDocument(document);

    assertExactSpans(document, chunks);
    assert.deepEqual(
      chunks.map((c) => [c.text, c.citation, c.subsection, c.section, c.chapter]),
      [
        ['§ 4 a. Første del.', 'Prøveloven § 4 a, stk. 1', 1, '4a', '2'],
        ['Stk. 2. Anden del, jf. stk. 3.', 'Prøveloven § 4 a, stk. 2', 2, '4a', '2'],
        ['Stk. 3. Tredje del.', 'Prøveloven § 4 a, stk. 3', 3, '4a', '2'],
      ],
    );
  });

  it('gives a single-part provision no stk. label, and falls back to the title', () => {
    const content = '§ 12. Loven træder i kraft den 1. juli 2025.';
    const chunks = chunkDocument(statute([{ section: '12', content }]));
    assert.deepEqual(chunks.map((c) => [c.citation, c.subsection]), [['Lov om prøver § 12', 1]]);
  });

  it('does not split at lower-case stk., capital references or quoted text', () => {
    const content =
      '§ 3. Opsigelse efter stk. 2. skal ske skriftligt, jf. Stk. 2. ' +
      'I § 9 indsættes som stk. 2: »Stk. 2. Ny tekst.« Der gælder Stk. 5. ingen frist.';
    assert.deepEqual(citations(statute([{ section: '3', content }])), ['Lov om prøver § 3']);
  });

  it('takes a Stk. after a missing full stop, and after a numbering gap at a sentence', () => {
    const content =
      '§ 5. Første del efter stk. 1 Stk. 2. Anden. Stk. 3 og 4. (Udelades) ' +
      'Stk. 5. Femte. Stk. 7. Syvende.';
    const labels = citations(statute([{ section: '5', content }]));
    assert.deepEqual(labels.map((label) => label.replace('Lov om prøver ', '')), [
      '§ 5, stk. 1', '§ 5, stk. 2', '§ 5, stk. 3-4', '§ 5, stk. 5', '§ 5, stk. 7',
    ]);
  });

  it('cites a consolidated act without a short title by the act, not the wrapper', () => {
    const document = statute([{ section: '1', content: '§ 1. Tekst.' }]);
    document.title = 'Bekendtgørelse af lov om lejeaftaler for eksempelboliger';
    assert.deepEqual(citations(document), ['Lov om lejeaftaler for eksempelboliger § 1']);
  });

  it('writes sections as a lawyer does', () => {
    assert.equal(prettySection('4a'), '4 a');
    assert.equal(prettySection('29B'), '29 B');
    const range = statute([{ section: '2-41', content: '§§ 2-41. Tekst.' }]);
    assert.deepEqual(citations(range), ['Lov om prøver §§ 2-41']);
  });
});

describe('legal chunker: long parts', () => {
  it('splits a very long part at nr. items into pieces of at most ~2,000 characters', () => {
    const filler = 'som opgjort efter loven '.repeat(12);
    const items = Array.from({ length: 30 }, (_, i) => `${i + 1}) Beløb nr. ${i + 1}, ${filler}`);
    const content = `§ 7. Til indkomsten medregnes ikke: ${items.join(' ')}Stk. 2. Kort.`;
    const document = statute([{ section: '7', content }], 'Ligningsloven');
    const chunks = chunkDocument(document);
    assertExactSpans(document, chunks);

    const stk1 = chunks.filter((c) => c.subsection === 1);
    assert.ok(stk1.length >= 4, `${stk1.length} pieces`);
    for (const chunk of stk1) assert.ok(chunk.text.length <= 2000, `${chunk.text.length} chars`);
    assert.equal(stk1[0]?.citation, 'Ligningsloven § 7, stk. 1');
    for (const chunk of stk1.slice(1)) {
      const match = /^Ligningsloven § 7, stk\. 1, nr\. (\d+)(?:-(\d+))?$/.exec(chunk.citation);
      assert.ok(match, chunk.citation);
      const atItem = chunk.text.startsWith(`${match[1]}) `);
      assert.ok(atItem, `not at its item: ${chunk.text.slice(0, 20)}`);
    }
    assert.equal(chunks.at(-1)?.citation, 'Ligningsloven § 7, stk. 2');
  });

  it('cuts a long part without items at sentence ends, and never inside a word', () => {
    const sentences = 'Udlejeren skal give skriftligt varsel om ændringen. '.repeat(400);
    const document = statute([{ section: '1', content: `§ 1. ${sentences}${'ord'.repeat(50)}` }]);
    const chunks = chunkDocument(document);

    assertExactSpans(document, chunks);
    assert.ok(chunks.length >= 10);
    for (const chunk of chunks.slice(0, -1)) {
      assert.ok(chunk.text.endsWith('ændringen.'), chunk.text.slice(-20));
      assert.equal(chunk.citation, 'Lov om prøver § 1');
    }
  });
});

describe('legal chunker: real provisions from current-acts.jsonl.gz', () => {
  const file = corpusFile('current-acts.jsonl.gz');
  const skip = file === undefined && 'corpus not found at ../shared/corpus/dk-laws';
  const acts = new Map<string, SourceDocument>();

  before(async () => {
    if (file === undefined) return;
    const wanted = new Set(['Retsplejeloven', 'Lejeloven', 'Ligningsloven']);
    for await (const event of loadRetsinformation(file)) {
      if (event.kind !== 'document') continue;
      const name = event.document.shortTitle;
      if (name !== undefined && wanted.has(name)) acts.set(name, event.document);
    }
  });

  function provisionChunks(act: string, section: string): Chunk[] {
    const document = acts.get(act);
    assert.ok(document, `${act} is in current-acts.jsonl.gz`);
    return chunkDocument(document).filter((chunk) => chunk.section === section);
  }

  it('splits retsplejeloven § 737 into its two Stk.', { skip }, () => {
    const chunks = provisionChunks('Retsplejeloven', '737');
    assert.deepEqual(chunks.map((c) => c.citation), [
      'Retsplejeloven § 737, stk. 1',
      'Retsplejeloven § 737, stk. 2',
    ]);
    assert.match(chunks[0]?.text ?? '', /^§ 737\. Afgørelse om at afvise en valgt forsvarer/);
    assert.equal(chunks[1]?.text, 'Stk. 2. Den Særlige Klagerets afgørelse kan ikke appelleres.');
  });

  it('keeps lejeloven § 45 d whole across "jf. dog stk. 2" and "uanset stk. 1"', { skip }, () => {
    const chunks = provisionChunks('Lejeloven', '45d');
    assert.deepEqual(chunks.map((c) => c.citation), [
      'Lejeloven § 45 d, stk. 1',
      'Lejeloven § 45 d, stk. 2',
      'Lejeloven § 45 d, stk. 3',
    ]);
    assert.match(chunks[0]?.text ?? '', /jf\. dog stk\. 2\.$/);
    assert.match(chunks[2]?.text ?? '', /^Stk\. 3\. Udlejeren, .* kan uanset stk\. 1 kræve/);
  });

  it('cuts the 13K-character ligningsloven § 7 at its numbered items', { skip }, () => {
    const chunks = provisionChunks('Ligningsloven', '7');
    assert.ok(chunks.length >= 5);
    assert.ok(chunks.some((c) => /^Ligningsloven § 7(?:, stk\. 1)?, nr\. \d+/.test(c.citation)));
    for (const chunk of chunks) assert.ok(chunk.text.length <= 4000);
  });

  it('has exact spans for every chunk of the three acts', { skip }, () => {
    assert.equal(acts.size, 3);
    for (const document of acts.values()) assertExactSpans(document, chunkDocument(document));
  });
});
