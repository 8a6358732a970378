/**
 * The HTML page of a run: summary first (headline KPIs with their CIs,
 * green or red against the scenario's targets; then per call type), the
 * charts, then the inputs (scenario as run, seed, replications, version).
 */
import type { RunResult } from '../experiment/run-result.js';
import type { ScenarioFacts } from '../results/run-context.js';
import type { Chart } from './charts/common.js';
import { AVAILABILITY_HEADER, availabilityRows, formatEstimate, formatValue } from './format.js';
import type { HeadlineRow } from './headline.js';
import { headlineRows, targetsMet } from './headline.js';
import { escapeHtml, htmlPage } from './html.js';

function statusCell(row: HeadlineRow): string {
  if (row.status === 'none') return '<td></td>';
  const word = row.status === 'met' ? 'met' : 'missed';
  const caveat = row.uncertain ? ' <span class="ci">(within the CI)</span>' : '';
  return `<td class="${row.status}">${word}${caveat}</td>`;
}

function estimateCell(row: HeadlineRow): string {
  const e = row.estimate;
  if (e === undefined || e.mean === null) return '<td>–</td><td></td>';
  const ci =
    e.lo === null || e.hi === null ? '' : `${formatValue(e.lo, row.unit)} – ${formatValue(e.hi, row.unit)}`;
  return `<td>${escapeHtml(formatValue(e.mean, row.unit))}</td><td class="ci">${escapeHtml(ci)}</td>`;
}

export function headlineTable(rows: readonly HeadlineRow[], confidence: number): string {
  const level = `${Math.round(confidence * 100)}% CI`;
  const body = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.label)}</td>${estimateCell(r)}<td>${escapeHtml(r.target ?? '')}</td>${statusCell(r)}</tr>`,
    )
    .join('\n');
  return `<table class="headline"><thead><tr><th>KPI</th><th>Mean</th><th>${level}</th><th>Target</th><th>Status</th></tr></thead>
