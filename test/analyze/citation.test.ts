import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCitations, parseQueryCitation } from '../../src/analyze/citation.js';
import type { CitationRef } from '../../src/analyze/citation-types.js';

/** Refs with their spans shown as the text they cover, for readable assertions. */
function read(text: string, refs: CitationRef[]): Array<Record<string, unknown>> {
  return refs.map(({ start, end, ...ref }) => ({ ...ref, text: text.slice(start, end) }));
}

function query(text: string): Array<Record<string, unknown>> {
  return read(text, parseQueryCitation(text).refs);
}

function provision(text: string, section?: string): Array<Record<string, unknown>> {
  return read(text, parseCitations(text, section === undefined ? {} : { section }));
}

describe('parseQueryCitation', () => {
  it('reads a genitive act name before the section', () => {
    assert.deepEqual(query('straffelovens § 263'), [
      { act: 'straffelovens', section: '263', text: 'straffelovens § 263' },
    ]);
  });

  it('reads an act named after the section with i', () => {
    assert.deepEqual(query('§ 737 i retsplejeloven'), [
      { act: 'retsplejeloven', section: '737', text: '§ 737 i retsplejeloven' },
    ]);
  });

  it('reads a one-word act name after the section without i', () => {
    assert.deepEqual(query('§ 737 retsplejeloven'), [
      { act: 'retsplejeloven', section: '737', text: '§ 737 retsplejeloven' },
    ]);
  });

  it('reads an abbreviation, with or without its dot', () => {
    assert.deepEqual(query('rpl § 737, stk. 2'), [
      { act: 'rpl', section: '737', subsection: 2, text: 'rpl § 737, stk. 2' },
    ]);
    assert.deepEqual(query('strfl. § 263'), [
      { act: 'strfl.', section: '263', text: 'strfl. § 263' },
    ]);
  });

  it('reads a lov om title after the subsection, with or without a comma', () => {
    assert.deepEqual(query('§ 12, stk. 3 i lov om leje'), [
      { act: 'lov om leje', section: '12', subsection: 3, text: '§ 12, stk. 3 i lov om leje' },
    ]);
    assert.deepEqual(query('§ 12, stk. 3, i lov om leje'), [
      { act: 'lov om leje', section: '12', subsection: 3, text: '§ 12, stk. 3, i lov om leje' },
    ]);
  });

  it('reads a whole title that opens the query, as lexhop labels its chunks', () => {
    const acts = (text: string): unknown[] => query(text).map((ref) => ref.act);
    // Regression: provision-text rules ended these titles early, so the act was lost.
    assert.deepEqual(acts('Lov om varsling m.v. i forbindelse med afskedigelser af større ' +
      'omfang § 5, stk. 1'), ['Lov om varsling m.v. i forbindelse med afskedigelser af større omfang']);
    // Regression: the last `lov om` was taken, naming another act.
    assert.deepEqual(acts('Lov om tillæg til lov om erstatning til besættelsestidens ofre § 1'),
      ['Lov om tillæg til lov om erstatning til besættelsestidens ofre']);
    assert.deepEqual(acts('Lov om forsikringsvirksomhed i tværgående pensionskasser m.v. ' +
      '(lov om forsikringsvirksomhed) § 246, stk. 2'),
    ['Lov om forsikringsvirksomhed i tværgående pensionskasser m.v. (lov om forsikringsvirksomhed)']);
    assert.deepEqual(acts('Lov om refusion af dagpenge efter barselloven § 3, stk. 6'),
      ['Lov om refusion af dagpenge efter barselloven']);
    assert.deepEqual(acts('Lov almene boliger m.v. § 125, stk. 2'), ['Lov almene boliger m.v.']);
    assert.deepEqual(acts('Anordning om ikrafttræden for Grønland af årsregnskabsloven § 110'),
      ['Anordning om ikrafttræden for Grønland af årsregnskabsloven']);
    assert.deepEqual(acts('Bekendtgørelse om EU’s CO2-kvoteregister § 3, stk. 1'),
      ['Bekendtgørelse om EU’s CO2-kvoteregister']);
    // Not at the start of the query: a name before the § is still that act.
    assert.deepEqual(acts('hvad siger straffelovens § 263'), ['straffelovens']);
  });

  // Regressions: `hf-lovens` was read as `lovens` (this act); a comma lost the act.
  it('reads a hyphenated genitive, and a comma between the name and the § in a query', () => {
    assert.deepEqual(query('hf-lovens § 19'), [{ act: 'hf-lovens', section: '19', text: 'hf-lovens § 19' }]);
    assert.deepEqual(query('Straffeloven, § 263').map((ref) => ref.act), ['Straffeloven']);
    assert.deepEqual(provision('efter reglerne i lovens § 5').map((ref) => ref.act), [undefined]);
    assert.deepEqual(provision('i straffeloven, § 5 i lov om leje').map((ref) => ref.act), ['lov om leje']);
  });

  it('reads a title that lacks its om in a query, but not in provision text', () => {
    assert.deepEqual(query('§ 125, stk. 2 i lov almene boliger m.v.'), [
      {
        act: 'lov almene boliger m.v.', section: '125', subsection: 2,
        text: '§ 125, stk. 2 i lov almene boliger m.v.',
      },
    ]);
    assert.deepEqual(provision('efter § 125, stk. 2, i lov ikke anden regel'), [
      { section: '125', subsection: 2, text: '§ 125, stk. 2' },
    ]);
  });

  it('reads a short name before the section, and a glued §', () => {
    assert.deepEqual(query('Lejeloven § 12'), [
      { act: 'Lejeloven', section: '12', text: 'Lejeloven § 12' },
    ]);
    assert.deepEqual(query('straffeloven §263'), [
      { act: 'straffeloven', section: '263', text: 'straffeloven §263' },
    ]);
  });

  it('reads a section letter', () => {
    assert.deepEqual(query('§ 12 a'), [{ section: '12a', text: '§ 12 a' }]);
    assert.deepEqual(query('§ 12A'), [{ section: '12a', text: '§ 12A' }]);
  });

  it('reads subsection and item', () => {
    assert.deepEqual(query('retsplejelovens § 737, stk. 2, nr. 3'), [
      {
        act: 'retsplejelovens',
        section: '737',
        subsection: 2,
        item: 3,
        text: 'retsplejelovens § 737, stk. 2, nr. 3',
      },
    ]);
  });

  it('treats a leading § N. in a query as a reference, not a label', () => {
    assert.deepEqual(query('§ 263.'), [{ section: '263', text: '§ 263' }]);
  });

  it('gives the rest of the query without the citation', () => {
    assert.equal(parseQueryCitation('straffelovens § 263 om indbrud').rest, 'om indbrud');
    assert.equal(parseQueryCitation('opsigelse jf. lejelovens § 82').rest, 'opsigelse');
    assert.equal(parseQueryCitation('§ 12 i lov om leje, varsel').rest, 'varsel');
    assert.equal(parseQueryCitation('opsigelse af lejemål').rest, 'opsigelse af lejemål');
    assert.deepEqual(parseQueryCitation('opsigelse af lejemål').refs, []);
  });
});

