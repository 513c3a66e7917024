import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeProvisionText as normalize } from '../../src/ingest/normalize.js';

// Table styling as the retsinformation export leaves it in provision text.
const BORDERS =
  'border-top: 0pt none #000000; border-left: 0pt none #000000; ' +
  'border-bottom: 0pt none #000000; border-right: 0pt none #000000; ' +
  'grid-H: 0pt none #000000; grid-V: 0pt none #000000;';
const PADDING =
  'padding-left: 0.191cm; padding-right: 0.191cm; padding-top: 0cm; padding-bottom: 0cm';
const BORDERED_CELL =
  `${PADDING}; border-left: 0.018cm solid #000000; border-bottom: 0.018cm solid #000000`;

describe('normalizeProvisionText: table styling noise', () => {
  it('removes border/grid declaration runs with the alignment and span before them', () => {
    const input = `Efter Talen siger Præsten: Align 3 ${BORDERS} 3 ${BORDERS} Saa spørger jeg`;
    assert.equal(normalize(input), 'Efter Talen siger Præsten: Saa spørger jeg');
  });

  it('removes padding runs without a final semicolon and the cell width after them', () => {
    const input =
      `intervaller. 1) ${PADDING} 31 0-2.000 kg. Right ${PADDING} 142 ` +
      `2) ${PADDING} 31 2.001-2.500 kg.`;
    assert.equal(normalize(input), 'intervaller. 1) 0-2.000 kg. 2) 2.001-2.500 kg.');
  });

  it('keeps table contents that look like numbers (regression: 1942 and 2.118 were eaten)', () => {
    const pension = `Medlem født ${BORDERED_CELL} 318 1942 ${BORDERED_CELL} 395 8,38 kr.`;
    assert.equal(normalize(pension), 'Medlem født 1942 8,38 kr.');
    const rates = `briller m.v., ${PADDING} 424 2.118 ${PADDING} 127 b)`;
    assert.equal(normalize(rates), 'briller m.v., 2.118 b)');
  });

  it('removes column-width and SchultzColumns declarations', () => {
    const input = 'genoprettelsesplaner. 289 0 0 column-width: 217pt; Stk. 5. Har en operatør';
    assert.equal(normalize(input), 'genoprettelsesplaner. 289 Stk. 5. Har en operatør');
    const game = 'ingen jagttid Right 150 SchultzColumns: 30 456 52 150; Kronhjort';
    assert.equal(normalize(game), 'ingen jagttid Kronhjort');
  });

  it('removes the stray markup words Align, AendringURN and a False after a sentence', () => {
    const input = 'I § 1, stk. 3 AendringURN , udgår »x«. False 2 § 13 affattes. Align Stk. 4. Ref';
    assert.equal(normalize(input), 'I § 1, stk. 3 , udgår »x«. 2 § 13 affattes. Stk. 4. Ref');
  });

  it('leaves ordinary text with colons and numbers alone', () => {
    const input = '§ 2. Beløbet udgør: 1) 500 kr., 2) 1.000 kr.; jf. § 3, stk. 2. Kl. 10:30 border';
    assert.equal(normalize(input), input);
  });
});

describe('normalizeProvisionText: characters and whitespace', () => {
  it('removes zero-width characters and soft hyphens, joining the word', () => {
    const input = 'Fa\u200Cmilieretshuset og Til\u00ADfælde\u200B, \u200Dx\u2060y\uFEFF';
    assert.equal(normalize(input), 'Familieretshuset og Tilfælde, xy');
  });

  it('turns NBSP, tabs, newlines and control characters into single spaces and trims', () => {
    assert.equal(normalize('  § 1.\u00A0Stk.\t2.\n\nTekst\u0081 her  '), '§ 1. Stk. 2. Tekst her');
  });

  it('composes to NFC', () => {
    assert.equal(normalize('Sk\u0061\u030Ane'), 'Skåne');
  });

  it('does not modernise old spelling', () => {
    const old = 'Formynderskabsrettens Beføjelser gaar over til Amtmanden, forsaavidt de ophæves';
    assert.equal(normalize(old), old);
  });

  it('runs in linear time on a 344K-character table provision', () => {
    const row = `Asnæsværkets Havn 278 ${BORDERS} Kr. 0,00 Right 83 ${BORDERS} 13 ${BORDERS} `;
    const input = `§ 2. Isafgiften: ${row.repeat(Math.ceil(344_000 / row.length))}`;

    const started = performance.now();
    const output = normalize(input);
    const ms = performance.now() - started;

    assert.ok(!output.includes('#000000'), 'styling left in the output');
    assert.ok(output.startsWith('§ 2. Isafgiften: Asnæsværkets Havn Kr. 0,00 Asnæsværkets Havn'));
    assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
  });
});
