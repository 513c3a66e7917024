import assert from 'node:assert/strict';
import { test } from 'node:test';
import { definedTerms } from '../../src/answer/hops/definitions.js';
import { splitSentences } from '../../src/answer/sentences.js';

function sentences(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

test('sentences: Danish abbreviations do not end a sentence', () => {
  const text =
    'Ansøgeren skal være godkendt, jf. §§ 25 a og 25 b. ' +
    'Det gælder f.eks. ved adoption, jf. stk. 1, nr. 3, og 2. pkt. finder anvendelse. ' +
    'Fristen løber fra den 1. januar 2024 m.v. i øvrigt.';
  assert.deepEqual(sentences(text), [
    'Ansøgeren skal være godkendt, jf. §§ 25 a og 25 b.',
    'Det gælder f.eks. ved adoption, jf. stk. 1, nr. 3, og 2. pkt. finder anvendelse.',
    'Fristen løber fra den 1. januar 2024 m.v. i øvrigt.',
  ]);
});

test('sentences: a provision label stays with its first sentence; Stk. opens a new one', () => {
  const text =
    '§ 4 a. Adoption kræver godkendelse. Stk. 2. Godkendelse kræves dog ikke, jf. stk. 1.';
  assert.deepEqual(sentences(text), [
    '§ 4 a. Adoption kræver godkendelse.',
    'Stk. 2. Godkendelse kræves dog ikke, jf. stk. 1.',
  ]);
});

test('sentences: an abbreviation that can end a sentence does so before a capital', () => {
  assert.deepEqual(sentences('Andelen overstiger 40 pct. Ministeren kan fravige det.'), [
    'Andelen overstiger 40 pct.',
    'Ministeren kan fravige det.',
  ]);
});

test('definitions: numbered lists, quoted terms and "Ved X forstås" sentences', () => {
  const list =
    '§ 2. I denne lov forstås ved: 1 Akseltryk: det tryk, der overføres til vejen. ' +
    '2 Bil: motorkøretøj med 4 eller flere hjul. ' +
    '3 Blokvogn: bil, hvis vægt udelukker registrering.';
  const found = definedTerms(list).map((d) => [d.term, list.slice(d.span.start, d.span.end)]);
  assert.deepEqual(found, [
    ['Akseltryk', '1 Akseltryk: det tryk, der overføres til vejen.'],
    ['Bil', '2 Bil: motorkøretøj med 4 eller flere hjul.'],
    ['Blokvogn', '3 Blokvogn: bil, hvis vægt udelukker registrering.'],
  ]);

  const quoted =
    '§ 2. I denne lov forstås ved 1) »design«: et produkts udseende, ' +
    '2) »produkt«: en artikel';
  assert.deepEqual(definedTerms(quoted).map((d) => d.term), ['design', 'produkt']);

  const sentence =
    'Stk. 2. Ved dykkerarbejde forstås i denne lov en arbejdsopgave under vand. Andet.';
  const [definition] = definedTerms(sentence);
  assert.equal(definition?.term, 'dykkerarbejde');
  assert.equal(
    sentence.slice(definition?.span.start, definition?.span.end),
    'Stk. 2. Ved dykkerarbejde forstås i denne lov en arbejdsopgave under vand.',
  );
});

test('definitions: a text that defines nothing yields nothing', () => {
  const text = '§ 3. Bevilling til adoption af eget barn kan ikke meddeles.';
  assert.deepEqual(definedTerms(text), []);
});