describe('parseCitations in provision text', () => {
  it('reads a same-act reference after jf.', () => {
    assert.deepEqual(provision('Sagen afgøres, jf. § 737.'), [
      { section: '737', text: '§ 737' },
    ]);
  });

  it('reads an act named after the subsection, up to the comma', () => {
    const text = 'efter § 6, stk. 3, i lov om arbejdsløshedsforsikring m.v., der gælder';
    assert.deepEqual(provision(text), [
      {
        act: 'lov om arbejdsløshedsforsikring m.v.',
        section: '6',
        subsection: 3,
        text: '§ 6, stk. 3, i lov om arbejdsløshedsforsikring m.v.',
      },
    ]);
  });

  it('ends a title at a clause word', () => {
    const text = 'Reglerne i § 12 i lov om social service finder anvendelse.';
    assert.deepEqual(provision(text), [
      { act: 'lov om social service', section: '12', text: '§ 12 i lov om social service' },
    ]);
  });

  it('keeps og inside a title but ends it before another reference', () => {
    const text = '§ 10 i lov om ægteskabs indgåelse og opløsning og § 5 i lov om leje';
    const refs = parseCitations(text);
    assert.deepEqual(
      refs.map((ref) => ref.act),
      ['lov om ægteskabs indgåelse og opløsning', 'lov om leje'],
    );
  });

  it('reads a title running up to the section', () => {
    assert.deepEqual(provision('efter lov om skifte af dødsboer § 104, hæfter'), [
      {
        act: 'lov om skifte af dødsboer',
        section: '104',
        text: 'lov om skifte af dødsboer § 104',
      },
    ]);
  });

  it('reads an act cited by number and date', () => {
    const text = 'efter § 27, stk. 2, i lov nr. 140 af 25. maj 1956 om adoption er tillagt';
    assert.deepEqual(provision(text), [
      {
        act: 'lov nr. 140 af 25. maj 1956 om adoption',
        section: '27',
        subsection: 2,
        text: '§ 27, stk. 2, i lov nr. 140 af 25. maj 1956 om adoption',
      },
    ]);
  });

  it('reads efter § 48', () => {
    assert.deepEqual(provision('Tilladelse efter § 48 kan tilbagekaldes.'), [
      { section: '48', text: '§ 48' },
    ]);
  });

  it('gives two refs for §§ 25 a og 25 b', () => {
    assert.deepEqual(provision('godkendt som adoptant, jf. §§ 25 a og 25 b.'), [
      { section: '25a', text: '§§ 25 a' },
      { section: '25b', text: '25 b' },
    ]);
  });

  it('expands a short range and marks the inner sections', () => {
    assert.deepEqual(provision('reglerne i §§ 10-12.'), [
      { section: '10', text: '§§ 10' },
      { section: '11', expanded: true, text: '§§ 10-12' },
      { section: '12', text: '12' },
    ]);
  });

  it('gives only the endpoints of a long range or a range with letters', () => {
    assert.deepEqual(
      parseCitations('§§ 1-400').map((ref) => ref.section),
      ['1', '400'],
    );
    assert.deepEqual(
      parseCitations('§§ 4 a-4 d').map((ref) => ref.section),
      ['4a', '4d'],
    );
  });

  it('reads a list of sections after §§', () => {
    assert.deepEqual(
      parseCitations('jf. §§ 5, 6 og 8').map((ref) => ref.section),
      ['5', '6', '8'],
    );
  });

  it('gives one ref per subsection of a list', () => {
    assert.deepEqual(provision('jf. § 9, stk. 2 og 3'), [
      { section: '9', subsection: 2, text: '§ 9, stk. 2 og 3' },
      { section: '9', subsection: 3, text: '§ 9, stk. 2 og 3' },
    ]);
  });

  it('reads the sentence of a subsection without mistaking it for a subsection', () => {
    assert.deepEqual(provision('jf. § 9, stk. 2, 3. pkt.'), [
      { section: '9', subsection: 2, sentence: 3, text: '§ 9, stk. 2, 3. pkt.' },
    ]);
  });

  it('reads a bare stk. 2 only when told which section the text belongs to', () => {
    const text = 'Det i stk. 2 anførte gælder. Stk. 3. Uanset stk. 1-3 kan';
    assert.deepEqual(provision(text), []);
    assert.deepEqual(provision(text, '5a'), [
      { section: '5a', subsection: 2, sameSection: true, text: 'stk. 2' },
      { section: '5a', subsection: 1, sameSection: true, text: 'stk. 1-3' },
      { section: '5a', subsection: 3, sameSection: true, text: 'stk. 1-3' },
    ]);
  });

  it('reads stk. 6 i § 11 as one reference', () => {
    assert.deepEqual(provision('indsættelse af nyt stk. 6 i § 11, hvorefter', '2'), [
      { section: '11', subsection: 6, text: 'stk. 6 i § 11' },
    ]);
  });

  it('reads lovens § 5 and § 5 i denne lov as the same act', () => {
    assert.deepEqual(provision('efter lovens § 5 og § 7 i denne lov'), [
      { section: '5', text: 'lovens § 5' },
      { section: '7', text: '§ 7 i denne lov' },
    ]);
  });

  it('applies an act named after a chain of references to all of it', () => {
    const text = 'betingelserne i § 6, § 9 og § 10 i lov om arveafgift og 2) ikke';
    assert.deepEqual(
      parseCitations(text).map((ref) => `${ref.section} ${ref.act ?? '-'}`),
      ['6 lov om arveafgift', '9 lov om arveafgift', '10 lov om arveafgift'],
    );
  });

  it('applies an act named before the first of a chain to the rest', () => {
    assert.deepEqual(
      parseQueryCitation('straffelovens § 263 og § 264').refs.map((ref) => ref.act),
      ['straffelovens', 'straffelovens'],
    );
    assert.equal(parseQueryCitation('straffelovens § 263 og § 264').rest, '');
  });

  it('does not let a same-act reference inherit the next act', () => {
    const text = '§ 144 i denne lov og § 25 i forvaltningsloven finder anvendelse';
    assert.deepEqual(
      parseCitations(text).map((ref) => ref.act),
      [undefined, 'forvaltningsloven'],
    );
  });

  it('skips the label that opens a provision', () => {
    assert.deepEqual(provision('§ 4 a. Er den, som ønskes adopteret, jf. § 9.'), [
      { section: '9', text: '§ 9' },
    ]);
  });

  it('reads the i after a section as a preposition before a word', () => {
    assert.deepEqual(
      parseCitations('§ 12 i forvaltningsloven').map((ref) => `${ref.section} ${ref.act}`),
      ['12 forvaltningsloven'],
    );
  });

  it('does not read kgl. anordning as an abbreviated act', () => {
    assert.deepEqual(provision('§ 3 i kgl. anordning nr. 259 af 7. juni 1971'), [
      { section: '3', text: '§ 3' },
    ]);
  });

  it('finds nothing in text without references, and survives a lone §', () => {
    assert.deepEqual(parseCitations('Ministeren kan fastsætte regler.'), []);
    assert.deepEqual(parseCitations('§'), []);
    assert.deepEqual(parseCitations('§§ og §'), []);
  });
});