<tbody>
${body}
</tbody></table>`;
}

const PER_TYPE = ['offered', 'serviceLevel', 'asa', 'abandonRate', 'answered'] as const;
const PER_TYPE_LABELS = ['Offered', 'Service level', 'ASA', 'Abandoned', 'Answered'];
const PER_TYPE_UNITS = ['calls', 'fraction', 'seconds', 'fraction', 'calls'] as const;

function perCallTypeTable(result: RunResult): string {
  const rows = Object.entries(result.byCallType)
    .map(([name, kpis]) => {
      const cells = PER_TYPE.map((k, i) => {
        const text = formatEstimate(kpis[k], PER_TYPE_UNITS[i]);
        return `<td>${escapeHtml(text)}</td>`;
      }).join('');
      return `<tr><td>${escapeHtml(name)}</td>${cells}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>Call type</th>${PER_TYPE_LABELS.map((l) => `<th>${l}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
<p class="note">Means with their ${Math.round(result.confidenceLevel * 100)}% confidence intervals in brackets.</p>`;
}

function perGroupTable(result: RunResult): string {
  const priced = (result.total.cost?.mean ?? 0) > 0;
  const rows = Object.entries(result.byAgentGroup)
    .map(([name, kpis]) => {
      const cells = [
        formatEstimate(kpis.agents, 'agents'),
        formatEstimate(kpis.answered, 'calls'),
        formatEstimate(kpis.occupancy, 'fraction'),
        ...(priced ? [formatEstimate(kpis.cost, 'cost')] : []),
      ];
      return `<tr><td>${escapeHtml(name)}</td>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>Agent group</th><th>Agents on duty</th><th>Answered</th><th>Occupancy</th>${priced ? '<th>Cost</th>' : ''}</tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

const SITE_KPIS = [
  ['offered', 'Offered', 'calls'],
  ['serviceLevel', 'Service level', 'fraction'],
  ['asa', 'ASA', 'seconds'],
  ['abandonRate', 'Abandoned', 'fraction'],
  ['blocked', 'Blocked', 'calls'],
  ['failed', 'Failed', 'calls'],
  ['dropped', 'Dropped', 'calls'],
] as const;

function perSiteTable(result: RunResult): string {
  const rows = Object.entries(result.bySite)
    .map(
      ([name, k]) =>
        `<tr><td>${escapeHtml(name)}</td>${SITE_KPIS.map(([kpi, , unit]) => `<td>${escapeHtml(formatEstimate(k[kpi], unit))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="scroll"><table><thead><tr><th>Site</th>${SITE_KPIS.map(([, label]) => `<th>${label}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

function phaseTable(result: RunResult): string {
  const phases = result.byPhase ?? [];
  const rows = phases
    .map(
      (p) =>
        `<tr><td>${p.outage} (${escapeHtml(p.site)})</td><td>${p.phase}</td><td>${p.from === null ? '–' : `${p.from}–${p.to}`}</td>${SITE_KPIS.map(([kpi, , unit]) => `<td>${escapeHtml(formatEstimate(p.kpis[kpi], unit))}</td>`).join('')}<td>${escapeHtml(formatEstimate(p.kpis.callsLost, 'calls'))}</td><td>${p.phase === 'during' ? escapeHtml(formatEstimate(p.kpis.timeToRecover, 'duration')) : ''}</td></tr>`,
    )
    .join('\n');
  return `<div class="scroll"><table><thead><tr><th>Outage</th><th>Phase</th><th>Intervals</th>${SITE_KPIS.map(([, label]) => `<th>${label}</th>`).join('')}<th>Calls lost</th><th>Time to recover</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
<p class="note">Phases are whole KPI intervals: before (ending by the outage start), during (overlapping the outage), after. Failed: calls routed to the site before the failure was detected. Dropped: calls cut off in its IVR, queue or in service. Calls lost = blocked + abandoned + failed + dropped. Time to recover: from the outage start to the end of the first run of intervals below the service-level target that starts during the outage.</p>`;
}

/** Outages begun, downtime and availability per site, when some site had an outage. */
function availabilitySection(result: RunResult): string {
  const rows = availabilityRows(result.bySite, result.total);
  if (rows.length === 0) return '';
  const cells = (row: readonly string[], tag: string) =>
    row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join('');
  return `\n<section id="availability"><h2>Outages and availability</h2>
<div class="scroll"><table><thead><tr>${cells(AVAILABILITY_HEADER, 'th')}</tr></thead>
<tbody>
${rows.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('\n')}
</tbody></table></div>
<p class="note">Over the whole horizon. Outages: those (scheduled or random, any scope) that began in it. Downtime: time with an outage in effect at the site. Availability: 1 − downtime ÷ horizon; the network's is of all site time.</p>
</section>`;
}

export interface RunPageInput {
  readonly result: RunResult;
  readonly scenario: ScenarioFacts;
  readonly charts: readonly Chart[];
  readonly version: string;
}

export function inputsSection(result: RunResult, scenario: ScenarioFacts, version: string): string {
  const clock = scenario.clock;
  return `<section id="inputs"><h2>Inputs</h2>
<dl>
<dt>Scenario</dt><dd>${escapeHtml(scenario.name)} (<code>${escapeHtml(result.scenario.file)}</code>)</dd>
<dt>Scenario hash</dt><dd><code>${escapeHtml(result.scenario.hash.slice(0, 16))}</code></dd>${(result.scenario.inputs ?? []).map((i) => `<dt>Reads</dt><dd><code>${escapeHtml(i.reference)}</code> (SHA-256 <code>${escapeHtml(i.sha256.slice(0, 16))}</code>)</dd>`).join('')}
<dt>Seed</dt><dd>${result.seed}</dd>
<dt>Replications</dt><dd>${result.replications}</dd>
<dt>Confidence level</dt><dd>${Math.round(result.confidenceLevel * 100)}% (Student t; ratio KPIs by the ratio of sums with a delta-method interval)</dd>
<dt>Horizon</dt><dd>${result.byInterval[0]?.interval ?? ''} to ${result.byInterval[result.byInterval.length - 1]?.end ?? ''}, ${result.byInterval.length} intervals of ${clock.intervalLength / 60} min, after a warm-up of ${clock.warmup / 60} min</dd>
<dt>Simulated calls</dt><dd>${result.performance.simulatedCalls.toLocaleString('en')}</dd>
<dt>ccsim</dt><dd>${escapeHtml(version)}</dd>
</dl>
<details><summary>Scenario as run</summary>
<pre>${escapeHtml(scenario.text)}</pre>
</details>
</section>`;
}

export function runPage(input: RunPageInput): string {
  const { result, scenario } = input;
  const met = targetsMet(result);
  const badge =
    met === null
      ? ''
      : `<p><span class="badge ${met ? 'met' : 'missed'}">${met ? 'All targets met' : 'Targets missed'}</span></p>`;
  const summary = `<section id="summary"><h2>Summary</h2>
${badge}
${headlineTable(headlineRows(result), result.confidenceLevel)}
<p class="note">Green: the mean meets the scenario's target; red: it misses it. “Within the CI” means the confidence interval contains the target, so more replications could change the verdict. Service level = answered within ${result.serviceLevel.threshold} s ÷ (offered − blocked − abandoned within ${result.serviceLevel.shortAbandon} s).</p>
</section>
<section id="call-types"><h2>Per call type</h2>
${perCallTypeTable(result)}
</section>
<section id="agent-groups"><h2>Per agent group</h2>
${perGroupTable(result)}
</section>${
    Object.keys(result.bySite).length > 1
      ? `\n<section id="sites"><h2>Per site</h2>\n${perSiteTable(result)}\n</section>`
      : ''
  }${
    (result.byPhase ?? []).length > 0
      ? `\n<section id="outages"><h2>Outages: before, during, after</h2>\n${phaseTable(result)}\n</section>`
      : ''
  }${availabilitySection(result)}`;
  return htmlPage({
    title: scenario.name,
    subtitle: `ccsim run · seed ${result.seed} · ${result.replications} replications · ${result.byInterval[0]?.interval ?? ''}–${result.byInterval[result.byInterval.length - 1]?.end ?? ''}`,
    before: summary,
    charts: input.charts,
    after: inputsSection(result, scenario, input.version),
    linkFiles: true,
  });
}
