/** Question terms of focused queries: the words that frame a question count for almost nothing. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Lexhop, openLexhop } from '../../src/lexhop.js';
import { questionTerms } from '../../src/retrieve/question.js';

const weights = (terms: { term: string; weight: number }[]): Record<string, number> =>
  Object.fromEntries(terms.map((t) => [t.term, t.weight]));

describe('questionTerms', () => {
  it('weighs modals, interrogatives and quantifiers at 0.02, content words at 1', () => {
    assert.deepEqual(weights(questionTerms('how can any other people see my photos?', ['en'])), {
      how: 0.02, can: 0.02, ani: 0.02, other: 0.02, peopl: 1, see: 1, photo: 1,
    });
  });

  it('drops the framing words at weight 0', () => {
    const terms = questionTerms('will you ever sell my data?', ['en'], { framingWeight: 0 });
    assert.deepEqual(weights(terms), { sell: 1, data: 1 });
  });

  it('keeps negations and limiting words, which change the answer', () => {
    const terms = weights(questionTerms('may it not be shared without consent?', ['en']));
    assert.equal(terms.not, 1);
    assert.equal(terms.without, 1);
    assert.equal(terms.may, 0.02);
  });

  it('keeps a question of framing words only at full weight', () => {
    assert.deepEqual(weights(questionTerms('how can I?', ['en'], { framingWeight: 0 })), {
      how: 1, can: 1,
    });
  });

  it('leaves languages without a list alone', () => {
    const terms = questionTerms('hvordan kan jeg opsige lejemålet?', ['da']);
    assert.ok(terms.length > 0);
    assert.ok(terms.every((t) => t.weight === 1));
  });
});

describe('ranking within a focused document', () => {
  let folder: string;
  let lexhop: Lexhop;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'lexhop-question-'));
    const corpus = path.join(folder, 'corpus');
    mkdirSync(corpus);
    writeFileSync(path.join(corpus, 'Acme.txt'), [
      '1. Your Settings',
      '',
      'You can choose what you can change in the app: you can turn alerts on or off, you can ' +
        'pick a theme, and you can see your history whenever you can open the app.',
      '',
      '2. Your Photos',
      '',
      'Photos you upload are shown to the friends you pick, and to nobody else.',
      '',
    ].join('\n'));
    writeFileSync(path.join(corpus, 'Beta.txt'), [
      '1. Payments',
      '',
      'Beta bills your card each month. Receipts are sent by mail.',
      '',
    ].join('\n'));
    lexhop = await openLexhop({ dataDir: path.join(folder, 'data') });
    await lexhop.ingest([corpus]);
  });
  after(async () => {
    await lexhop.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('ranks the answer to a vague question first, not the paragraph richest in `can`', async () => {
    const response = await lexhop.search({
      query: 'Consider "Acme"\'s privacy policy; who can see my photos?', perDocument: 0,
    });
    assert.match(response.hits[0]?.text ?? '', /Photos you upload/u);
  });

  it('returns passages of the named document that share no word with the question first', async () => {
    // Only Beta's text holds `receipts`; the reader asked about Acme's policy.
    const response = await lexhop.search({
      query: 'Consider "Acme"\'s privacy policy; are receipts mailed?', perDocument: 0, limit: 5,
    });
    const keys = response.hits.map((hit) => hit.documentKey);
    const firstBeta = keys.findIndex((key) => key.endsWith('Beta.txt'));
    assert.ok(keys.filter((key) => key.endsWith('Acme.txt')).length >= 2, keys.join(', '));
    assert.ok(firstBeta === -1 || keys.slice(firstBeta).every((key) => key.endsWith('Beta.txt')),
      keys.join(', '));
  });
});
