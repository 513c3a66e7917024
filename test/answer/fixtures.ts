/** Opens the test acts (see acts.ts) in a fresh temporary data folder per test file. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openLexhop, type Lexhop } from '../../src/lexhop.js';
import { BENEFIT_ACT, TENANCY_ACT } from './acts.js';

export { BENEFIT_ACT, INJECTION_ACT, TENANCY_ACT } from './acts.js';

export interface Fixture {
  lexhop: Lexhop;
  dir: string;
  close(): Promise<void>;
}

/** Opens a fresh data folder with the given acts ingested. */
export async function openFixture(acts: string[] = [TENANCY_ACT, BENEFIT_ACT]): Promise<Fixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lexhop-answer-'));
  const file = path.join(dir, 'acts.jsonl');
  await writeFile(file, `${acts.join('\n')}\n`);
  const lexhop = await openLexhop({ dataDir: path.join(dir, 'data') });
  const summary = await lexhop.ingest([file]);
  if (summary.skipped.length > 0) {
    throw new Error(`fixture skipped: ${JSON.stringify(summary.skipped)}`);
  }
  return {
    lexhop,
    dir,
    close: async () => {
      // A test may have closed it already to let a command open the folder.
      await lexhop.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Chunk ids of a provision, e.g. `provisionChunks(lexhop, 'lov om prøvelejeboliger', '11')`. */
export function provisionChunks(lexhop: Lexhop, act: string, section: string): number[] {
  const chunks = lexhop.lookupCitation({ act, section, start: 0, end: 0 });
  if (chunks.length === 0) throw new Error(`no chunks for ${act} § ${section}`);
  return chunks.map((chunk) => chunk.id);
}
