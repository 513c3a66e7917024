/**
 * Extractive answers (no language model) on a real facade in a temporary
 * folder: quoted sentences with [n], reference and definition hops, the
 * honest "not answered", and the hop budget.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { answerQuestion } from '../../src/answer/index.js';
import type { AnswerEvent, AnswerResponse } from '../../src/answer/types.js';
import { openFixture, provisionChunks, type Fixture } from './fixtures.js';

const TENANCY = 'lov om prøvelejeboliger';

function numberOf(response: AnswerResponse, chunkId: number): number | undefined {
  return response.sources.find((s) => s.chunkId === chunkId)?.n;
}

describe('extractive answers', () => {
  let fixture: Fixture;
  before(async () => {
    fixture = await openFixture();
  });
  after(async () => {
    await fixture.close();
  });

  test('two hops: § 10 says "jf. dog § 11", which says "jf. § 12"; both pulled in', async () => {
    const events: AnswerEvent[] = [];
    const response = await answerQuestion(
      fixture.lexhop,
      { question: 'Med hvilket varsel kan en lejer opsige lejeaftalen?', limit: 2 },
      { onEvent: (event) => events.push(event) },
    );
    const [s10] = provisionChunks(fixture.lexhop, TENANCY, '10');
    const [s11] = provisionChunks(fixture.lexhop, TENANCY, '11');
    const [s12] = provisionChunks(fixture.lexhop, TENANCY, '12');
    assert.ok(s10 !== undefined && s11 !== undefined && s12 !== undefined);

    assert.equal(response.mode, 'extractive');
    assert.match(response.answer, /^Extractive answer \(no language model configured\): /);
    assert.equal(response.flags.unsupported, false);

    const first = response.hops.find((h) => h.kind === 'reference' && h.from === s10);
    assert.ok(first, `a reference hop from § 10: ${JSON.stringify(response.hops)}`);
    assert.equal(first.ref, '§ 11');
    assert.deepEqual(first.chunkIds, [s11]);
    const second = response.hops.find((h) => h.kind === 'reference' && h.from === s11);
    assert.ok(second, 'a second hop from § 11 to § 12');
    assert.deepEqual(second.chunkIds, [s12]);

    // The answer quotes § 10 and, under it, the § 11 it refers to.
    const n10 = numberOf(response, s10);
    const n11 = numberOf(response, s11);
    assert.match(response.answer, new RegExp(`3 måneders varsel.*\\[${n10}\\]`));
    assert.match(response.answer, new RegExp(`→ § 11: «§ 11\\. Er lejeaftalen.*\\[${n11}\\]`));
    const n12 = numberOf(response, s12);
    const nested = new RegExp(`\n {4}→ § 12: «§ 12\\. En aftale.*\\[${n12}\\]`);
    assert.match(response.answer, nested, 'the second hop is quoted under the first');
    const cited = response.citations.map((c) => c.chunkId);
    for (const id of [s10, s11, s12]) assert.ok(cited.includes(id), `chunk ${id} is cited`);

    // Every citation points at the chunk it names, with its span and document.
    for (const citation of response.citations) {
      const chunk = fixture.lexhop.getChunk(citation.chunkId);
      assert.equal(citation.start, chunk?.start);
      assert.equal(citation.end, chunk?.end);
      assert.equal(citation.documentKey, chunk?.documentKey);
      assert.equal(citation.citation, chunk?.citation);
    }

    const kinds = events.map((e) => e.type);
    assert.deepEqual(kinds.slice(-3), ['delta', 'citations', 'done']);
    assert.equal(kinds.filter((k) => k === 'hop').length, response.hops.length);
  });

  test('a reference to another act by name is followed into that act', async () => {
    const response = await answerQuestion(fixture.lexhop, {
      question: 'Hvornår ydes prøveboligydelse?',
      limit: 1,
    });
    const [s20] = provisionChunks(fixture.lexhop, TENANCY, '20');
    const hop = response.hops.find((h) => h.kind === 'reference');
    assert.ok(hop, JSON.stringify(response.hops));
    assert.equal(hop.ref, '§ 20, stk. 1, i lov om prøvelejeboliger');
    assert.deepEqual(hop.chunkIds, [s20]);
  });

  test('a term the act defines is looked up in its definitions provision', async () => {
    const response = await answerQuestion(fixture.lexhop, {
      question: 'Hvor stort et depositum kan udlejer kræve?',
      limit: 1,
    });
    const [s2] = provisionChunks(fixture.lexhop, TENANCY, '2');
    const hop = response.hops.find((h) => h.kind === 'definition');
    assert.ok(hop, JSON.stringify(response.hops));
    assert.deepEqual(hop.chunkIds, [s2]);
    assert.ok(s2 !== undefined);
    const n2 = numberOf(response, s2);
    assert.match(
      response.answer,
      new RegExp(`Definition of »Depositum«: «3\\) Depositum: Det beløb.*\\[${n2}\\]`),
    );
    assert.match(response.answer, /højst 3 måneders leje/);
  });

  test('sources that do not answer the question say so instead of guessing', async () => {
    const response = await answerQuestion(fixture.lexhop, {
      question: 'Hvad er straffen for spirituskørsel?',
    });
    assert.equal(response.flags.unsupported, true);
    assert.equal(response.flags.unsupportedReason, 'no-relevant-source');
    assert.deepEqual(response.citations, []);
    assert.equal(
      response.answer,
      'Extractive answer (no language model configured): ' +
        'the sources found do not answer the question.',
    );
  });

  test('a hop budget of 0 follows nothing and says the budget ran out', async () => {
    const response = await answerQuestion(
      fixture.lexhop,
      { question: 'Med hvilket varsel kan en lejer opsige lejeaftalen?', limit: 2 },
      { budget: { hops: 0 } },
    );
    assert.deepEqual(response.hops.map((h) => h.kind), ['search']);
    assert.equal(response.flags.budgetExhausted, 'hops');
  });

  test('a bad request names the field', async () => {
    await assert.rejects(
      answerQuestion(fixture.lexhop, { question: '   ' }),
      (error: { code?: string; details?: { field?: string } }) =>
        error.code === 'ERR_ANSWER_BAD_REQUEST' && error.details?.field === 'question',
    );
    await assert.rejects(
      answerQuestion(fixture.lexhop, { question: 'opsigelse', limit: 99 }),
      (error: { details?: { field?: string } }) => error.details?.field === 'limit',
    );
  });
});
