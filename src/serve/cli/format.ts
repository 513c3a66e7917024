/** How results read on a terminal: numbered hits, summaries, stats. */
import type { LexhopStats } from '../../api.js';
import type {
  IngestSummary,
  QueryCitation,
  SearchHit,
  SearchResponse,
} from '../../retrieve/types.js';

const BOLD = '\u001b[1m';
const NORMAL = '\u001b[22m';

/** Skips listed one by one; the rest are counted (`--json` has them all). */
export const SKIPS_SHOWN = 20;

/** On a terminal `«term»` turns bold; elsewhere the marks stay, so pipes keep them. */
export function renderHighlights(snippet: string, tty: boolean): string {
  if (!tty) return snippet;
  return snippet.replace(/«([^»]*)»/gu, `${BOLD}$1${NORMAL}`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function formatHit(hit: SearchHit, rank: number, tty: boolean): string {
  const label = tty ? `${BOLD}${hit.citation}${NORMAL}` : hit.citation;
  const { title, docType, issuedDate, tenant } = hit.document;
  const owner = tenant === undefined ? undefined : `tenant ${tenant}`;
  const document = [title, docType, issuedDate, owner]
    .filter((part) => part !== undefined && part !== '')
    .join(' · ');
  const historical = hit.document.current ? '' : ' (not current)';
  const matched = hit.matchedBy === 'citation' ? ' · cited' : '';

  return [
    `${rank}. ${label}  score ${hit.score.toFixed(2)}${matched}`,
    `   ${document}${historical} · chars ${hit.start}–${hit.end} · chunk ${hit.chunkId}`,
    `   ${renderHighlights(oneLine(hit.snippet), tty)}`,
  ].join('\n');
}

/** Search results for a person: a header, then each hit with its place and snippet. */
/** `12a` → `§ 12 a`, with the subsection when one was asked. */
function writtenCitation(citation: QueryCitation): string {
  const section = `§ ${citation.section.replace(/^(\d+)(\p{L}+)$/u, '$1 $2')}`;
  return citation.subsection === undefined ? section : `${section}, stk. ${citation.subsection}`;
}

/** A line for each citation that did not find what it named: a lawyer must not miss that. */
function citationNotes(citations: readonly QueryCitation[]): string[] {
  return citations.flatMap((citation) => {
    const cited = writtenCitation(citation);
    const act = citation.actName ?? (citation.act === undefined ? 'the act' : `"${citation.act}"`);
    switch (citation.outcome) {
      case 'found':
        return [];
      case 'no-subsection':
        return [`note: ${act} has no ${cited}; the whole § is shown`];
      case 'no-section':
        return [`note: ${act} has no ${cited}; the hits match the words only`];
      case 'out-of-scope':
        return [`note: no version of ${act} is in force on that date or passes the filters; ` +
          'the hits match the words only'];
      case 'unknown-act':
        return [`note: no act is named ${act}; the hits match the words only`];
      case 'no-act':
        return [`note: ${cited} names no act (write "${cited} i lov om …" or use --act)`];
    }
  });
}

export function formatSearch(response: SearchResponse, offset: number, tty: boolean): string {
  const count = response.hits.length;
  const header = [
    `${count} ${count === 1 ? 'hit' : 'hits'} in ${response.tookMs.toFixed(1)} ms`,
    ...citationNotes(response.citations),
  ].join('\n');
  if (count === 0) return `${header}\n`;

  const hits = response.hits.map((hit, index) => formatHit(hit, offset + index + 1, tty));
  return `${header}\n\n${hits.join('\n\n')}\n`;
}

function location(skip: IngestSummary['skipped'][number]): string {
  return skip.line === undefined ? skip.file : `${skip.file}:${skip.line}`;
}

/** What an ingest did: counts and time, then the first skips with their reasons. */
export function formatIngest(summary: IngestSummary): string {
  const seconds = (summary.ms / 1000).toFixed(1);
  const lines = [
    `ingested ${summary.documents} documents, ${summary.chunks} chunks ` +
      `(${summary.unchanged} unchanged, ${summary.skipped.length} skipped) in ${seconds} s`,
  ];

  if (summary.skipped.length > 0) {
    lines.push('skipped:');
    for (const skip of summary.skipped.slice(0, SKIPS_SHOWN)) {
      lines.push(`  ${location(skip)} ${skip.code} ${skip.message}`);
    }
    const more = summary.skipped.length - SKIPS_SHOWN;
    if (more > 0) lines.push(`  … and ${more} more (--json lists them all)`);
  }
  return `${lines.join('\n')}\n`;
}

/** Stats as aligned `name  value` lines. */
export function formatStats(stats: LexhopStats): string {
  const rows: [string, string | number][] = [
    ['documents', stats.documents],
    ['current documents', stats.currentDocuments],
    ['chunks', stats.chunks],
    ['searchable chunks', stats.searchableChunks],
    ['engine', stats.engine],
    ['data folder', stats.dataDir],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return `${rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n')}\n`;
}

/** Bytes as a person reads them: `512 B`, `3.4 MB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
