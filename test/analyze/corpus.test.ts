/**
 * The analyze stage against real Danish statutes from ../shared (read-only).
 * Skips with a message when the shared corpus is not there.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { ACT_ALIASES } from '../../src/analyze/act-aliases.js';
import { actFamily, actNameCandidates, deriveShortTitle } from '../../src/analyze/acts.js';
import { parseCitations } from '../../src/analyze/citation.js';
import { analyzerFor } from '../../src/analyze/index.js';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus/dk-laws/current-acts.jsonl.gz');
const skip = existsSync(CORPUS) ? false : `shared corpus not found at ${CORPUS}`;

interface Act {
  id: string;
  title: string;
  provisions: Array<{ section: string; content: string }>;
}

let cached: Act[] | undefined;
function acts(): Act[] {
  cached ??= gunzipSync(readFileSync(CORPUS))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Act);
  return cached;
}

function firstProvisions(count: number): Array<{ section: string; content: string }> {
  return acts().flatMap((act) => act.provisions).slice(0, count);
}

describe('acts on real titles', { skip }, () => {
  it('keys every alias-table act by a family that a current act has', () => {
    const families = new Set(acts().map((act) => actFamily(act.title)));
    const missing = ACT_ALIASES.filter((act) => !families.has(act.family)).map((act) => act.family);
    assert.deepEqual(missing, []);
  });

  it('derives the table short title from each aliased act’s real title', () => {
    const byFamily = new Map(acts().map((act) => [actFamily(act.title), act.title]));
    for (const alias of ACT_ALIASES) {
      const title = byFamily.get(alias.family);
      assert.ok(title);
      assert.equal(deriveShortTitle(title), alias.shortTitle, title);
    }
  });

  it('derives short titles for well-known acts as the data spells them', () => {
    const titles = new Map(acts().map((act) => [act.id, act.title]));
    const expected: Record<string, string> = {
      '2025:1298': 'Retsplejeloven',
      '2025:1294': 'Straffeloven',
      '2019:775': 'Adoptionsloven',
      '2026:118': 'Færdselsloven',
    };
    for (const [id, shortTitle] of Object.entries(expected)) {
      const title = titles.get(id);
      assert.ok(title, `${id} is not in the corpus`);
      assert.equal(deriveShortTitle(title), shortTitle);
    }
  });

  it('resolves citation names from real cross-references to real families', () => {
    const families = new Set(acts().map((act) => actFamily(act.title)));
    const names = ['retsplejelovens', 'straffelovens', 'rpl', 'forvaltningsloven', 'momsloven'];
    for (const name of names) {
      const keys = actNameCandidates(name);
      assert.ok(keys.some((key) => families.has(key)), `${name}: ${keys.join(', ')}`);
    }
  });
});

describe('analyzer on real provisions', { skip }, () => {
  it('gives ordered spans inside the text, and word spans that analyze to their term', () => {
    const analyzer = analyzerFor('da');
    for (const { content } of firstProvisions(2000)) {
      let previousEnd = 0;
      for (const term of analyzer.positionedTerms(content)) {
        assert.ok(term.start >= previousEnd && term.end <= content.length && term.start < term.end);
        previousEnd = term.end;

        if (/^(?:§|stk\d|nr\d|pkt\d)/u.test(term.term)) continue;
        assert.deepEqual(analyzer.terms(content.slice(term.start, term.end)), [term.term]);
      }
    }
  });

  it('gives positionedTerms and terms the same terms', () => {
    const analyzer = analyzerFor('da');
    for (const { content } of firstProvisions(500)) {
      const positioned = analyzer.positionedTerms(content).map((term) => term.term);
      assert.deepEqual(positioned, analyzer.terms(content));
    }
  });
});

describe('citation parser on real provisions', { skip }, () => {
  it('finds every jf. § N that a plain regex finds in the first 2,000 provisions', () => {
    const plain = /jf\.\s+§\s*(\d+)/gu;
    let found = 0;
    for (const { section, content } of firstProvisions(2000)) {
      const refs = parseCitations(content, { section });
      for (const match of content.matchAll(plain)) {
        const at = match.index + match[0].indexOf('§');
        const ref = refs.find((candidate) => candidate.start === at);
        assert.ok(ref, `no ref at ${at} in: ${content.slice(at - 20, at + 40)}`);
        assert.equal(ref.section.replace(/\p{L}$/u, ''), match[1]);
        found++;
      }
    }
    assert.ok(found > 100, `only ${found} references to compare`);
  });

  it('gives spans inside the text that hold the reference numbers', () => {
    for (const { section, content } of firstProvisions(2000)) {
      for (const ref of parseCitations(content, { section })) {
        assert.ok(ref.start >= 0 && ref.end <= content.length && ref.start < ref.end);
        const text = content.slice(ref.start, ref.end);
        const number = ref.section.replace(/\p{L}$/u, '');
        assert.ok(text.includes(number) || ref.expanded || ref.sameSection, text);
        assert.match(ref.section, /^\d+\p{L}?$/u);
      }
    }
  });
});

describe('no crash and no hang on a 344K-character provision', () => {
  // As long as the longest provision in the corpus. Timed by the runner only.
  const unit =
    '§ 12 a. Efter § 6, stk. 3, i lov om arbejdsløshedsforsikring m.v., ' +
    'jf. §§ 25 a og 25 b, ' +
    'og §§ 10-12 samt straffelovens § 263, stk. 2, nr. 3, 2. pkt., kan Fa\u200Cmilieretshuset ' +
    'border-top: 0pt none #000000; border-left: 1pt solid #000000; i stk. 2 anførte lov om ';
  const provision = unit.repeat(Math.ceil(344_000 / unit.length)).slice(0, 344_000);

  it('analyzes it', () => {
    const terms = analyzerFor('da').positionedTerms(provision);
    assert.ok(terms.length > 10_000);
  });

  it('parses its citations', () => {
    const refs = parseCitations(provision, { section: '12a' });
    assert.ok(refs.length > 10_000);
  });

  it('survives degenerate input: one long word, § runs, lov om runs', () => {
    const analyzer = analyzerFor('da');
    for (const text of [
      'a'.repeat(344_000),
      '§'.repeat(344_000),
      '§§ 1 og '.repeat(43_000),
      'lov om '.repeat(49_000),
      `${'x'.repeat(300_000)} § 5`,
    ]) {
      analyzer.terms(text);
      parseCitations(text, { section: '1' });
    }
  });
});
