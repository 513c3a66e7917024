/**
 * Regressions of the citation parser on act names from the Danish citation
 * suite: names cut short, territorial acts read as the Danish act, titles
 * that open with a clause word, and `§ 9 i i konkursloven`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCitations, parseQueryCitation } from '../../src/analyze/citation.js';

/** `[act, section, subsection, span text]` of each ref of a query. */
function query(text: string): Array<[string | undefined, string, number | undefined, string]> {
  return parseQueryCitation(text).refs.map((ref) => [
    ref.act, ref.section, ref.subsection, text.slice(ref.start, ref.end),
  ]);
}

function acts(text: string): Array<string | undefined> {
  return parseCitations(text).map((ref) => ref.act);
}

describe('act names cut short in a query', () => {
  it('keeps a title past its comma: lov om afgift af øl, vin og frugtvin m.m.', () => {
    const text = '§ 3, stk. 2 i lov om afgift af øl, vin og frugtvin m.m.';
    assert.deepEqual(query(text), [
      ['lov om afgift af øl, vin og frugtvin m.m.', '3', 2, text],
    ]);
  });

  it('keeps a title past a comma between nouns: lov om forsikringsvirksomhed i …', () => {
    const act = 'lov om forsikringsvirksomhed i tværgående pensionskasser, ' +
      'livsforsikringsselskaber og skadesforsikringsselskaber m.v.';
    assert.equal(parseQueryCitation(`§ 127, stk. 3 i ${act}`).refs[0]?.act, act);
  });

  it('keeps og -tjenester: lov om elektroniske kommunikationsnet og -tjenester', () => {
    const act = 'lov om elektroniske kommunikationsnet og -tjenester';
    assert.equal(parseQueryCitation(`§ 5 i ${act}`).refs[0]?.act, act);
  });

  it('goes on past m.v.: lov om forbud mod markedsføring m.v. samt indførsel …', () => {
    const act = 'lov om forbud mod markedsføring m.v. samt indførsel og udførsel af skind og ' +
      'skindprodukter fra hunde og katte';
    assert.equal(parseQueryCitation(`§ 3 i ${act}`).refs[0]?.act, act);
  });

  it('keeps numbers and slashes: lov om TV 2/DANMARK A/S', () => {
    assert.equal(
      parseQueryCitation('§ 7, stk. 2 i lov om TV 2/DANMARK A/S').refs[0]?.act,
      'lov om TV 2/DANMARK A/S',
    );
  });

  it('ends the title at the next reference and leaves a closing stop out', () => {
    assert.deepEqual(
      parseQueryCitation('§ 5 i lov om leje, varsel og § 7 i lov om social service')
        .refs.map((ref) => ref.act),
      ['lov om leje, varsel', 'lov om social service'],
    );
    assert.deepEqual(query('§ 5 i lov om leje.'), [
      ['lov om leje', '5', undefined, '§ 5 i lov om leje'],
    ]);
  });

  it('leaves the next reference its own act name', () => {
    assert.deepEqual(query('§ 5 i lov om leje og straffelovens § 3'), [
      ['lov om leje', '5', undefined, '§ 5 i lov om leje'],
      ['straffelovens', '3', undefined, 'straffelovens § 3'],
    ]);
  });

  it('still gives the words after a plain title as the rest of the query', () => {
    assert.equal(parseQueryCitation('§ 12 i lov om leje, varsel').rest, 'varsel');
  });

  it('keeps provision text conservative: a title there ends at its comma', () => {
    assert.deepEqual(acts('efter § 3 i lov om afgift af øl, vin og frugtvin m.m., der'), [
      'lov om afgift af øl',
    ]);
  });
});

describe('acts for Greenland and the Faroe Islands', () => {
  it('keeps for Grønland after a one-word name: retsplejelov for Grønland', () => {
    const text = '§ 506, stk. 2 i retsplejelov for Grønland';
    assert.deepEqual(query(text), [['retsplejelov for Grønland', '506', 2, text]]);
    assert.equal(parseQueryCitation('§ 162 i kriminallov for Grønland').refs[0]?.act,
      'kriminallov for Grønland');
    assert.deepEqual(acts('jf. § 5 i retsplejelov for Færøerne.'), [
      'retsplejelov for Færøerne',
    ]);
  });

  it('keeps for Grønland before the section: Retsplejelov for Grønland § 3', () => {
    assert.deepEqual(query('Retsplejelov for Grønland § 3'), [
      ['Retsplejelov for Grønland', '3', undefined, 'Retsplejelov for Grønland § 3'],
    ]);
  });

  it('reads lov for Færøerne om … and bekendtgørelse for Grønland af lov om …', () => {
    assert.equal(
      parseQueryCitation('§ 2, stk. 2 i lov for Grønland om visse spil').refs[0]?.act,
      'lov for Grønland om visse spil',
    );
    assert.equal(
      parseQueryCitation('§ 147 a, stk. 3 i bekendtgørelse for Grønland af lov om luftfart')
        .refs[0]?.act,
      'bekendtgørelse for Grønland af lov om luftfart',
    );
    assert.deepEqual(acts('efter bekendtgørelse for Grønland af lov om luftfart § 5'), [
      'bekendtgørelse for Grønland af lov om luftfart',
    ]);
  });
});

describe('acts not found at all', () => {
  it('reads a title opening with a clause word: lov om anvendelse af Danmarks undergrund', () => {
    const text = '§ 18 b, stk. 7 i lov om anvendelse af Danmarks undergrund';
    assert.deepEqual(query(text), [
      ['lov om anvendelse af Danmarks undergrund', '18b', 7, text],
    ]);
    assert.deepEqual(
      acts('Reglerne i § 18 b i lov om anvendelse af Danmarks undergrund finder anvendelse.'),
      ['lov om anvendelse af Danmarks undergrund'],
    );
  });

  it('reads the section letter i before the preposition i: § 9 i i konkursloven', () => {
    assert.deepEqual(query('§ 9 i i konkursloven'), [
      ['konkursloven', '9i', undefined, '§ 9 i i konkursloven'],
    ]);
    // One `i` is still the preposition.
    assert.deepEqual(query('§ 9 i konkursloven'), [
      ['konkursloven', '9', undefined, '§ 9 i konkursloven'],
    ]);
  });

  it('reads a name opened by a cut compound: Øl- og vinafgiftsloven § 2, stk. 5', () => {
    assert.deepEqual(query('Øl- og vinafgiftsloven § 2, stk. 5'), [
      ['Øl- og vinafgiftsloven', '2', 5, 'Øl- og vinafgiftsloven § 2, stk. 5'],
    ]);
    assert.equal(parseQueryCitation('§ 2 i mark- og vejfredsloven').refs[0]?.act,
      'mark- og vejfredsloven');
  });

  it('reads a genitive and lov as a name: § 1, stk. 2 i barnets lov', () => {
    assert.equal(parseQueryCitation('§ 1, stk. 2 i barnets lov').refs[0]?.act, 'barnets lov');
    assert.equal(parseQueryCitation('barnets lov § 4').refs[0]?.act, 'barnets lov');
  });
});
