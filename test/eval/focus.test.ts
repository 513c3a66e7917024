/** Document focus: naming part of a query, name words, and the focus rule. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type ChunkCounts,
  findFocus,
  focusFirst,
  MAX_FOCUSED_CHUNKS,
  NameIndex,
  nameWords,
  rankFocused,
  splitQuery,
} from '../../src/retrieve/focus.js';
import { analyzerFor } from '../../src/analyze/index.js';

const en = analyzerFor('en');
const terms = (text: string): string[] => en.terms(text);

describe('splitQuery', () => {
  it('splits the naming part from the question at the first semicolon', () => {
    assert.deepEqual(
      splitQuery('Consider the NDA between Acme and Beta; does it allow copies?'),
      { designation: 'Consider the NDA between Acme and Beta', question: 'does it allow copies?' },
    );
  });

  it('takes the first of several sentences as the naming part', () => {
    assert.deepEqual(splitQuery('Look at the Acme policy. Who sees my data?'), {
      designation: 'Look at the Acme policy.', question: 'Who sees my data?',
    });
  });

  it('uses the whole query for both when there is one part', () => {
    assert.deepEqual(splitQuery('opsigelse af lejemål'), {
      designation: 'opsigelse af lejemål', question: 'opsigelse af lejemål',
    });
    assert.deepEqual(splitQuery('TickTick: To Do List'), {
      designation: 'TickTick: To Do List', question: 'TickTick: To Do List',
    });
  });
});

describe('nameWords', () => {
  it('decodes, drops path and extension, and splits joined words too', () => {
    assert.equal(nameWords('file:contractnli/DBT%20Mutual%20NDA.txt'), 'DBT Mutual NDA');
    assert.equal(
      nameWords('file:NDA-SqillerBetaTesters.txt'),
      'NDA SqillerBetaTesters\nNDA Sqiller Beta Testers',
    );
    assert.equal(nameWords('file:a/M5Systems_v2.md'), 'M5Systems v2\nM 5 Systems v 2');
  });

  it('keeps a name with a stray percent sign', () => {
    assert.equal(nameWords('file:100%_Pure.txt'), '100% Pure');
  });
});

describe('findFocus', () => {
  const documents = [
    { id: 1, key: 'file:Acme_NDA.txt', title: 'Mutual Non-Disclosure Agreement', language: 'en' },
    { id: 2, key: 'file:BetaCorp-NDA.txt', title: 'Non-Disclosure Agreement', language: 'en' },
    { id: 3, key: 'file:Gamma_NDA.txt', title: 'Confidentiality Agreement', language: 'en' },
    { id: 4, key: 'file:Delta.txt', title: 'Agreement', language: 'en' },
    { id: 5, key: 'file:Epsilon.txt', title: 'Agreement', language: 'en' },
  ];
  const names = new NameIndex(documents);
  // Question words are spread over every document; `omega` is a party named in document 5 only.
  const textCounts = new Map<string, Map<number, number>>([
    ['confidenti', new Map([[1, 4], [2, 4], [3, 4], [4, 4], [5, 4]])],
    ['omega', new Map([[5, 3]])],
  ]);
  const counts: ChunkCounts = (term) => textCounts.get(term);

  it('focuses on the document whose name the query uses', () => {
    const query = terms('Consider the Non-Disclosure Agreement between Acme and Zeta');
    assert.deepEqual(findFocus(query, names, counts), [1]);
  });

  it('matches a name written as one word in the file name', () => {
    assert.deepEqual(findFocus(terms("Consider BetaCorp's agreement"), names, counts), [2]);
    assert.deepEqual(findFocus(terms("Consider Beta Corp's agreement"), names, counts), [2]);
  });

  it('does not focus on words that many names share', () => {
    assert.deepEqual(findFocus(terms('Consider the agreement'), names, counts), []);
  });

  it('focuses on a document its text alone names unmistakably', () => {
    assert.deepEqual(findFocus(terms('Consider the agreement with Omega'), names, counts), [5]);
  });

  it('lets near ties share the focus', () => {
    const tied = new NameIndex([
      { id: 1, key: 'file:Acme_2019.txt', title: 'Acme NDA', language: 'en' },
      { id: 2, key: 'file:Acme_2020.txt', title: 'Acme NDA', language: 'en' },
      ...documents.slice(2),
    ]);
    assert.deepEqual(findFocus(terms('the Acme NDA'), tied, counts), [1, 2]);
  });

  it('leaves out documents the caller may not see', () => {
    const query = terms('Consider the Acme agreement');
    assert.deepEqual(findFocus(query, names, counts, { accept: (id) => id !== 1 }), []);
  });
});

describe('focusFirst', () => {
  it('puts focused rows first without repeats and keeps scores falling', () => {
    const row = (id: number, score: number): { chunk: { id: number }; score: number } =>
      ({ chunk: { id }, score });
    const merged = focusFirst([row(7, 2), row(8, 1)], [row(1, 9), row(7, 5), row(2, 3)]);
    assert.deepEqual(merged.map((r) => r.chunk.id), [7, 8, 1, 2]);
    assert.deepEqual(merged.map((r) => r.score), [11, 10, 9, 3]);
  });
});

describe('rankFocused', () => {
  const places = (count: number, documentId = 1): { id: number; documentId: number; ordinal: number }[] =>
    Array.from({ length: count }, (_, i) => ({ id: documentId * 100_000 + i, documentId, ordinal: i }));

  it('lists every chunk of the focused document: matches, their neighbours, then document order', () => {
    const document = places(8);
    const found = [{ chunk: { id: 100_005 }, score: 4 }, { chunk: { id: 100_001 }, score: 0.5 }];
    const ranked = rankFocused(document, found).map((row) => row.chunk.ordinal);
    assert.deepEqual(ranked, [5, 4, 6, 1, 0, 2, 3, 7]);
  });

  it('ranks chunks with no match at all in document order', () => {
    const ranked = rankFocused([...places(3, 2), ...places(2, 1)], []);
    assert.deepEqual(ranked.map((row) => [row.chunk.documentId, row.chunk.ordinal]),
      [[2, 0], [2, 1], [2, 2], [1, 0], [1, 1]]);
    assert.ok(ranked.every((row) => row.score === 0));
  });

  it('keeps to the matches when the focused documents are too long to list', () => {
    const document = places(MAX_FOCUSED_CHUNKS + 1);
    const ranked = rankFocused(document, [{ chunk: { id: 100_010 }, score: 2 }]);
    assert.deepEqual(ranked.map((row) => row.chunk.ordinal), [10]);
  });
});
