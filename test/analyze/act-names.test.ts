/**
 * Act names from the Danish citation suite that did not resolve: an act
 * found by its title when its family is its popular name, a title that ran
 * on into the query, acts for Greenland, and two acts under one title. The
 * unit tests check the names on both sides; the rest go through a real data
 * folder, from a retsinformation export to the first search hit.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  actFamily,
  actNameCandidates,
  actNames,
  actTitlePrefixes,
} from '../../src/analyze/acts.js';
import { type Lexhop, openLexhop } from '../../src/lexhop.js';

describe('actNames', () => {
  it('names an act by its title without its popular name (lov om beskatning ved dødsfald)', () => {
    const title = 'Bekendtgørelse af lov om beskatning ved dødsfald (dødsboskatteloven)';
    assert.deepEqual(
      actNames({ family: actFamily(title), title, shortTitle: 'Dødsboskatteloven' }),
      [
        'dødsboskatteloven',
        'lov om beskatning ved dødsfald (dødsboskatteloven)',
        'lov om beskatning ved dødsfald',
      ],
    );
  });

  it('drops each trailing bracket in turn and footnote marks (atomskader, stx)', () => {
    const atom = 'Bekendtgørelse af lov om erstatning for atomskader (nukleare skader)';
    assert.ok(actNames({ family: actFamily(atom), title: atom })
      .includes('lov om erstatning for atomskader'));
    const stx =
      'Bekendtgørelse af lov om uddannelsen til studentereksamen (stx) (gymnasieloven)2)';
    const names = actNames({ family: actFamily(stx), title: stx });
    assert.ok(names.includes('lov om uddannelsen til studentereksamen (stx)'), names.join(' | '));
    assert.ok(names.includes('lov om uddannelsen til studentereksamen'), names.join(' | '));
  });

  it('keeps the territory and names a title with or without its closing stop', () => {
    const title = 'Bekendtgørelse af retsplejelov for Grønland';
    assert.deepEqual(actNames({ family: actFamily(title), title }), ['retsplejelov for grønland']);
    const old = 'Lov om domaineeiendommes afhændelse.';
    assert.ok(actNames({ family: actFamily(old), title: old })
      .includes('lov om domaineeiendommes afhændelse'));
  });
});

describe('actNameCandidates and actTitlePrefixes', () => {
  it('normalize a written title as actNames does (wrapper and footnote marks removed)', () => {
    const written = 'Bekendtgørelse af lov om merværdiafgift (momsloven)1)';
    assert.ok(actNameCandidates(written).includes('lov om merværdiafgift (momsloven)'));
    assert.ok(actNameCandidates('øl- og vinafgiftslovens').includes('øl- og vinafgiftsloven'));
  });

  it('cut a run-on title at word ends, without commas, for territorial titles too', () => {
    assert.deepEqual(actTitlePrefixes('lov om afgift af øl, vin'), [
      'lov om afgift af øl, vin', 'lov om afgift af øl', 'lov om afgift af', 'lov om afgift',
    ]);
    assert.deepEqual(actTitlePrefixes('lov for Grønland om visse spil m.v.'), [
      'lov for grønland om visse spil m.v.', 'lov for grønland om visse spil',
      'lov for grønland om visse',
    ]);
  });
});

/** A retsinformation record: `sections` maps a section label to its subsection count. */
function record(
  id: string,
  title: string,
  issued: string,
  sections: Record<string, number>,
): string {
  const provisions = Object.entries(sections).map(([section, subsections]) => {
    const label = section.replace(/^(\d+)([a-z])$/u, '$1 $2');
    const parts = [`§ ${label}. Første stykke af § ${label} i ${id}.`];
    for (let stk = 2; stk <= subsections; stk++) {
      parts.push(`Stk. ${stk}. Stykke ${stk} af § ${label} i ${id}.`);
    }
    return { ref: `1:${section}`, chapter: '1', section, content: parts.join(' ') };
  });
  return JSON.stringify({
    id, title, short_name: 'LBK H#TEST', status: 'in_force', issued_date: issued, provisions,
  });
}

