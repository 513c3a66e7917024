import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACT_ALIASES } from '../../src/analyze/act-aliases.js';
import {
  actFamily,
  actNameCandidates,
  actNumber,
  actTitlePrefixes,
  deriveShortTitle,
  isActAlias,
  isAmendingAct,
} from '../../src/analyze/acts.js';

describe('actFamily', () => {
  it('joins a consolidated act with the act it consolidates', () => {
    const family = actFamily('Bekendtgørelse af lov om rettens pleje');
    assert.equal(family, 'lov om rettens pleje');
    assert.equal(actFamily('Lov om rettens pleje'), family);
    assert.equal(actFamily('  Bekendtgørelse af  lov om\nrettens pleje '), family);
  });

  it('copes with the wrapper spellings found in the corpus', () => {
    const family = actFamily('Lov om aktiv socialpolitik');
    assert.equal(actFamily('Bekendtgørelse af_lov om aktiv socialpolitik'), family);
    assert.equal(actFamily('Bekendtgørelse aflov om aktiv socialpolitik'), family);
    assert.equal(actFamily('BEKENDTGØRELSE AF LOV OM AKTIV SOCIALPOLITIK'), family);
  });

  it('ignores footnote marks, zero-width characters and the bracketed popular name', () => {
    const family = actFamily('Bekendtgørelse af lov om merværdiafgift (momsloven)');
    assert.equal(family, 'lov om merværdiafgift');
    assert.equal(actFamily('Lov om merværdiafgift (momsloven) (* 1)'), family);
    assert.equal(actFamily('Lov om merværdiafgift'), family);
    const pvc = 'Bekendtgørelse af lov om afgift af polyvinylklorid og ftalater';
    assert.equal(
      actFamily(`${pvc} (pvc\u200C-\u200Cafgiftsloven)`),
      actFamily(`${pvc} (pvc-afgiftsloven)4)`),
    );
  });

  it('follows an act through a rename by its popular name', () => {
    assert.equal(
      actFamily(
        'Bekendtgørelse af lov om indkomstbeskatning af aktieselskaber m.v.' +
          '\n(Selskabsskatteloven)1)',
      ),
      actFamily('Bekendtgørelse af selskabsskatteloven'),
    );
    assert.equal(
      actFamily('Bekendtgørelse af lov om ret til orlov og dagpenge ved barsel (barselloven)'),
      actFamily('Bekendtgørelse af lov om ret til orlov og dagpenge ved barsel (barselsloven)'),
    );
    assert.equal(
      actFamily('Bekendtgørelse af patentlov'),
      actFamily('Bekendtgørelse af patentloven'),
    );
  });

  it('keeps amending acts apart from the act they amend', () => {
    const amending = 'Lov om ændring af lov om merværdiafgift (momsloven)';
    assert.notEqual(actFamily(amending), actFamily('Lov om merværdiafgift'));
    assert.equal(actFamily(amending), 'lov om ændring af lov om merværdiafgift (momsloven)');
    assert.equal(isAmendingAct(amending), true);
    assert.equal(isAmendingAct('Bekendtgørelse af straffeloven'), false);
  });

  it('keeps the Greenland and Faroe versions of an act apart', () => {
    assert.notEqual(
      actFamily('Bekendtgørelse for Grønland af lov om luftfart'),
      actFamily('Bekendtgørelse af lov om luftfart'),
    );
  });
});

