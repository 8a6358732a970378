/**
 * A comparison of scenarios for people: the side-by-side table (terminal,
 * Markdown, HTML), the CSV of every difference, and the report folder
 * (index.html, compare.json, compare.csv, charts/).
 */
import { basename, join } from 'node:path';
import type { CompareResult, ComparedScenario, KpiDifference } from '../experiment/compare.js';
import { COMPARED_KPIS, estimatesOf } from '../experiment/compare.js';
import type { Estimate } from '../experiment/estimate.js';
import { CCSIM_VERSION } from '../experiment/version.js';
import type { Unit } from '../model/kpis.js';
import { KPI_BY_NAME } from '../model/kpis.js';
import type { ScenarioFacts } from '../results/run-context.js';
import type { Chart } from './charts/common.js';
import { compareCharts } from './charts/compare-charts.js';
import { formatValue, table } from './format.js';
import { escapeHtml, htmlPage } from './html.js';
import { csvCell, csvNumber } from './kpi-csv.js';
import type { ReportFiles } from './write-report.js';
import { chartFiles, slug, writeFiles } from './write-report.js';

/** Which way is better, for colouring significant differences; KPIs not listed are neither. */
const BETTER: Readonly<Record<string, 'higher' | 'lower'>> = {
  answered: 'higher',
  serviceLevel: 'higher',
  asa: 'lower',
  waitP90: 'lower',
  abandonRate: 'lower',
  blocked: 'lower',
  cost: 'lower',
};

/** Shown only when some scenario has a non-zero value. */
const OPTIONAL = new Set(['blocked', 'cost']);

export type Verdict = 'better' | 'worse' | 'changed' | 'same';

/** Whether a difference is a significant improvement, deterioration, or change without a better way. */
export function verdictOf(d: KpiDifference): Verdict {
  if (!d.significant || d.difference.mean === null) return 'same';
  const better = BETTER[d.kpi];
  if (better === undefined) return 'changed';
  return d.difference.mean > 0 === (better === 'higher') ? 'better' : 'worse';
}

/** A difference with its sign, in its unit (fractions in percentage points); without the unit's suffix when `bare`. */
export function formatDifference(value: number | null, unit: Unit, bare = false): string {
  if (value === null) return '–';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  const size = Math.abs(value);
  if (unit === 'fraction') return `${sign}${(100 * size).toFixed(1)}${bare ? '' : ' pp'}`;
  if (unit === 'seconds') return `${sign}${size.toFixed(1)}${bare ? '' : 's'}`;
  return `${sign}${formatValue(size, unit)}`;
}

/** `+18.4 pp [+15.3, +21.6]`: the difference with its interval. */
export function formatDifferenceEstimate(e: Estimate, unit: Unit): string {
  if (e.mean === null) return '–';
  const mean = formatDifference(e.mean, unit);
  if (e.lo === null || e.hi === null) return mean;
  return `${mean} [${formatDifference(e.lo, unit, true)}, ${formatDifference(e.hi, unit, true)}]`;
}

/** `yes (p < 0.001)`, `no (p = 0.42)`, or `–` without an interval. */
export function formatSignificance(d: KpiDifference | undefined): string {
  if (d === undefined || d.difference.lo === null) return '–';
  const word = d.significant ? 'yes' : 'no';
  if (d.pValue === null) return word;
  return `${word} (p ${d.pValue < 0.001 ? '< 0.001' : `= ${d.pValue.toFixed(3)}`})`;
}

export interface CompareRow {
  readonly kpi: string;
  readonly label: string;
  readonly unit: Unit;
  readonly baseline: Estimate | undefined;
  /** One per scenario after the baseline; undefined where it lacks the view. */
  readonly others: ReadonlyArray<{
    readonly value: Estimate | undefined;
    readonly difference: KpiDifference | undefined;
  }>;
}

export interface CompareSection {
  /** "All calls" or "Call type <name>". */
  readonly title: string;
  readonly callType: string | null;
  readonly rows: readonly CompareRow[];
}

/**
 * The tables of a comparison: all calls, then (with more than one call
 * type) each call type of the baseline. Optional KPIs (blocked, cost) only
 * when some scenario has them.
 */
