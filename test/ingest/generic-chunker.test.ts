import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { chunkDocument } from '../../src/ingest/chunk/index.js';
import { findHeadings, textHeadingLevel } from '../../src/ingest/chunk/headings.js';
import type { Chunk, SourceDocument } from '../../src/types.js';

function fileDocument(text: string, docType: 'markdown' | 'text', title: string): SourceDocument {
  const key = `file:${title}`;
  return { key, family: key, title, docType, language: 'en', source: { file: title }, text };
}

function assertExactSpans(document: SourceDocument, chunks: Chunk[]): void {
  chunks.forEach((chunk, index) => {
    assert.equal(chunk.ordinal, index);
    assert.equal(chunk.text, document.text.slice(chunk.start, chunk.end));
    assert.equal(chunk.text, chunk.text.trim());
    if (index > 0) assert.ok(chunk.start >= (chunks[index - 1]?.end ?? 0), 'chunks overlap');
  });
}

/** True when a heading line lies inside the chunk after its first line. */
function crossesHeading(document: SourceDocument, chunk: Chunk): boolean {
  const syntax = document.docType === 'markdown' ? 'markdown' : 'text';
  const headings = findHeadings(document.text, syntax);
  return headings.some((h) => h.start > chunk.start && h.start < chunk.end);
}

describe('generic chunker: Markdown', () => {
  const text = [
    '# Fortrolighedsaftale',
    '',
    'Denne aftale er indgået mellem Eksempel ApS og Modpart A/S.',
    '',
    '## 1. Fortrolige oplysninger',
    '',
    'Ved fortrolige oplysninger forstås alle oplysninger.',
    '',
    '### 1.1 Undtagelser',
    '',
    'Offentligt tilgængelige oplysninger er undtaget.',
    '',
    '```',
    '# ikke en overskrift',
    '```',
    '',
    '## 2. Tavshedspligt',
    '',
    'Modtageren må ikke videregive oplysningerne.',
    '',
  ].join('\r\n');
  const document = fileDocument(text, 'markdown', 'Fortrolighedsaftale');

  it('chunks at headings with exact spans and heading paths, never across a heading', () => {
    const chunks = chunkDocument(document);
    assertExactSpans(document, chunks);
    for (const chunk of chunks) {
      assert.ok(!crossesHeading(document, chunk), `chunk ${chunk.ordinal} crosses a heading`);
    }
    assert.deepEqual(
      chunks.map((c) => [c.heading, c.citation]),
      [
        [undefined, 'Fortrolighedsaftale'],
        ['1. Fortrolige oplysninger', 'Fortrolighedsaftale > 1. Fortrolige oplysninger'],
        [
          '1. Fortrolige oplysninger > 1.1 Undtagelser',
          'Fortrolighedsaftale > 1. Fortrolige oplysninger > 1.1 Undtagelser',
        ],
        ['2. Tavshedspligt', 'Fortrolighedsaftale > 2. Tavshedspligt'],
      ],
    );
    assert.match(chunks[2]?.text ?? '', /^### 1\.1 Undtagelser[\s\S]*# ikke en overskrift\r\n```$/);
  });

  it('packs paragraphs up to the target size and splits a long paragraph between words', () => {
    const sentence = 'The receiving party shall keep the information confidential. ';
    const long = sentence.repeat(60).trim();
    const paragraphs = Array.from(
      { length: 12 },
      (_, i) => `Paragraph ${i} is short but not tiny, with some words in it.`,
    );
    const body = `# Terms\n\n${paragraphs.join('\n\n')}\n\n${long}\n\n## Next\n\nEnd.`;
    const doc = fileDocument(body, 'markdown', 'Agreement');
    const chunks = chunkDocument(doc, { targetChars: 300, maxChars: 600 });
    assertExactSpans(doc, chunks);

    const packed = chunks.filter((c) => c.text.includes('Paragraph'));
    assert.ok(packed.length >= 2 && packed.length < 12, `${packed.length} chunks for 12`);
    for (const chunk of packed) assert.ok(chunk.text.length <= 300);
    const pieces = chunks.filter((c) => c.text.startsWith('The receiving party'));
    assert.ok(pieces.length >= 6);
    for (const piece of pieces) {
      assert.ok(piece.text.length <= 300);
      assert.ok(piece.text.endsWith('confidential.'), piece.text.slice(-15));
    }
    assert.equal(chunks.at(-1)?.citation, 'Agreement > Terms > Next');
  });
});

describe('generic chunker: plain text', () => {
  it('finds numbered, keyword and capitals headings', async () => {
    assert.equal(textHeadingLevel('1. Definition of Confidential Information'), 1);
    assert.equal(textHeadingLevel('2.1 Exceptions'), 2);
    assert.equal(textHeadingLevel('ARTICLE IV'), 1);
    assert.equal(textHeadingLevel('Section 3 Term'), 2);
    assert.equal(textHeadingLevel('§ 4 Opsigelse'), 2);
    assert.equal(textHeadingLevel('MUTUAL NON-DISCLOSURE AGREEMENT'), 1);
    assert.equal(textHeadingLevel('1. januar 2024 træder aftalen i kraft'), undefined);
    assert.equal(textHeadingLevel('2.1 The receiving party shall not disclose it.'), undefined);
    assert.equal(textHeadingLevel('This is an ordinary sentence'), undefined);
  });

  it('chunks the sample NDA by its clauses', async () => {
    const text = await readFile(path.resolve(process.cwd(), 'samples/mutual-nda.txt'), 'utf8');
    const document = fileDocument(text, 'text', 'mutual-nda');
    const chunks = chunkDocument(document);
    assertExactSpans(document, chunks);
    for (const chunk of chunks) assert.ok(!crossesHeading(document, chunk));
    assert.equal(chunks[0]?.heading, 'MUTUAL NON-DISCLOSURE AGREEMENT');
    const term = chunks.find((c) => c.citation === 'mutual-nda > 3. Term');
    assert.ok(term?.text.startsWith('3. Term'));
  });

  it('nests numbered clause headings by depth', () => {
    const text = '1. Scope\n\nIntro.\n\n1.1 Parties\n\nA and B.\n\n2. Term\n\nTwo years.\n';
    const chunks = chunkDocument(fileDocument(text, 'text', 'contract'));
    const headings = chunks.map((c) => c.heading);
    assert.deepEqual(headings, ['1. Scope', '1. Scope > 1.1 Parties', '2. Term']);
  });

  it('cuts a paragraph with no whitespace at the target size, not into one oversized piece', () => {
    const text = `Intro.\n\n${'x'.repeat(3000)}`;
    const document = fileDocument(text, 'text', 'blob');
    const chunks = chunkDocument(document);
    assertExactSpans(document, chunks);
    assert.deepEqual(chunks.map((c) => c.text.length), [6, 600, 600, 600, 600, 600]);
  });
});
