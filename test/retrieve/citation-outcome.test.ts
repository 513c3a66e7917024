/**
 * Regression: `lejelovens § 12 a` (there is no § 12 a) and `husdyrbrugloven
 * § 69` (no act of that name) answered with other acts' sections, and nothing
 * said that the citation was not found.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Lexhop, openLexhop } from '../../src/lexhop.js';
import { formatSearch } from '../../src/serve/cli/format.js';
import { jsonLines, record } from '../ingest/helpers.js';

describe('what became of a citation', () => {
  let lexhop: Lexhop;
  let folder = '';

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'lexhop-outcome-'));
    const file = path.join(folder, 'acts.jsonl');
    writeFileSync(file, jsonLines([
      record('2024:1', [{ section: '12', content: '§ 12. Lejen betales. Stk. 2. Forud.' }],
        'Bekendtgørelse af lov om leje'),
      record('2024:2', [{ section: '12 a', content: '§ 12 a. Rejsegarantifonden dækker.' }],
        'Lov om en rejsegarantifond'),
      record('2024:3', [{ section: '4', content: '§ 4. Købeloven gælder for køb.' }],
        'Bekendtgørelse af købeloven'),
      record('2024:4', [{ section: '4', content: '§ 4. Konventionen gælder for køb.' }],
        'International købelov'),
      record('2014:333', [{ section: '1', content: '§ 1. Gældsbreve i Danmark.' }],
        'Bekendtgørelse af lov om gældsbreve'),
      record('2015:1074', [{ section: '1', content: '§ 1. Gældsbreve i Grønland.' }],
        'Bekendtgørelse for Grønland af lov om gældsbreve'),
    ]));
    lexhop = await openLexhop({ dataDir: path.join(folder, 'data') });
    await lexhop.ingest([file]);
  });
  after(async () => {
    await lexhop.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const outcomes = async (query: string): Promise<string[]> =>
    (await lexhop.search({ query })).citations.map((c) => c.outcome);

  it('tells found, no-subsection, no-section, unknown-act and no-act apart', async () => {
    assert.deepEqual(await outcomes('lejelovens § 12, stk. 2'), ['found']);
    assert.deepEqual(await outcomes('lejelovens § 12'), ['found']);
    assert.deepEqual(await outcomes('lejelovens § 12, stk. 9'), ['no-subsection']);
    assert.deepEqual(await outcomes('lejelovens § 12 a'), ['no-section']);
    assert.deepEqual(await outcomes('husdyrbrugloven § 69'), ['unknown-act']);
    assert.deepEqual(await outcomes('§ 12'), ['no-act']);
    const filtered = await lexhop.search({ query: '§ 12', filters: { act: 'lov om leje' } });
    assert.deepEqual(filtered.citations.map((c) => c.outcome), ['found']);
    // Regression: an act with no version in force on the date was "no act is named".
    const early = await lexhop.search({ query: 'lejelovens § 12', asOf: '2000-01-01' });
    assert.deepEqual(early.citations.map((c) => [c.outcome, c.actName]),
      [['out-of-scope', 'Lejeloven']]);
  });

  // Regression: `International købelov § 4` cited Købeloven § 4.
  it('takes the words before a popular name as part of a title when an act has that title', async () => {
    const international = await lexhop.search({ query: 'International købelov § 4', limit: 1 });
    assert.equal(international.hits[0]?.documentKey, 'dk:2024:4');
    assert.equal(international.hits[0]?.matchedBy, 'citation');
    const plain = await lexhop.search({ query: 'hvad siger købeloven § 4', limit: 1 });
    assert.equal(plain.hits[0]?.documentKey, 'dk:2024:3');
    assert.equal(plain.hits[0]?.matchedBy, 'citation');
  });

  // Regression: `for Grønland` was dropped and the Danish act was cited.
  it('cites a territory\'s version when the query names the territory after the act', async () => {
    const first = async (query: string): Promise<string | undefined> =>
      (await lexhop.search({ query, limit: 1 })).hits[0]?.documentKey;
    assert.equal(await first('§ 1 i lov om gældsbreve for Grønland'), 'dk:2015:1074');
    assert.equal(await first('lov om gældsbreve for Grønland § 1'), 'dk:2015:1074');
    assert.equal(await first('§ 1 i lov om gældsbreve'), 'dk:2014:333');
  });

  // Regressions: `straffeloven paragraf 263` and `§ 12 stk 2` (no dot) were not read as citations.
  it('reads paragraf for § and stk without its dot', async () => {
    const first = async (query: string): Promise<string | undefined> =>
      (await lexhop.search({ query, limit: 1 })).hits[0]?.citation;
    assert.equal(await first('lejeloven paragraf 12'), 'Lejeloven § 12, stk. 1');
    assert.equal(await first('lejelovens § 12 stk 2'), 'Lejeloven § 12, stk. 2');
  });

  // Regression: `--act "findes ikke"` answered with no hits and no reason.
  it('refuses an act filter that names no stored act', async () => {
    await assert.rejects(
      lexhop.search({ query: 'leje', filters: { act: 'findes ikke' } }),
      (error: Error & { code?: string }) => error.code === 'ERR_SEARCH_BAD_FILTER' &&
        /filters\.act: names no stored act or document key: "findes ikke"/u.test(error.message),
    );
    const known = await lexhop.search({ query: 'leje', filters: { act: 'lejeloven' } });
    assert.ok(known.hits.length > 0);
  });

  it('says so in the CLI output above the hits', async () => {
    const text = formatSearch(await lexhop.search({ query: 'lejelovens § 12 a' }), 0, false);
    assert.match(text.split('\n')[1] ?? '', /note: Lejeloven has no § 12 a; the hits match the words only/u);
    const found = formatSearch(await lexhop.search({ query: 'lejelovens § 12' }), 0, false);
    assert.doesNotMatch(found, /note:/u);
  });
});