export function compareSections(result: CompareResult): CompareSection[] {
  const [base, ...others] = result.scenarios;
  // Call types of the baseline that some other scenario has too (own keys: a call type may be
  // named like an object property, `toString`, which a plain lookup would find on the prototype).
  const callTypes = Object.keys(base.result.byCallType).filter((name) =>
    others.some((s) => Object.hasOwn(s.result.byCallType, name)),
  );
  const views: Array<string | null> = [null, ...(callTypes.length > 1 ? callTypes : [])];
  return views.map((callType) => {
    const all = result.scenarios.map((s) => estimatesOf(s, callType));
    const rows: CompareRow[] = [];
    for (const kpi of COMPARED_KPIS) {
      const def = KPI_BY_NAME.get(kpi);
      const baseline = all[0]?.[kpi];
      if (def === undefined || baseline === undefined) continue;
      if (OPTIONAL.has(kpi) && !all.some((e) => (e?.[kpi]?.mean ?? 0) !== 0)) continue;
      rows.push({
        kpi,
        label: def.label,
        unit: def.unit,
        baseline,
        others: others.map((s, k) => ({
          value: all[k + 1]?.[kpi],
          difference: result.differences.find(
            (d) => d.scenario === s.label && d.callType === callType && d.kpi === kpi,
          ),
        })),
      });
    }
    return { title: callType === null ? 'All calls' : `Call type ${callType}`, callType, rows };
  });
}

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

const EXTRA_STYLE = `<style>
td.better { color: var(--met); background: var(--met-bg); font-weight: 600; }
td.worse { color: var(--missed); background: var(--missed-bg); font-weight: 600; }
td.changed { color: #0550ae; background: #ddf4ff; font-weight: 600; }
td.same { color: var(--muted); }
.wide { overflow-x: auto; }
table.compare th { white-space: normal; min-width: 6em; max-width: 13em; vertical-align: bottom; }
th.scenario { border-left: 2px solid #d0d7de; }
td.scenario { border-left: 2px solid #d0d7de; }
</style>`;

function estimateHtml(e: Estimate | undefined, unit: Unit): string {
  if (e === undefined || e.mean === null) return '–';
  const ci =
    e.lo === null || e.hi === null
      ? ''
      : `<br><span class="ci">${escapeHtml(`${formatValue(e.lo, unit)} – ${formatValue(e.hi, unit)}`)}</span>`;
  return `${escapeHtml(formatValue(e.mean, unit))}${ci}`;
}

function differenceHtml(d: KpiDifference | undefined, unit: Unit): string {
  if (d === undefined || d.difference.mean === null) return '–';
  const e = d.difference;
  const ci =
    e.lo === null || e.hi === null
      ? ''
      : `${formatDifference(e.lo, unit, true)} to ${formatDifference(e.hi, unit)}`;
  const relative =
    d.relative === null
      ? ''
      : ` (${d.relative > 0 ? '+' : d.relative < 0 ? '−' : ''}${(100 * Math.abs(d.relative)).toFixed(1)}%)`;
  return `${escapeHtml(formatDifference(e.mean, unit))}<br><span class="ci">${escapeHtml(ci + relative)}</span>`;
}

function significanceHtml(d: KpiDifference | undefined): string {
  if (d === undefined) return '<td class="same">–</td>';
  const verdict = verdictOf(d);
  const word = { better: 'yes, better', worse: 'yes, worse', changed: 'yes', same: 'no' }[verdict];
  const p =
    d.pValue === null
      ? ''
      : `<br><span class="ci">p ${d.pValue < 0.001 ? '< 0.001' : `= ${d.pValue.toFixed(3)}`}</span>`;
  return `<td class="${verdict}">${word}${p}</td>`;
}