describe('deriveShortTitle', () => {
  it('names the acts lawyers cite by name', () => {
    assert.equal(deriveShortTitle('Bekendtgørelse af straffeloven'), 'Straffeloven');
    assert.equal(deriveShortTitle('Bekendtgørelse af lov om rettens pleje'), 'Retsplejeloven');
    assert.equal(deriveShortTitle('Bekendtgørelse af lov om leje'), 'Lejeloven');
    assert.equal(deriveShortTitle('Lov om rettens pleje'), 'Retsplejeloven');
  });

  it('capitalises a one-word act title', () => {
    assert.equal(deriveShortTitle('Bekendtgørelse af værgemålsloven'), 'Værgemålsloven');
    assert.equal(deriveShortTitle('Bekendtgørelse af lodslov'), 'Lodslov');
  });

  it('takes a bracketed popular name in its own casing', () => {
    assert.equal(
      deriveShortTitle('Bekendtgørelse af lov om statens uddannelsesstøtte (SU-loven)'),
      'SU-loven',
    );
    assert.equal(
      deriveShortTitle(
        'Bekendtgørelse af lov om afgift af øl, vin og frugtvin m.m. (øl- og vinafgiftsloven)',
      ),
      'Øl- og vinafgiftsloven',
    );
  });

  it('gives none for acts without a popular name, and for amending acts', () => {
    assert.equal(deriveShortTitle('Bekendtgørelse af lov om Danmarks Statistik'), undefined);
    assert.equal(deriveShortTitle('Lov om ændring af straffeloven'), undefined);
    assert.equal(deriveShortTitle('Bekendtgørelse af færdselslov for Grønland'), undefined);
    assert.equal(deriveShortTitle('Mutual Non-Disclosure Agreement'), undefined);
  });
});

describe('actNameCandidates', () => {
  it('strips the genitive and gives both -loven and -lov', () => {
    assert.deepEqual(actNameCandidates('straffelovens'), ['straffeloven', 'straffelov']);
    assert.deepEqual(actNameCandidates('færdselslovens'), ['færdselsloven', 'færdselslov']);
  });

  it('expands abbreviations to the family and the short title', () => {
    assert.deepEqual(actNameCandidates('rpl'), ['rpl', 'lov om rettens pleje', 'retsplejeloven']);
    assert.deepEqual(actNameCandidates('strfl.'), ['strfl', 'straffeloven']);
    assert.deepEqual(actNameCandidates('Fvl'), ['fvl', 'forvaltningsloven']);
  });

  it('maps popular names and titles onto each other', () => {
    assert.deepEqual(actNameCandidates('retsplejelovens'), [
      'retsplejeloven',
      'retsplejelov',
      'lov om rettens pleje',
    ]);
    assert.deepEqual(actNameCandidates('lov om rettens pleje'), [
      'lov om rettens pleje',
      'retsplejeloven',
    ]);
    assert.deepEqual(actNameCandidates('lov om social services'), [
      'lov om social services',
      'lov om social service',
      'serviceloven',
    ]);
  });

  it('offers the shorter prefixes of a title that ran on into the sentence', () => {
    assert.deepEqual(actTitlePrefixes('lov om leje væsentligt'), [
      'lov om leje væsentligt',
      'lov om leje',
    ]);
    assert.deepEqual(actTitlePrefixes('straffelovens'), []);
    // A prefix is not a candidate: `lov om leje` is another act than this one.
    assert.ok(!actNameCandidates('lov om leje af almene boliger').includes('lov om leje'));
  });

  it('reads an act cited by number', () => {
    const name = 'lov nr. 140 af 25. maj 1956 om adoption';
    assert.ok(actNameCandidates(name).includes('lov om adoption'));
    assert.deepEqual(actNumber(name), { number: 140, year: 1956 });
    assert.equal(actNumber('straffeloven'), undefined);
  });

  it('gives no keys for an empty name', () => {
    assert.deepEqual(actNameCandidates('  '), []);
  });
});

describe('alias table', () => {
  it('has about sixty acts, with unique short titles and aliases', () => {
    assert.ok(ACT_ALIASES.length >= 60, `only ${ACT_ALIASES.length} acts`);

    const names = new Set<string>();
    for (const act of ACT_ALIASES) {
      for (const name of [act.shortTitle.toLowerCase(), ...act.aliases]) {
        assert.ok(!names.has(name), `${name} is used twice`);
        names.add(name);
      }
    }
  });

  it('keys every act by the family its own title gives', () => {
    for (const act of ACT_ALIASES) assert.equal(actFamily(act.family), act.family, act.family);
  });

  it('recognises aliases in any case, with or without dots', () => {
    assert.equal(isActAlias('RPL'), true);
    assert.equal(isActAlias('strfl.'), true);
    assert.equal(isActAlias('og'), false);
  });
});
