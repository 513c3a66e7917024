/**
 * A consolidated act ends with its amending acts' commencement provisions,
 * numbered as in those acts (`§ 60. Loven træder i kraft den 1. januar
 * 2019.` after Straffeloven § 306). They were cited as the act's own § 60.
 * The records here are shaped like the retsinformation export: chaptered
 * provisions keyed `chapter:section`, the trailing ones with no chapter.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chunkDocument } from '../../src/ingest/chunk/index.js';
import { loadRetsinformation } from '../../src/ingest/loaders/retsinformation.js';
import { type Lexhop, openLexhop } from '../../src/lexhop.js';
import type { Chunk, SourceDocument } from '../../src/types.js';
import { collect, documentsOf, jsonLines, tempDir } from './helpers.js';

interface Provision {
  chapter: string | null;
  section: string;
  content: string;
}

/** A consolidated act as the export writes it. */
function consolidatedAct(id: string, title: string, provisions: Provision[]): object {
  return {
    id,
    title,
    short_name: 'LBK H#LOKDOK03',
    status: 'in_force',
    issued_date: '2025-09-01',
    url: `https://www.retsinformation.dk/eli/lta/${id.replace(':', '/')}`,
    provisions: provisions.map((p) => ({
      ref: p.chapter === null ? p.section : `${p.chapter}:${p.section}`,
      ...p,
    })),
  };
}

const STRAFFELOVEN = consolidatedAct('2025:1294', 'Bekendtgørelse af straffeloven', [
  {
    chapter: '9', section: '59',
    content: '§ 59. Retten kan ændre fastsatte vilkår. Stk. 2. Afgørelsen træffes ved kendelse.',
  },
  {
    chapter: '9', section: '60',
    content: '§ 60. Overtræder den dømte vilkårene, kan retten fastsætte straf for '
      + 'den oprindelige lovovertrædelse. Stk. 2. § 59, stk. 2, finder tilsvarende anvendelse.',
  },
  {
    chapter: '29', section: '306',
    content: '§ 306. Der kan pålægges selskaber m.v. strafansvar for overtrædelse af denne lov.',
  },
  {
    chapter: null, section: '60',
    content: '§ 60. Loven træder i kraft den 1. januar 2019. Stk. 2. Loven finder anvendelse '
      + 'for sager om kriminalitet begået efter lovens ikrafttræden. Stk. 3. (Udelades)',
  },
]);

/** The documents of `records`, read by the retsinformation loader from a temp file. */
async function load(records: object[]): Promise<SourceDocument[]> {
  const file = path.join(await tempDir(), 'acts.jsonl');
  await writeFile(file, jsonLines(records));
  return documentsOf(await collect(loadRetsinformation(file)));
}

function citations(chunks: Chunk[]): [string, string | undefined][] {
  return chunks.map((c) => [c.citation, c.section]);
}

describe('amending acts\' provisions at the end of a consolidated act', () => {
  it('are labelled as ikrafttrædelsesbestemmelser and carry no section', async () => {
    const [document] = await load([STRAFFELOVEN]);
    assert.ok(document);
    const chunks = chunkDocument(document);

    assert.deepEqual(citations(chunks).slice(-3), [
      ['Straffeloven, ikrafttrædelsesbestemmelser § 60, stk. 1', undefined],
      ['Straffeloven, ikrafttrædelsesbestemmelser § 60, stk. 2', undefined],
      ['Straffeloven, ikrafttrædelsesbestemmelser § 60, stk. 3', undefined],
    ]);
    assert.deepEqual(
      chunks.filter((c) => c.section === '60').map((c) => c.citation),
      ['Straffeloven § 60, stk. 1', 'Straffeloven § 60, stk. 2'],
    );
  });

  it('keep every character, with exact spans', async () => {
    const [document] = await load([STRAFFELOVEN]);
    assert.ok(document);
    const chunks = chunkDocument(document);

    for (const chunk of chunks) {
      assert.equal(chunk.text, document.text.slice(chunk.start, chunk.end));
    }
    const words = (text: string): string => text.replace(/\s+/gu, '');
    assert.equal(chunks.map((c) => words(c.text)).join(''), words(document.text));
  });

  it('are told by a commencement clause even when their number follows on', async () => {
    // Lov om biavl: chapters end at § 23, and the amending act's § 24 follows.
    const [document] = await load([
      consolidatedAct('2017:13', 'Bekendtgørelse af lov om biavl', [
        { chapter: '1', section: '23', content: '§ 23. Loven gælder ikke for Færøerne.' },
        {
          chapter: null, section: '24',
          content: '§ 24. Loven træder i kraft den 1. februar 2017. Stk. 2. (Udelades)',
        },
      ]),
    ]);
    assert.ok(document);

    assert.deepEqual(citations(chunkDocument(document)), [
      ['Lov om biavl § 23', '23'],
      ['Lov om biavl, ikrafttrædelsesbestemmelser § 24, stk. 1', undefined],
      ['Lov om biavl, ikrafttrædelsesbestemmelser § 24, stk. 2', undefined],
    ]);
  });

  it('are not confused with an act\'s own provisions after its last chapter', async () => {
    // Lov om erstatning til besættelsestidens ofre goes on with § 37 after Kapitel 4.
    const title = 'Bekendtgørelse af lov om erstatning til besættelsestidens ofre';
    const [document] = await load([
      consolidatedAct('2013:279', title, [
        { chapter: '4', section: '36', content: '§ 36. Erstatningen udbetales af staten.' },
        {
          chapter: null, section: '37',
          content: '§ 37. Til danske statsborgere, der blev deporteret, ydes hædersgave.',
        },
        { chapter: null, section: '38', content: '§ 38. (Ophævet).' },
      ]),
    ]);
    assert.ok(document);

    assert.deepEqual(
      chunkDocument(document).map((c) => c.section),
      ['36', '37', '38'],
    );
  });
});

describe('straffelovens § 60 in a data folder with the amending act\'s § 60', () => {
  let lexhop: Lexhop;

  before(async () => {
    const folder = await tempDir();
    const file = path.join(folder, 'straffeloven.jsonl');
    await writeFile(file, jsonLines([STRAFFELOVEN]));
    lexhop = await openLexhop({ dataDir: path.join(folder, 'data') });
    await lexhop.ingest([file]);
  });
  after(() => lexhop.close());

  it('returns only the act\'s own § 60 as citation hits', async () => {
    for (const query of ['straffelovens § 60', 'straffelovens § 60, stk. 3']) {
      const response = await lexhop.search({ query, perDocument: 0 });
      const cited = response.hits.filter((h) => h.matchedBy === 'citation');

      assert.deepEqual(
        cited.map((h) => h.citation),
        ['Straffeloven § 60, stk. 1', 'Straffeloven § 60, stk. 2'],
        query,
      );
    }
  });

  it('still finds the amending act\'s § 60 by its words', async () => {
    const response = await lexhop.search({
      query: 'kriminalitet begået efter lovens ikrafttræden',
      perDocument: 0,
    });
    const hit = response.hits[0];

    assert.equal(hit?.citation, 'Straffeloven, ikrafttrædelsesbestemmelser § 60, stk. 2');
    assert.equal(hit?.matchedBy, 'text');
    assert.equal(hit?.section, undefined);
  });
});
