/**
 * Versions of one act consolidated under different titles form one family,
 * so the newest supersedes the rest (`lov om hegn (Hegnsloven)` in 2015,
 * `lov om hegn` in 2023), whichever is ingested first; documents that are
 * not keyed by their title keep apart.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { type Lexhop, openLexhop } from '../../src/lexhop.js';
import { jsonLines, record, tempDir } from '../ingest/helpers.js';

const HEGN_2015 = {
  ...record('2015:1746', [{ section: '34', content: '§ 34. Hegn skal holdes. Stk. 2. Gammel regel.' }],
    'Bekendtgørelse af lov om hegn (Hegnsloven)'),
  short_name: 'LBK H#LOKDOK03', issued_date: '2015-12-14',
};
const HEGN_2023 = {
  ...record('2023:1040', [{ section: '34', content: '§ 34. Hegn skal holdes. Stk. 2. Ny regel.' }],
    'Bekendtgørelse af lov om hegn'),
  short_name: 'LBK H#LOKDOK03', issued_date: '2023-07-10',
};

/**
 * A fresh data folder with `records` ingested one a write, in order, so each
 * write meets the families stored before it; `use` runs on it before it closes.
 */
async function oneByOne<T>(records: unknown[], use: (lexhop: Lexhop) => Promise<T>): Promise<T> {
  const folder = await tempDir();
  const lexhop = await openLexhop({ dataDir: path.join(folder, 'data') });
  try {
    for (const [i, one] of records.entries()) {
      const single = path.join(folder, `one-${i}.jsonl`);
      writeFileSync(single, jsonLines([one]));
      await lexhop.ingest([single]);
    }
    return await use(lexhop);
  } finally {
    await lexhop.close();
  }
}

async function ingestInOrder(records: unknown[]): Promise<{
  current: string[];
  families: Set<string>;
  cited: string | undefined;
  all: string[];
}> {
  return oneByOne(records, async (lexhop) => {
    const cited = await lexhop.search({ query: '§ 34, stk. 2 i lov om hegn', limit: 1 });
    const all = await lexhop.search({
      query: '§ 34, stk. 2 i lov om hegn', limit: 5, versions: 'all', perDocument: 0,
    });
    const keys = new Set(all.hits.map((hit) => hit.documentKey));
    const documents = [...keys].map((key) => all.hits.find((h) => h.documentKey === key)!.document);
    return {
      current: documents.filter((d) => d.current).map((d) => d.key),
      families: new Set(documents.map((d) => d.family)),
      cited: cited.hits[0]?.documentKey,
      all: [...keys].sort(),
    };
  });
}

