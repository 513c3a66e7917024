/** The scale report as Markdown tables, for the terminal and reports/scale-*.md. */
import { maxRateWithin, stepAt, type HttpResult, type ScaleReport, type SizeResult } from './results.js';

const MB = 1024 * 1024;

function mb(bytes: number | undefined): string {
  return bytes === undefined ? '–' : bytes >= 10 * 1024 * MB
    ? `${(bytes / 1024 / MB).toFixed(1)} GB`
    : `${Math.round(bytes / MB)} MB`;
}

function ms(value: number | undefined, digits = 1): string {
  return value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

function seconds(value: number | undefined): string {
  return value === undefined ? '–' : (value / 1000).toFixed(1);
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function buildTable(sizes: SizeResult[]): string {
  return table(
    ['size', 'load avg', 'documents', 'chunks', 'ingest s', 'ingest peak RSS', 'FTS5 build s', 'FTS5 peak RSS',
      'store', 'lexhop index', 'FTS5 index', 'searchable = ingested'],
    sizes.map((s) => [
      s.label, s.loadAverage.map((l) => l.toFixed(1)).join(' / '),
      String(s.ingest.documents), String(s.ingest.chunks),
      seconds(s.ingest.ingestMs + s.ingest.closeMs), mb(s.ingest.peakRssBytes),
      seconds(s.fts5Build?.ms), mb(s.fts5Build?.peakRssBytes),
      mb(s.diskParts.store), mb(s.diskParts.bm25), s.diskParts.fts5 > 0 ? mb(s.diskParts.fts5) : '–',
      s.verify.ok ? 'yes' : `NO (${JSON.stringify(s.verify)})`,
    ]),
  );
}

function sequentialTable(sizes: SizeResult[]): string {
  const rows: string[][] = [];
  for (const s of sizes) {
    for (const engine of ['lexhop', 'fts5'] as const) {
      const result = s.sequential[engine];
      if (result === undefined) continue;
      const kinds = Object.entries(result.byKind)
        .map(([kind, summary]) => `${kind} ${ms(summary?.p50)}/${ms(summary?.p99)}`)
        .join(', ');
      rows.push([
        s.label, engine, String(result.overall.count), seconds(s.open[engine]?.ms),
        ms(s.open[engine]?.statsMs),
        ms(result.overall.mean), ms(result.overall.p50),
        ms(result.overall.p95), ms(result.overall.p99), ms(result.overall.max, 0),
        `${ms(result.cpu?.mean)} / ${ms(result.cpu?.p99)}`, kinds,
      ]);
    }
  }
  return table(
    ['size', 'engine', 'queries', 'open s', 'stats() ms', 'mean ms', 'p50', 'p95', 'p99', 'max',
      'CPU mean / p99', 'p50/p99 by kind'],
    rows,
  );
}

function responseKb(http: HttpResult): string {
  const steps = [...http.paced, ...http.rate, ...http.concurrency].filter((s) => s.completed > 0);
  const completed = steps.reduce((n, s) => n + s.completed, 0);
  const bytes = steps.reduce((n, s) => n + s.bytesPerResponse * s.completed, 0);
  return completed === 0 ? '–' : (bytes / completed / 1024).toFixed(1);
}

/** Best rate within p99 ≤ 100 ms, or `< lowest` when even the first step broke. */
function bestRate(steps: HttpResult['paced']): string {
  if (steps.length === 0) return '–';
  const best = maxRateWithin(steps, 100);
  return best > 0 ? String(Math.round(best)) : `< ${steps[0]?.targetRps ?? steps[0]?.connections}`;
}

function httpRow(s: SizeResult, http: HttpResult): string[] {
  const paced200 = stepAt(http.paced, 200);
  const rate200 = stepAt(http.rate, 200);
  return [
    s.label, http.engine, String(http.workers),
    paced200 === undefined ? '–' : `${ms(paced200.latencyMs.p50)} / ${ms(paced200.latencyMs.p99)}`,
    bestRate(http.paced),
    rate200 === undefined ? '–' : `${ms(rate200.latencyMs.p50)} / ${ms(rate200.latencyMs.p99)}`,
    bestRate(http.rate),
    http.concurrency.length === 0 ? '–' : String(Math.round(maxRateWithin(http.concurrency, 100))),
    http.cached === undefined ? '–' : String(Math.round(http.cached.achievedRps)),
    `${(http.uncachedHitShare * 100).toFixed(2)} %`,
    responseKb(http),
    (http.rssReadyBytes ?? []).map(mb).join(' + '),
    http.rssBytes.map(mb).join(' + '),
  ];
}

function httpTable(sizes: SizeResult[]): string {
  const rows = sizes.flatMap((s) =>
    (['lexhop', 'fts5'] as const).flatMap((engine) => {
      const http = s.http[engine];
      return http === undefined ? [] : [httpRow(s, http)];
    }),
  );
  return table(
    ['size', 'engine', 'workers', 'paced 200/s p50 / p99 ms', 'paced max req/s (p99 ≤ 100)',
      'autocannon 200/s p50 / p99', 'autocannon-rate max req/s (p99 ≤ 100)',
      'closed-loop max req/s (p99 ≤ 100)', 'cached req/s', 'cache hits under uncached load',
      'response KB', 'server RSS when ready (primary + workers)', 'server RSS after load'],
    rows,
  );
}

function sideBySide(sizes: SizeResult[]): string {
  const rows = sizes.flatMap((s) => {
    if (s.ratio === undefined) return [];
    const lexhopRps = s.http.lexhop === undefined ? 0 : maxRateWithin(s.http.lexhop.paced, 100);
    const ftsRps = s.http.fts5 === undefined ? 0 : maxRateWithin(s.http.fts5.paced, 100);
    return [[
      s.label, String(s.ratio.queries), `${s.ratio.p50.toFixed(1)}×`, `${s.ratio.p95.toFixed(1)}×`, `${s.ratio.p99.toFixed(1)}×`,
      `${s.ratio.medianPerQuery.toFixed(1)}×`,
      ftsRps > 0 ? `${(lexhopRps / ftsRps).toFixed(1)}×` : lexhopRps > 0 ? '∞ (FTS5 < 100/s)' : '–',
    ]];
  });
  return table(
    ['size', 'queries', 'FTS5 ÷ lexhop p50', 'p95', 'p99', 'median per-query ratio',
      'lexhop ÷ FTS5 paced req/s (p99 ≤ 100)'],
    rows,
  );
}

function checksTable(sizes: SizeResult[]): string {
  return table(
    ['size', 'sampled', 'first by name', 'of which matched as citation', 'first by section in document',
      'either', 'first by name, per type'],
    sizes.flatMap((s) => {
      const c = s.citations;
      if (c === undefined) return [];
      const types = Object.entries(c.byNameShare)
        .map(([type, share]) => `${type} ${share.found}/${share.sampled}`)
        .join(', ');
      return [[
        s.label, String(c.sampled), String(c.byName), String(c.byNameAsCitation), String(c.byKey),
        String(c.either), types,
      ]];
    }),
  );
}

function growthTable(report: ScaleReport): string {
  if (report.growth === undefined || Object.keys(report.growth).length === 0) return '';
  return table(
    ['measure', 'grows as chunks^b, b =', 'extrapolated to 10M chunks'],
    Object.entries(report.growth).map(([name, fit]) => [
      name, fit.exponent.toFixed(2),
      name.endsWith('bytes') ? mb(fit.at10M) : name.endsWith('ms') ? ms(fit.at10M) : fit.at10M.toFixed(0),
    ]),
  );
}

/** The whole report as Markdown. */
export function renderMarkdown(report: ScaleReport): string {
  const m = report.machine;
  const sections = [
    `# lexhop scale benchmark, ${report.startedAt}`,
    `${m.cpus} × ${m.cpuModel}, ${mb(m.memoryBytes)} RAM, Node ${m.node}, ${m.platform}. ` +
      `Corpus \`${report.corpus}\`; query mix \`${report.mix.file}\` ` +
      `(${report.mix.queries} queries, seed ${report.mix.seed}).`,
    '## Build', buildTable(report.sizes),
    '## In-process search latency (sequential, ms)', sequentialTable(report.sizes),
    '## HTTP (load generator in a separate process, loopback)', httpTable(report.sizes),
    '## Side by side: SQLite FTS5 peer vs lexhop', sideBySide(report.sizes),
    '## Nothing lost: random provisions by citation', checksTable(report.sizes),
  ];
  const growth = growthTable(report);
  if (growth !== '') sections.push('## Growth with the corpus', growth);
  if (report.notes.length > 0) sections.push('## Notes', report.notes.map((n) => `- ${n}`).join('\n'));
  return `${sections.join('\n\n')}\n`;
}
