import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzerFor } from '../../src/analyze/index.js';
import { foldPhrase, foldToken, styleNoiseSpans } from '../../src/analyze/normalize.js';

const danish = analyzerFor('da');
const english = analyzerFor('en');

/** Every term's span must slice back to text that produced it. */
function spans(text: string): string[] {
  return danish
    .positionedTerms(text)
    .map((term) => `${term.term}=${text.slice(term.start, term.end)}`);
}

describe('Danish analyzer', () => {
  it('stems inflected forms onto one term', () => {
    assert.deepEqual(danish.terms('opsigelse opsigelsen opsigelser'), ['opsig', 'opsig', 'opsig']);
    assert.deepEqual(danish.terms('arbejdsgiveren arbejdsgivere'), ['arbejdsgiv', 'arbejdsgiv']);
    assert.deepEqual(danish.terms('lejemålet'), ['lejemål']);
  });

  it('drops function words but keeps negation and modal verbs', () => {
    assert.deepEqual(danish.terms('og i at af til den det en'), []);
    const terms = danish.terms('Udlejer skal ikke og kan ikke, men må');
    assert.deepEqual(terms, ['udlej', 'skal', 'ikk', 'kan', 'ikk', 'må']);
  });

  it('folds case without regard to locale', () => {
    assert.deepEqual(
      danish.terms('STRAFFELOVEN Straffeloven'),
      danish.terms('straffeloven straffeloven'),
    );
    assert.deepEqual(danish.terms('ÆBLE ØL ÅR'), danish.terms('æble øl år'));
  });

  it('keeps section references as one term', () => {
    assert.deepEqual(danish.terms('§ 263 og §263'), ['§263', '§263']);
    assert.deepEqual(danish.terms('§ 12 a, § 12a'), ['§12a', '§12a']);
    assert.deepEqual(danish.terms('jf. §§ 25 a og 25 b'), ['§25a', '§25b']);
    assert.deepEqual(danish.terms('§§ 10-12'), ['§10', '§12']);
    assert.deepEqual(danish.terms('§§ 5, 6 og 8'), ['§5', '§6', '§8']);
  });

  it('reads the i after a section number as a preposition before a word', () => {
    assert.deepEqual(danish.terms('§ 12 i lov om leje'), ['§12', 'lov', 'lej']);
    assert.deepEqual(danish.terms('§ 4 i og § 5'), ['§4i', '§5']);
  });

  it('keeps stk., nr. and pkt. markers as one term each', () => {
    assert.deepEqual(danish.terms('stk. 2, nr. 3, pkt. 2'), ['stk2', 'nr3', 'pkt2']);
    assert.deepEqual(danish.terms('2. pkt.'), ['pkt2']);
    assert.deepEqual(danish.terms('stk. 2 og 3'), ['stk2', 'stk3']);
    assert.deepEqual(danish.terms('LBK nr. 1160'), ['lbk', 'nr1160']);
  });

  it('does not read the sentence number in stk. 2, 3. pkt. as a subsection', () => {
    assert.deepEqual(danish.terms('stk. 2, 3. pkt.'), ['stk2', 'pkt3']);
  });

  it('keeps plain numbers', () => {
    assert.deepEqual(danish.terms('fyldt 25 år i 2024'), ['fyld', '25', 'år', '2024']);
  });

  it('gives spans that slice back to the original text', () => {
    const text = 'Straffelovens § 263, stk. 2, jf. §§ 25 a og 25 b i LBK nr. 1160, 2. pkt.';
    assert.deepEqual(spans(text), [
      'straffelov=Straffelovens',
      '§263=§ 263',
      'stk2=stk. 2',
      '§25a=§§ 25 a',
      '§25b=25 b',
      'lbk=LBK',
      'nr1160=nr. 1160',
      'pkt2=2. pkt',
    ]);
  });

  it('removes zero-width characters and soft hyphens inside words', () => {
    const text = 'Fa\u200Cmilieretshuset og Familie\u00ADretshuset og Familieretshuset\u200B';
    const terms = danish.positionedTerms(text);
    assert.equal(new Set(terms.map((term) => term.term)).size, 1);
    assert.equal(text.slice(terms[0]?.start, terms[0]?.end), 'Fa\u200Cmilieretshuset');
  });

  it('applies NFKC to tokens: ligatures and full-width digits', () => {
    assert.deepEqual(danish.terms('\uFB01rma'), danish.terms('firma'));
    assert.deepEqual(danish.terms('\uFF11\uFF12'), ['12']);
  });

  it('composes decomposed letters before stemming', () => {
    assert.deepEqual(danish.terms('a\u030Ar'), danish.terms('år'));
  });

  it('skips table styling noise left in provision text', () => {
    const text =
      'efter følgende skala: border-top: 0pt none #000000; border-left: 1pt solid #000000; ' +
      'grid-H: 1pt solid #000000; Født i 1899';
    assert.deepEqual(danish.terms(text), ['følg', 'skala', 'født', '1899']);
  });

  it('leaves the Danish å and the old aa apart (no pre-1948 respelling)', () => {
    assert.notDeepEqual(danish.terms('Aar'), danish.terms('år'));
  });

  it('returns nothing for empty and punctuation-only text', () => {
    assert.deepEqual(danish.terms(''), []);
    assert.deepEqual(danish.positionedTerms(' .,;§ \u200B '), []);
  });
});

describe('English analyzer', () => {
  it('stems with Porter 2 and keeps contract modals and negation', () => {
    assert.deepEqual(
      english.terms('The Parties shall not disclose'),
      ['parti', 'shall', 'not', 'disclos'],
    );
    assert.deepEqual(english.terms('agreements terminated'), ['agreement', 'termin']);
  });

  it('does not treat stk. as a Danish marker', () => {
    assert.deepEqual(english.terms('nr. 3'), ['nr', '3']);
  });

  it('reports its language', () => {
    assert.equal(english.language, 'en');
    assert.equal(danish.language, 'da');
  });
});

describe('normalize', () => {
  it('folds phrases: invisible characters, NFC, whitespace, case', () => {
    assert.equal(foldPhrase('  Lov om\n rettens\u200B  pleje '), 'lov om rettens pleje');
    assert.equal(foldToken('ÆNDRING'), 'ændring');
  });

  it('finds no noise in ordinary text without running the regex', () => {
    assert.deepEqual(styleNoiseSpans('Stk. 2. Ministeren kan fastsætte regler; dog ikke'), []);
  });

  it('finds a noise run whose last declaration has no semicolon', () => {
    const text = 'Lov: padding-left: 0.249cm; padding-bottom: 0cm 594 § 1.';
    assert.equal(styleNoiseSpans(text).length, 2);
    assert.deepEqual(danish.terms(text), ['lov', '594', '§1']);
  });
});