describe('act families across titles', () => {
  for (const [name, order] of [
    ['older first', [HEGN_2015, HEGN_2023]],
    ['newer first', [HEGN_2023, HEGN_2015]],
  ] as const) {
    it(`lets the 2023 consolidation supersede Hegnsloven of 2015 (${name})`, async () => {
      const result = await ingestInOrder([...order]);
      assert.deepEqual(result.all, ['dk:2015:1746', 'dk:2023:1040']);
      assert.equal(result.families.size, 1);
      assert.deepEqual(result.current, ['dk:2023:1040']);
      assert.equal(result.cited, 'dk:2023:1040');
    });
  }

  it('merges two stored families when a new title names both', async () => {
    const plain = {
      ...record('2010:5', [{ section: '34', content: '§ 34. Hegn. Stk. 2. Ældst.' }],
        'Bekendtgørelse af lov om hegn'),
      issued_date: '2010-01-01',
    };
    const named = {
      ...record('2012:6', [{ section: '34', content: '§ 34. Hegn. Stk. 2. Navn.' }],
        'Bekendtgørelse af hegnsloven'),
      issued_date: '2012-01-01',
    };
    // 2010 and 2012 share no name; the 2015 title names both.
    const result = await ingestInOrder([plain, named, HEGN_2015]);
    assert.equal(result.families.size, 1);
    assert.deepEqual(result.current, ['dk:2015:1746']);
  });

  const version = (id: string, title: string, issued: string): Record<string, unknown> => ({
    ...record(id, [{ section: '34', content: `§ 34. Regel. Stk. 2. Udgave ${id}.` }], title),
    short_name: 'LBK H#LOKDOK03', issued_date: issued,
  });

  for (const [name, older, newer] of [
    ['a title that gained m.v.', 'Bekendtgørelse af lov om våben og eksplosivstoffer',
      'Bekendtgørelse af lov om våben og eksplosivstoffer m.v.'],
    ['an escaped line break before the popular name',
      'Bekendtgørelse af lov om apoteksvirksomhed\\n(Apotekerloven)',
      'Bekendtgørelse af lov om apoteksvirksomhed'],
    ['a former title the alias table knows', 'Bekendtgørelse af lov om adoption',
      'Bekendtgørelse af adoptionsloven'],
  ] as const) {
    it(`joins versions across ${name}`, async () => {
      const folder = await tempDir();
      const file = path.join(folder, 'acts.jsonl');
      writeFileSync(file, jsonLines([version('2012:1', older, '2012-01-01'),
        version('2021:2', newer, '2021-01-01')]));
      const lexhop = await openLexhop({ dataDir: path.join(folder, 'data') });
      try {
        await lexhop.ingest([file]);
        assert.deepEqual([lexhop.stats().documents, lexhop.stats().currentDocuments], [2, 1]);
        const hits = (await lexhop.search({ query: 'udgave', versions: 'all', perDocument: 0 })).hits;
        assert.equal(new Set(hits.map((hit) => hit.document.family)).size, 1);
        assert.ok(!hits.some((hit) => hit.document.title.includes('\\')), 'title keeps no escape');
      } finally {
        await lexhop.close();
      }
    });
  }

  /** An act whose provisions 1-10 hold `words` each; long enough to be fingerprinted. */
  const provisions = (words: (n: number) => string): { section: string; content: string }[] =>
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({
      section: String(n),
      content: `§ ${n}. ${words(n)} skal opfylde de krav, som ministeren fastsætter for ordningen.`,
    }));
  const act = (id: string, title: string, issued: string, words: (n: number) => string):
    Record<string, unknown> =>
    ({ ...record(id, provisions(words), title), short_name: 'LBK H#1', issued_date: issued });
  const shared = (n: number): string => `Et pengeinstitut, der udbyder betalingskonto nr. ${n},`;

  const currentOf = (records: Record<string, unknown>[]): Promise<string[]> =>
    oneByOne(records, async (lexhop) => {
      const hits = (await lexhop.search({
        query: 'ministeren', versions: 'all', perDocument: 0, limit: 50,
      })).hits;
      return [...new Set(hits.filter((h) => h.document.current).map((h) => h.documentKey))].sort();
    });

  // Regression: `lov om betalingskonti` (2022) stayed current beside its 2025 consolidation.
  it('joins a renamed act whose provisions repeat an older act word for word', async () => {
    assert.deepEqual(await currentOf([
      act('2022:407', 'Bekendtgørelse af lov om betalingskonti', '2022-03-29', shared),
      act('2025:1462', 'Bekendtgørelse af lov om betalingskonti og basale erhvervskonti',
        '2025-11-18', shared),
    ]), ['dk:2025:1462']);
  });

  it('keeps a territory\'s act, which repeats the Danish text, in force beside it', async () => {
    assert.deepEqual(await currentOf([
      act('2014:333', 'Bekendtgørelse af lov om gældsbreve', '2014-03-31', shared),
      act('2015:1074', 'Bekendtgørelse for Grønland af lov om gældsbreve', '2015-09-11', shared),
    ]), ['dk:2014:333', 'dk:2015:1074']);
  });

  it('keeps apart acts that share only a few provisions', async () => {
    assert.deepEqual(await currentOf([
      act('2020:1', 'Bekendtgørelse af lov om fyrværkeri', '2020-01-01', shared),
      act('2021:2', 'Bekendtgørelse af lov om fiskeri', '2021-01-01',
        (n) => (n <= 3 ? shared(n) : `En fisker med licens nr. ${n},`)),
    ]), ['dk:2020:1', 'dk:2021:2']);
  });

  it('keeps files with the same title apart: each contract is its own document', async () => {
    const folder = await tempDir();
    const corpus = path.join(folder, 'contracts');
    mkdirSync(corpus);
    for (const party of ['Acme', 'Beta']) {
      writeFileSync(path.join(corpus, `${party}.md`),
        `# Non-Disclosure Agreement\n\n${party} keeps the information confidential.\n`);
    }
    const lexhop = await openLexhop({ dataDir: path.join(folder, 'data') });
    try {
      await lexhop.ingest([path.join(corpus, 'Acme.md')]);
      await lexhop.ingest([path.join(corpus, 'Beta.md')]);
      const response = await lexhop.search({ query: 'confidential', perDocument: 0 });
      assert.deepEqual(response.hits.map((hit) => hit.document.current), [true, true]);
    } finally {
      await lexhop.close();
    }
  });
});
