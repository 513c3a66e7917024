/**
 * A two-hop question on real statutes: a few acts copied from the shared
 * corpus into a temporary folder at test time (never into the repository).
 * Adoptionsloven § 4 a requires approval as adopter "jf. §§ 25 a og 25 b";
 * § 25 a says who approves. Skipped when the corpus is absent.
 */
import assert from 'node:assert/strict';
import { existsSync, createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { createGunzip } from 'node:zlib';
import { answerQuestion } from '../../src/answer/index.js';
import { openLexhop, type Lexhop } from '../../src/lexhop.js';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus/dk-laws/current-acts.jsonl.gz');
const ADOPTION_ACT = '2019:775';
/** Acts besides adoptionsloven, so the search has something to rank against. */
const OTHER_ACTS = 6;

async function copyActs(file: string): Promise<void> {
  const lines: string[] = [];
  let others = 0;
  const input = createReadStream(CORPUS).pipe(createGunzip());
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const id = (JSON.parse(line) as { id: string }).id;
    if (id === ADOPTION_ACT) lines.push(line);
    else if (others < OTHER_ACTS) {
      lines.push(line);
      others++;
    }
  }
  await writeFile(file, `${lines.join('\n')}\n`);
}

describe('two hops on real statutes', { skip: existsSync(CORPUS) ? false : `no ${CORPUS}` }, () => {
  let dir: string;
  let lexhop: Lexhop;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lexhop-answer-corpus-'));
    const file = path.join(dir, 'acts.jsonl');
    await copyActs(file);
    lexhop = await openLexhop({ dataDir: path.join(dir, 'data') });
    await lexhop.ingest([file]);
  });
  after(async () => {
    await lexhop.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('adoptionsloven § 4 a → §§ 25 a og 25 b', async () => {
    const response = await answerQuestion(lexhop, {
      question: 'Hvilke krav stilles til ansøgeren, når den der ønskes adopteret er under 18 år?',
      limit: 3,
    });
    const provision = (section: string) =>
      lexhop.lookupCitation({ act: 'adoptionsloven', section, start: 0, end: 0 })[0];
    const s4a = provision('4a');
    const s25a = provision('25a');
    assert.ok(s4a !== undefined && s25a !== undefined);

    const hop = response.hops.find((h) => h.kind === 'reference' && h.from === s4a.id);
    assert.ok(hop, JSON.stringify(response.hops));
    assert.ok(hop.chunkIds.includes(s25a.id), 'the reference pulled in § 25 a');
    assert.match(response.answer, /godkendt som adoptant, jf\. §§ 25 a og 25 b\.» \[\d+\]/);
    assert.match(response.answer, /→ §§ 25 a: «§ 25 a\. Social- og indenrigsministeren opretter/);
  });
});
