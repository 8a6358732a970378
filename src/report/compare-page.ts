/**
 * The HTML page of a comparison (index.html of its report folder): the
 * side-by-side sections with the differences coloured by significance,
 * the charts, and each scenario's inputs.
 */
import type { CompareResult, ComparedScenario, KpiDifference } from '../experiment/compare.js';
import type { Estimate } from '../experiment/estimate.js';
import type { Unit } from '../model/kpis.js';
import type { ScenarioFacts } from '../results/run-context.js';
import type { Chart } from './charts/common.js';
import type { CompareSection } from './compare-sections.js';
import { compareSections, formatDifference, verdictOf } from './compare-sections.js';
import { formatValue } from './format.js';
import { escapeHtml, htmlPage } from './html.js';

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
