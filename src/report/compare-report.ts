/**
 * A comparison of scenarios for people: the side-by-side table (terminal,
 * Markdown; the HTML page is in compare-page.ts), the CSV of every
 * difference, and the report folder (index.html, compare.json,
 * compare.csv, charts/).
 */
import { basename, join } from 'node:path';
import type { CompareResult } from '../experiment/compare.js';
import { CCSIM_VERSION } from '../experiment/version.js';
import type { ScenarioFacts } from '../results/run-context.js';
import { compareCharts } from './charts/compare-charts.js';
import { comparePage } from './compare-page.js';
import type { CompareRow } from './compare-sections.js';
import { compareSections, formatDifferenceEstimate, formatSignificance } from './compare-sections.js';
import { formatValue, table } from './format.js';
import { csvCell, csvNumber } from './kpi-csv.js';
import type { ReportFiles } from './write-report.js';
import { chartFiles, slug, writeFiles } from './write-report.js';

/** Longest scenario label that heads a column; longer ones are replaced by letters A, B, C … */
const MAX_HEADER = 20;

/** Column names of the scenarios: their labels when short, otherwise letters (with a legend). */
function columnNames(result: CompareResult): string[] {
  const labels = result.scenarios.map((s) => s.label);
  return labels.every((l) => l.length <= MAX_HEADER)
    ? labels
    : labels.map((_, i) => (i < 26 ? String.fromCharCode(65 + i) : `S${i + 1}`));
}

function headerOf(result: CompareResult): string[] {
  const [base, ...others] = columnNames(result);
  const lettered = base !== result.scenarios[0].label;
  return [
    'KPI',
    `${base} (baseline)`,
    ...others.flatMap((name) => [
      name,
      lettered ? `${name} − ${base}` : others.length > 1 ? `${name} − baseline` : 'difference',
      'significant',
    ]),
  ];
}

function cellsOf(row: CompareRow): string[] {
  return [
    row.label,
    formatValue(row.baseline?.mean ?? null, row.unit),
    ...row.others.flatMap((o) => [
      formatValue(o.value?.mean ?? null, row.unit),
      o.difference === undefined ? '–' : formatDifferenceEstimate(o.difference.difference, row.unit),
      formatSignificance(o.difference),
    ]),
  ];
}

function introOf(result: CompareResult): string {
  const pct = `${Math.round(result.confidenceLevel * 100)}%`;
  return `${result.scenarios.length} scenarios on the same calls: ${result.replications} replication(s) each, seed ${result.seed}; differences paired by replication, ${pct} confidence intervals`;
}

/** Which scenario is which: column name (when lettered), label, file; the baseline first. */
function legendRows(result: CompareResult): string[][] {
  const names = columnNames(result);
  const lettered = names[0] !== result.scenarios[0].label;
  return result.scenarios.map((s, i) => [
    ...(lettered ? [names[i]] : []),
    i === 0 ? 'baseline' : 'compared',
    s.label,
    s.file,
  ]);
}

/** The comparison as aligned plain-text tables (the CLI's default output). */
export function compareText(result: CompareResult): string {
  const legend = legendRows(result);
  const widths = legend[0].map((_, c) => Math.max(...legend.map((r) => r[c].length)));
  let out = `${introOf(result)}\n`;
  for (const row of legend)
    out += `  ${row
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd()}\n`;
  for (const section of compareSections(result)) {
    out += `\n${section.title}\n`;
    out += table(headerOf(result), section.rows.map(cellsOf));
  }
  out += `\nsignificant: the interval of the difference excludes 0 (p: paired t-test); fractions differ in percentage points (pp)\n`;
  return out;
}

function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The comparison as Markdown tables (`ccsim compare --format md`). */
export function compareMarkdown(result: CompareResult): string {
  const header = headerOf(result);
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  const numeric = `|${header.map((_, c) => (c === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
  const legend = legendRows(result).map((row) => {
    const [name, role, label, file] = row.length === 4 ? row : ['', ...row];
    return `- ${name === '' ? '' : `**${name}**: `}${markdownCell(label)} (\`${file}\`)${role === 'baseline' ? ', the baseline' : ''}`;
  });
  const sections = compareSections(result).map((section) => {
    const lines = [line(header), numeric, ...section.rows.map((r) => line(cellsOf(r)))];
    return `### ${section.title}\n\n${lines.join('\n')}\n`;
  });
  return `${introOf(result)}.\n\n${legend.join('\n')}\n\n${sections.join('\n')}\nSignificant: the confidence interval of the difference excludes 0 (p: paired t-test). Fractions differ in percentage points (pp).\n`;
}

/** Every difference as CSV: one row per (scenario, view, KPI); numbers rounded as csvNumber says (compare.json keeps every digit). */
export function compareCsv(result: CompareResult): string {
  const header = [
    'scenario',
    'baseline',
    'call_type',
    'kpi',
    'unit',
    'baseline_mean',
    'baseline_lo',
    'baseline_hi',
    'value_mean',
    'value_lo',
    'value_hi',
    'difference',
    'difference_lo',
    'difference_hi',
    'relative',
    'significant',
    'p_value',
    'pairs',
  ];
  const base = result.scenarios[0].label;
  const lines = [header.join(',')];
  for (const d of result.differences) {
    const cells: Array<string | number | null> = [
      d.scenario,
      base,
      d.callType ?? 'all',
      d.kpi,
      d.unit,
      ...[d.baseline, d.value, d.difference].flatMap((e) =>
        [e.mean, e.lo, e.hi].map((v) => csvNumber(v, d.unit)),
      ),
      csvNumber(d.relative),
      d.significant ? 'yes' : 'no',
      csvNumber(d.pValue),
      d.pairs,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** `reports/compare-<baseline>-vs-<other>[-vs-<other>…]`, from the scenario names (or file names when they repeat). */
export function defaultCompareDirectory(result: CompareResult): string {
  const names = result.scenarios.map((s) => s.name);
  const parts = result.scenarios.map((s) =>
    names.filter((n) => n === s.name).length > 1
      ? slug(basename(s.file).replace(/\.[^.]*$/, ''))
      : slug(s.name),
  );
  return join('reports', `compare-${parts.join('-vs-')}`);
}

/**
 * A comparison's folder: index.html (self-contained), charts/ (SVG, PNG and
 * Vega-Lite spec of each chart), compare.json and compare.csv. Everything is
 * rendered before the first file is written.
 */
export async function writeCompareReport(
  result: CompareResult,
  scenarios: readonly ScenarioFacts[],
  directory: string,
): Promise<ReportFiles> {
  const charts = compareCharts(result, scenarios);
  // A chart Vega warns about is still drawn; the warnings go back to the caller, the report is kept.
  const warnings: string[] = [];
  const rendered = await chartFiles(charts, (w) => warnings.push(w));
  const files = writeFiles(directory, [
    ['index.html', comparePage({ result, scenarios, charts, version: CCSIM_VERSION })],
    ...rendered,
    ['compare.json', `${JSON.stringify(result, null, 2)}\n`],
    ['compare.csv', compareCsv(result)],
  ]);
  return warnings.length === 0 ? files : { ...files, warnings };
}
