/** Evaluation reports: a Markdown table per subset, and the JSON document behind it. */
import type { SubsetReport } from './run.js';

/** The JSON report of an evaluation run. */
export interface EvalReport {
  benchmark: string;
  folder: string;
  createdAt: string;
  subsets: SubsetReport[];
}

function percent(value: number): string {
  return (value * 100).toFixed(1);
}

/** A Markdown table of one subset: a row per run, P@k then R@k for every k, in percent. */
export function subsetTable(report: SubsetReport): string {
  const { ks } = report;
  const header = ['run', 'engine', ...ks.map((k) => `P@${k}`), ...ks.map((k) => `R@${k}`), 'ms/q'];
  const align = ['---', '---', ...header.slice(2).map(() => '---:')];
  const rows = report.runs.map((run) => [
    run.label,
    run.engineName,
    ...run.score.precision.map(percent),
    ...run.score.recall.map(percent),
    run.search.meanMs.toFixed(1),
  ]);
  const title = `${report.subset}: ${report.queries} queries, ${report.documents} documents, ` +
    `${report.chunks} chunks (precision and recall in %)`;
  return [title, '', ...[header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`)]
    .join('\n');
}

/** Problems a run's self-checks found, one line each; empty when there are none. */
export function checkWarnings(report: SubsetReport): string[] {
  const warnings = report.skipped.map((s) =>
    `${report.subset}: ${s.file} was not ingested (${s.code}: ${s.message})`);
  for (const run of report.runs) {
    const { hits, unmappedHits, textMismatches } = run.checks;
    if (unmappedHits > 0) {
      warnings.push(`${report.subset} ${run.label}: ${unmappedHits} of ${hits} hits ` +
        'name a document that is not a benchmark file');
    }
    if (textMismatches > 0) {
      warnings.push(`${report.subset} ${run.label}: ${textMismatches} of ${hits} hits ` +
        'hold text that differs from the file at their offsets');
    }
    if (run.score.skipped > 0) {
      warnings.push(`${report.subset} ${run.label}: ${run.score.skipped} queries without ` +
        'ground-truth characters were left out');
    }
  }
  return warnings;
}
