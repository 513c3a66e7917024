/**
 * Citation lookup on the Danish statute book: a fixed sample of provisions
 * of current-acts.jsonl.gz, each queried in the forms lawyers write
 * (`§ 12, stk. 3 i lov om …`, `<short title> § 12`, `straffelovens § 12`,
 * `§ 12 a` with an act filter, and the label lexhop shows), must come back first.
 * Every miss is printed.
 */
import { mulberry32 } from '../../src/eval/prng.js';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  actPhrase,
  casesFor,
  type CitationSuiteResult,
  formatMisses,
  runCitationSuite,
  writtenSection,
} from '../../src/eval/citations.js';
import { type Lexhop, openLexhop } from '../../src/lexhop.js';
import type { ChunkRecord } from '../../src/api.js';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus/dk-laws/current-acts.jsonl.gz');
const SAMPLE = Number(process.env.LEXHOP_CITATION_SAMPLE ?? 300);

describe('citation cases', () => {
  it('writes sections and act names as lawyers do', () => {
    assert.equal(writtenSection('12a'), '12 a');
    assert.equal(writtenSection('263'), '263');
    assert.equal(writtenSection('15C'), '15 C');
    assert.equal(actPhrase('Bekendtgørelse af lov om rettens pleje'), 'lov om rettens pleje');
    assert.equal(actPhrase('Bekendtgørelse af lov om merværdiafgift (momsloven)'),
      'lov om merværdiafgift');
    assert.equal(actPhrase('Lov om leje'), 'lov om leje');
  });

  it('builds every form for a provision with a short title and a subsection', () => {
    const chunk = {
      id: 1, documentKey: 'dk:2024:1', ordinal: 0, start: 0, end: 10, text: '',
      citation: 'Straffeloven § 12 a, stk. 3', section: '12a', subsection: 3,
      document: {
        key: 'dk:2024:1', family: 'straffeloven', title: 'Bekendtgørelse af straffeloven',
        shortTitle: 'Straffeloven', docType: 'LBK', current: true,
      },
    } satisfies ChunkRecord;
    const cases = casesFor(chunk).map((c) => [c.form, c.request.query, c.request.filters?.act]);
    assert.deepEqual(cases, [
      ['stk-i-title', '§ 12 a, stk. 3 i straffeloven', undefined],
      ['short-section', 'Straffeloven § 12 a', undefined],
      ['short-section-stk', 'Straffeloven § 12 a, stk. 3', undefined],
      ['genitive-section', 'straffelovens § 12 a', undefined],
      ['label', 'Straffeloven § 12 a, stk. 3', undefined],
      ['section-with-act-filter', '§ 12 a', 'dk:2024:1'],
    ]);
  });

  it('samples the same provisions for the same seed', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    assert.deepEqual([a(), a(), a()], [b(), b(), b()]);
    assert.notDeepEqual([mulberry32(8)()], [mulberry32(7)()]);
  });
});

const skip = existsSync(CORPUS) ? false : `${CORPUS} is absent`;

/**
 * Current acts whose export gives two provisions one `section`, each a defect
 * of the source, not of the amending acts' provisions at the end: the field
 * says `143` for `§ 143 l` and `§ 143 r`, a repealed provision is listed twice
 * or under a chapter it does not belong to, and patentloven numbers its own
 * transitional provisions `1`, `2` without a `§`.
 */
const SECTION_FIELD_DEFECTS = new Set([
  'dk:2009:870', 'dk:2010:878', 'dk:2013:1271', 'dk:2014:916', 'dk:2014:1177',
  'dk:2017:511', 'dk:2017:1038', 'dk:2019:90',
]);

/** A (section, subsection) of one act that two of its provisions claim. */
interface SharedCitation {
  documentKey: string;
  section: string;
  subsection: number;
}

/**
 * The citations of current acts that more than one provision answers to. A
 * provision split into several chunks is one provision: its chunks follow
 * one another.
 */
function sharedCitations(lexhop: Lexhop): SharedCitation[] {
  const provisions = new Map<string, SharedCitation & { count: number }>();
  let previous: string | undefined;

  for (let id = 1; id <= lexhop.stats().chunks; id += 1) {
    const chunk = lexhop.getChunk(id);
    if (chunk?.section === undefined || !chunk.document.current) {
      previous = undefined;
      continue;
    }
    const subsection = chunk.subsection ?? 1;
    const key = `${chunk.documentKey}\u0000${chunk.section}\u0000${subsection}`;
    if (key === previous) continue;
    previous = key;
    const seen = provisions.get(key);
    if (seen === undefined) {
      const { documentKey, section } = chunk;
      provisions.set(key, { documentKey, section, subsection, count: 1 });
    } else {
      seen.count += 1;
    }
  }
  return [...provisions.values()]
    .filter((p) => p.count > 1)
    .map(({ documentKey, section, subsection }) => ({ documentKey, section, subsection }));
}

describe('citation suite on current-acts.jsonl.gz', { skip }, () => {
  let folder = '';
  let lexhop: Lexhop;
  let result: CitationSuiteResult;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'lexhop-citations-'));
    lexhop = await openLexhop({ dataDir: folder });
    await lexhop.ingest([CORPUS]);
    result = await runCitationSuite(lexhop, { sample: SAMPLE, seed: 1 });
  });
  after(async () => {
    await lexhop?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it(`finds every sampled provision first, in every form (${SAMPLE} provisions)`, (t) => {
    const forms = Object.entries(result.byForm)
      .map(([form, f]) => `${form} ${f.passed}/${f.cases}`);
    t.diagnostic(`${result.passed}/${result.cases} cases passed; ${forms.join(', ')}`);
    for (const line of formatMisses(result.misses)) t.diagnostic(`miss ${line}`);
    const sampled = result.provisions;
    assert.ok(sampled >= Math.min(SAMPLE, 100), `sampled ${sampled} provisions`);
    assert.equal(result.misses.length, 0, formatMisses(result.misses).slice(0, 20).join('\n'));
  });

  it('cites no section of a current act twice: amending acts\' provisions are not its own', (t) => {
    const shared = sharedCitations(lexhop);
    const acts = new Set(shared.map((c) => c.documentKey));
    const named = shared.map((c) => `${c.documentKey} § ${c.section}, stk. ${c.subsection}`);
    t.diagnostic(`${shared.length} citations answered twice, in ${acts.size} acts`);
    for (const citation of named) t.diagnostic(`answered twice: ${citation}`);

    for (const [index, citation] of shared.entries()) {
      const ref = { section: citation.section, subsection: citation.subsection, start: 0, end: 0 };
      const hits = lexhop.lookupCitation(ref, citation.documentKey);
      const texts = hits.map((h) => h.text.slice(0, 60)).join(' | ');
      assert.ok(hits.length >= 2, `${named[index]} is a citation hit twice`);
      assert.ok(SECTION_FIELD_DEFECTS.has(citation.documentKey), `${named[index]}: ${texts}`);
    }
  });
});