function sectionTable(result: CompareResult, section: CompareSection): string {
  const [base, ...others] = result.scenarios;
  const head = `<tr><th>KPI</th><th>${escapeHtml(base.label)}<br><span class="ci">baseline</span></th>${others
    .map(
      (s) =>
        `<th class="scenario">${escapeHtml(s.label)}</th><th>Difference<br><span class="ci">${Math.round(result.confidenceLevel * 100)}% CI (relative)</span></th><th>Significant</th>`,
    )
    .join('')}</tr>`;
  const body = section.rows
    .map(
      (row) =>
        `<tr><td>${escapeHtml(row.label)}</td><td>${estimateHtml(row.baseline, row.unit)}</td>${row.others
          .map(
            (o) =>
              `<td class="scenario">${estimateHtml(o.value, row.unit)}</td><td>${differenceHtml(o.difference, row.unit)}</td>${significanceHtml(o.difference)}`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  return `<h3>${escapeHtml(section.title)}</h3>
<div class="wide"><table class="compare"><thead>${head}</thead>
<tbody>
${body}
</tbody></table></div>`;
}

function scenarioInputs(s: ComparedScenario, facts: ScenarioFacts | undefined, baseline: boolean): string {
  const text =
    facts === undefined
      ? ''
      : `<details><summary>Scenario as run</summary>\n<pre>${escapeHtml(facts.text)}</pre>\n</details>`;
  return `<h3>${escapeHtml(s.label)}${baseline ? ' (baseline)' : ''}</h3>
<dl>
<dt>Name</dt><dd>${escapeHtml(s.name)}</dd>
<dt>File</dt><dd><code>${escapeHtml(s.file)}</code></dd>
<dt>Scenario hash</dt><dd><code>${escapeHtml(s.hash.slice(0, 16))}</code></dd>
<dt>Measured</dt><dd>${escapeHtml(s.result.byInterval[0]?.interval ?? '')}–${escapeHtml(s.result.byInterval[s.result.byInterval.length - 1]?.end ?? '')}, ${s.result.byInterval.length} intervals; service level within ${s.result.serviceLevel.threshold} s</dd>
<dt>Simulated calls</dt><dd>${s.result.performance.simulatedCalls.toLocaleString('en')}</dd>
</dl>
${text}`;
}

export interface ComparePageInput {
  readonly result: CompareResult;
  /** The scenarios' facts, in the order of `result.scenarios` (for the scenario texts). */
  readonly scenarios: readonly ScenarioFacts[];
  readonly charts: readonly Chart[];
  readonly version: string;
}

/** The HTML page of a comparison. */
export function comparePage(input: ComparePageInput): string {
  const { result } = input;
  const [base, ...others] = result.scenarios;
  const pct = `${Math.round(result.confidenceLevel * 100)}%`;
  const summary = `${EXTRA_STYLE}
<section id="summary"><h2>Side by side</h2>
${compareSections(result)
  .map((section) => sectionTable(result, section))
  .join('\n')}
<p class="note">Every scenario ran the same ${result.replications} replications with seed ${result.seed}: replication r of each saw the same calls (common random numbers). Each difference is estimated from the paired replications, with its ${pct} confidence interval; it is <em>significant</em> when that interval excludes 0 (green: better, red: worse, blue: a change with no better direction). Fractions differ in percentage points (pp); the relative change is in parentheses. Ratio KPIs (service level, ASA, abandonment, occupancy) are ratios of sums over replications, as in <code>ccsim run</code>, with a paired delta-method interval.</p>
</section>`;
  const inputs = `<section id="inputs"><h2>Inputs</h2>
<dl>
<dt>Seed</dt><dd>${result.seed}</dd>
<dt>Replications</dt><dd>${result.replications} per scenario</dd>
<dt>Confidence level</dt><dd>${pct} (Student t over paired replications)</dd>
<dt>ccsim</dt><dd>${escapeHtml(input.version)}</dd>
</dl>
${result.scenarios.map((s, i) => scenarioInputs(s, input.scenarios[i], i === 0)).join('\n')}
</section>`;
  return htmlPage({
    title: `${base.label} vs ${others.map((s) => s.label).join(', ')}`,
    subtitle: `ccsim compare · seed ${result.seed} · ${result.replications} replications per scenario · paired differences, ${pct} CI`,
    before: summary,
    charts: input.charts,
    after: inputs,
    linkFiles: true,
  });
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
