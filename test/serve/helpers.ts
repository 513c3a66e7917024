/** Shared pieces of the serve tests: temporary data folders and a small corpus. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DocumentInput } from '../../src/api.js';
import type { FastifyInstance } from 'fastify';
import { openLexhop, type Lexhop } from '../../src/lexhop.js';
import { parseTenantTokens } from '../../src/serve/http/auth.js';
import { buildServer } from '../../src/serve/http/server.js';

/** A fresh folder under the system temp folder; removed by the returned function. */
export async function tempFolder(prefix = 'lexhop-serve-'): Promise<{
  folder: string;
  remove: () => Promise<void>;
}> {
  const folder = await mkdtemp(path.join(tmpdir(), prefix));
  return { folder, remove: () => rm(folder, { recursive: true, force: true }) };
}

/** A real facade over a new, empty data folder. */
export async function openTemp(): Promise<{
  lexhop: Lexhop;
  dataDir: string;
  remove: () => Promise<void>;
}> {
  const { folder, remove } = await tempFolder();
  const dataDir = path.join(folder, 'data');
  const lexhop = await openLexhop({ dataDir });
  return { lexhop, dataDir, remove };
}

/**
 * A real server over a new data folder with one unbound token and one token
 * for each of the tenants acme and beta; `close` stops it and removes the folder.
 */
export async function openTenantServer(tokens: { admin: string; acme: string; beta: string }):
Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const temp = await openTemp();
  const app = await buildServer({
    lexhop: temp.lexhop,
    apiTokens: [tokens.admin],
    tenantTokens: parseTenantTokens([`acme=${tokens.acme}`, `beta=${tokens.beta}`]),
    refreshIntervalMs: 0,
  });
  return {
    app,
    close: async () => {
      await app.close();
      await temp.remove();
    },
  };
}

/** A contract document in the form POST /v1/documents takes. */
export const contract = (key: string, text: string): object =>
  ({ key, title: `Aftale ${key}`, docType: 'contract', language: 'da', text });

/** Two small acts the tests search in. */
export const leaseAct: DocumentInput = {
  key: 'test:lejeloven',
  title: 'Lov om leje af boliger',
  docType: 'LOV',
  language: 'da',
  issuedDate: '2022-06-01',
  text:
    '§ 1. Loven gælder for leje af boliger og lokaler.\n' +
    '§ 2. Opsigelse af et lejemål skal ske skriftligt med tre måneders varsel.\n' +
    'Stk. 2. Udlejeren kan kun opsige lejemålet af de grunde, loven nævner.\n',
};

export const trafficAct: DocumentInput = {
  key: 'test:faerdselsloven',
  title: 'Lov om færdsel',
  docType: 'LOV',
  language: 'da',
  issuedDate: '2021-03-15',
  text:
    '§ 1. Loven gælder for færdsel på veje.\n' +
    '§ 2. En cyklist skal holde til højre på kørebanen.\n',
};

/** A statute dump line in the retsinformation JSON Lines format. */
export function statuteLine(id: string, title: string, provisions: [string, string][]): string {
  return JSON.stringify({
    id,
    title,
    short_name: 'LOV H#TEST',
    status: 'in_force',
    issued_date: '2023-01-01',
    url: `https://example.invalid/${id}`,
    provisions: provisions.map(([section, content]) => ({
      ref: `1:${section}`,
      chapter: '1',
      section,
      content,
    })),
  });
}

/** Writes a small corpus: one JSON Lines statute file and one Markdown contract. */
export async function writeCorpus(folder: string): Promise<string> {
  const corpus = path.join(folder, 'corpus');
  await mkdir(corpus, { recursive: true });
  await writeFile(
    path.join(corpus, 'laws.jsonl'),
    [
      statuteLine('2023:1', 'Lov om leje af boliger', [
        ['1', '§ 1. Loven gælder for leje af boliger.'],
        ['2', '§ 2. Opsigelse af et lejemål skal ske skriftligt med tre måneders varsel.'],
      ]),
      statuteLine('2023:2', 'Lov om færdsel', [
        ['1', '§ 1. En cyklist skal holde til højre på kørebanen.'],
      ]),
    ].join('\n') + '\n',
  );
  await writeFile(
    path.join(corpus, 'nda.md'),
    '# Confidentiality agreement\n\n## 1. Definitions\n\nConfidential information means ' +
      'any information disclosed by either party.\n\n## 2. Term\n\nThis agreement lasts ' +
      'for five years.\n',
  );
  return corpus;
}