const RECORDS = [
  record('2019:426', 'Bekendtgørelse af lov om beskatning ved dødsfald (dødsboskatteloven)',
    '2019-04-01', { 1: 2 }),
  record('2014:993', 'Bekendtgørelse af lov om erstatning for atomskader (nukleare skader)',
    '2014-08-01', { 1: 1 }),
  record('2024:416',
    'Bekendtgørelse af lov om afgift af øl, vin og frugtvin m.m. (øl- og vinafgiftsloven)',
    '2024-04-01', { 3: 2 }),
  record('2019:927', 'Bekendtgørelse af lov om leje', '2019-09-01', { 12: 1, 3: 1 }),
  record('2019:928', 'Bekendtgørelse af lov om leje af almene boliger', '2019-09-01', { 3: 1 }),
  record('2025:1298', 'Bekendtgørelse af lov om rettens pleje', '2025-10-01', { 506: 2 }),
  record('2025:1007', 'Bekendtgørelse af retsplejelov for Grønland', '2025-08-01', { 506: 2 }),
  record('2025:1016', 'Bekendtgørelse af kriminallov for Grønland', '2025-08-01', { 162: 4 }),
  record('2024:1162', 'Bekendtgørelse af konkursloven', '2024-10-01', { 9: 1, '9i': 1 }),
  record('2024:1000', 'Bekendtgørelse af lov om anvendelse af Danmarks undergrund', '2024-09-01',
    { '18b': 7 }),
  // One act under two titles; only the renamed one has § 6, stk. 4.
  record('2021:249', 'Bekendtgørelse af lov om visse erhvervsdrivende virksomheder',
    '2021-02-01', { 6: 1 }),
  record('2025:330',
    'Bekendtgørelse af lov om visse erhvervsdrivende virksomheder (erhvervsvirksomhedsloven)',
    '2025-03-01', { 6: 4 }),
];

describe('citation lookup by title on a real data folder', () => {
  let folder = '';
  let lexhop: Lexhop;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'lexhop-act-names-'));
    const file = path.join(folder, 'acts.jsonl');
    writeFileSync(file, `${RECORDS.join('\n')}\n`);
    lexhop = await openLexhop({ dataDir: path.join(folder, 'data') });
    await lexhop.ingest([file]);
  });
  after(async () => {
    await lexhop?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** `documentKey § section, stk. subsection` of the first hit, if it came by citation. */
  async function first(query: string): Promise<string> {
    const hit = (await lexhop.search({ query, limit: 1 })).hits[0];
    if (hit?.matchedBy !== 'citation') return `no citation hit (${hit?.documentKey ?? 'none'})`;
    return `${hit.documentKey} § ${hit.section ?? '?'}, stk. ${hit.subsection ?? '-'}`;
  }

  it('finds an act by its title without its popular name (dødsboskatteloven)', async () => {
    assert.equal(await first('§ 1, stk. 2 i lov om beskatning ved dødsfald'),
      'dk:2019:426 § 1, stk. 2');
    assert.equal(await first('§ 1 i lov om erstatning for atomskader'),
      'dk:2014:993 § 1, stk. 1');
  });

  it('finds an act whose title the parser cut at its comma (øl, vin og frugtvin)', async () => {
    assert.equal(await first('§ 3, stk. 2 i lov om afgift af øl, vin og frugtvin m.m.'),
      'dk:2024:416 § 3, stk. 2');
    assert.equal(await first('øl- og vinafgiftslovens § 3, stk. 2'), 'dk:2024:416 § 3, stk. 2');
  });

  it('takes the longest stored title a run-on name begins with', async () => {
    assert.equal(await first('§ 3 i lov om leje af almene boliger om fremleje'),
      'dk:2019:928 § 3, stk. 1');
    assert.equal(await first('§ 12 i lov om leje, varsel'), 'dk:2019:927 § 12, stk. 1');
  });

  it('finds the Greenland act, not the Danish one (retsplejelov for Grønland)', async () => {
    assert.equal(await first('§ 506, stk. 2 i retsplejelov for Grønland'),
      'dk:2025:1007 § 506, stk. 2');
    assert.equal(await first('§ 506, stk. 2 i retsplejeloven'), 'dk:2025:1298 § 506, stk. 2');
    assert.equal(await first('§ 162, stk. 4 i kriminallov for Grønland'),
      'dk:2025:1016 § 162, stk. 4');
  });

  it('finds § 9 i of konkursloven and lov om anvendelse af Danmarks undergrund', async () => {
    assert.equal(await first('§ 9 i i konkursloven'), 'dk:2024:1162 § 9i, stk. 1');
    assert.equal(await first('§ 18 b, stk. 7 i lov om anvendelse af Danmarks undergrund'),
      'dk:2024:1000 § 18b, stk. 7');
  });

  it('finds the provision in whichever of two acts under one title holds it', async () => {
    assert.equal(await first('§ 6, stk. 4 i lov om visse erhvervsdrivende virksomheder'),
      'dk:2025:330 § 6, stk. 4');
  });
});
