/** Shared helpers of the ingest tests: temp folders, event collection, the corpus. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import type { LoadEvent, SkippedInput, SourceDocument } from '../../src/types.js';

/** A fresh temp folder, removed when the test file ends. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lexhop-ingest-'));
  after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function collect(events: AsyncIterable<LoadEvent>): Promise<LoadEvent[]> {
  const all: LoadEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

export function documentsOf(events: LoadEvent[]): SourceDocument[] {
  return events.flatMap((event) => (event.kind === 'document' ? [event.document] : []));
}

export function skippedOf(events: LoadEvent[]): SkippedInput[] {
  return events.flatMap((event) => (event.kind === 'skipped' ? [event.skipped] : []));
}

/** A retsinformation record as the export writes it. */
export function record(
  id: string,
  provisions: { section: string; content: string; chapter?: string | null }[],
  title = `Lov om prøve ${id}`,
): Record<string, unknown> {
  return {
    id,
    title,
    short_name: 'LOV H#LOKDOK03',
    status: 'in_force',
    issued_date: '2024-01-02',
    url: `https://www.retsinformation.dk/eli/lta/${id.replace(':', '/')}`,
    provisions: provisions.map((p) => ({
      ref: `${p.chapter ?? ''}:${p.section}`,
      chapter: p.chapter ?? null,
      section: p.section,
      content: p.content,
    })),
  };
}

export function jsonLines(records: unknown[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** The shared Danish statute corpus, or undefined (with the reason) when absent. */
export function corpusFile(name: string): string | undefined {
  const file = path.resolve(process.cwd(), '../shared/corpus/dk-laws', name);
  return existsSync(file) ? file : undefined;
}
