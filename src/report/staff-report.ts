/**
 * The staffing plan's outputs: requirements.csv, the chart of the
 * requirement against the forecast, and the HTML page, from the plan
 * `ccsim staff` produces (its shape in src/results/staff.ts).
 */
import { CCSIM_VERSION } from '../experiment/version.js';
import type { StaffResult } from '../results/staff.js';
import type { Chart } from './charts/common.js';
import { COLORS, CONFIG, HEIGHT, WIDTH, clockAxis, hoursOfLabel } from './charts/common.js';
import { formatEstimate } from './format.js';
import { escapeHtml, htmlPage } from './html.js';
import { markdownTable } from './markdown.js';
import type { ReportFiles } from './write-report.js';
import { chartFiles, writeFiles } from './write-report.js';

/** True when the plan is a what-if (volume or handle time changed). */
export function isWhatIf(plan: Pick<StaffResult, 'whatIf'>): boolean {
  return plan.whatIf.volume !== 1 || plan.whatIf.aht !== 1;
}

/** "+3", "-1", "0". */
export function signed(x: number): string {
  const r = Math.round(x * 100) / 100;
  return r > 0 ? `+${r}` : String(r);
}

/** "Cost 1234.50 for 652.5 agent-hours on duty", or only the hours when nothing is priced. */
export function costText(plan: Pick<StaffResult, 'cost' | 'agentHours'>): string {
  return plan.cost === null
    ? `${plan.agentHours} agent-hours on duty (no group has a cost per hour)`
    : `Cost ${plan.cost.toFixed(2)} for ${plan.agentHours} agent-hours on duty`;
}

/** The what-if and its difference from the baseline plan, in one sentence (empty when not a what-if). */
export function whatIfSummary(plan: StaffResult): string {
  if (!isWhatIf(plan)) return '';
  let out = `What-if: volume × ${plan.whatIf.volume}, handle time × ${plan.whatIf.aht}`;
  const base = plan.base;
  if (base === undefined) return `${out}.`;
  out += `: ${signed(plan.agentHours - base.agentHours)} agent-hours (from ${base.agentHours} to ${plan.agentHours})`;
  if (plan.cost !== null && base.cost !== null)
    out += `, cost ${signed(plan.cost - base.cost)} (from ${base.cost.toFixed(2)} to ${plan.cost.toFixed(2)})`;
  return `${out}.`;
}

export function targetText(t: StaffResult['targets']): string {
  const parts = [`${Math.round(t.serviceLevel * 1000) / 10}% within ${t.threshold} s`];
  if (t.maxAbandonRate !== undefined)
    parts.push(`abandonment ≤ ${Math.round(t.maxAbandonRate * 1000) / 10}%`);
  if (t.maxAsa !== undefined) parts.push(`ASA ≤ ${t.maxAsa} s`);
  if (t.maxOccupancy !== undefined) parts.push(`occupancy ≤ ${Math.round(t.maxOccupancy * 1000) / 10}%`);
  return parts.join(', ');
}

/** A number for a table or CSV cell: at most 4 decimals (no float noise), empty when absent. */
const cell = (v: number | null | undefined) =>
  v === null || v === undefined ? '' : String(Math.round(v * 10_000) / 10_000);

export function staffCsv(plan: StaffResult): string {
  const header = [
    'interval',
    'group',
    'agents',
    ...(plan.requirements.some((r) => r.fractional !== undefined) ? ['fractional'] : []),
    'erlang_c',
    'erlang_a',
    'headcount',
    'service_level',
    'service_level_lo',
    'service_level_hi',
    'asa',
    'abandon_rate',
    'occupancy',
    ...(plan.base !== undefined ? ['base_agents', 'change'] : []),
    // The what-if planned for, on every row so that `ccsim shifts` proves the roster on the same load.
    'volume_factor',
    'aht_factor',
  ];
  const fractional = header.includes('fractional');
  const rows = plan.requirements.map((r) =>
    [
      r.interval,
      r.group,
      String(r.agents),
      ...(fractional ? [cell(r.fractional)] : []),
      cell(r.erlangC),
      cell(r.erlangA),
      String(r.headcount),
      cell(r.kpis.serviceLevel?.mean),
      cell(r.kpis.serviceLevel?.lo),
      cell(r.kpis.serviceLevel?.hi),
      cell(r.kpis.asa?.mean),
      cell(r.kpis.abandonRate?.mean),
      cell(r.kpis.occupancy?.mean),
      ...(plan.base !== undefined ? [cell(r.baseAgents), cell(r.change)] : []),
      String(plan.whatIf.volume),
      String(plan.whatIf.aht),
    ].join(','),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}

/** Hours of an "HH:MM" interval label (hours may exceed 24). */

const BASELINE = 'Baseline plan (no what-if)';

/** Requirement per interval: simulated agents (stacked by group) against Erlang C and A (all groups), with the offered calls. */
export function requirementChart(plan: StaffResult, offered: ReadonlyArray<number | null>): Chart {
  const intervals = plan.byInterval.map((b) => b.interval);
  const step = intervals.length > 1 ? hoursOfLabel(intervals[1]) - hoursOfLabel(intervals[0]) : 0.5;
  const bars: object[] = [];
  const lines: object[] = [];
  intervals.forEach((label, i) => {
    const start = hoursOfLabel(label);
    let top = 0;
    let c = 0;
    let a = 0;
    let base = 0;
    for (const r of plan.requirements.filter((x) => x.interval === label)) {
      base += r.baseAgents ?? 0;
      bars.push({
        start,
        end: start + step,
        label,
        group: r.group,
        agents: r.agents,
        y0: top,
        y1: top + r.agents,
      });
      top += r.agents;
      c += r.erlangC ?? 0;
      a += r.erlangA ?? 0;
    }
    const series: Array<[string, number]> = [
      ['Erlang C', c],
      ['Erlang A', a],
      ...(plan.base !== undefined ? [[BASELINE, base] as [string, number]] : []),
    ];
    for (const [name, agents] of series) {
      lines.push({ x: start, series: name, agents, label });
      if (i === intervals.length - 1) lines.push({ x: start + step, series: name, agents, label });
    }
  });
  const calls = intervals.map((label, i) => ({
    mid: hoursOfLabel(label) + step / 2,
    label,
    offered: offered[i],
  }));
  const from = intervals.length > 0 ? hoursOfLabel(intervals[0]) : 0;
  const to = from + step * intervals.length;
  const x = { type: 'quantitative', ...clockAxis(from, to) };
  return {
    id: 'requirement',
    title: 'Agents required per interval',
    caption: `Agents on duty each group needs (stacked bars, by simulation in time order, so calls carried over from earlier intervals count) against the closed forms for all groups (Erlang C dashed, Erlang A dotted)${plan.base !== undefined ? ' and the baseline plan without the what-if (solid line)' : ''}, with the calls offered (grey line, right axis). Target: ${targetText(plan.targets)}.`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: 'Agents required per interval, and the forecast',
      width: WIDTH,
      height: HEIGHT,
      config: CONFIG,
      layer: [
        {
          layer: [
            {
              data: { values: bars },
              mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
              encoding: {
                x: { field: 'start', ...x },
                x2: { field: 'end' },
                y: { field: 'y0', type: 'quantitative', title: 'Agents on duty' },
                y2: { field: 'y1' },
                color: { field: 'group', type: 'nominal', title: 'Agent group' },
                tooltip: [
                  { field: 'label', title: 'Interval' },
                  { field: 'group', title: 'Group' },
                  { field: 'agents', title: 'Agents (simulation)' },
                ],
              },
            },
            {
              data: { values: lines },
              mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
              encoding: {
                x: { field: 'x', type: 'quantitative' },
                y: { field: 'agents', type: 'quantitative' },
                strokeDash: {
                  field: 'series',
                  type: 'nominal',
                  title: plan.base !== undefined ? 'Closed form and baseline' : 'Closed form',
                  scale: {
                    domain: ['Erlang C', 'Erlang A', ...(plan.base !== undefined ? [BASELINE] : [])],
                    range: [[6, 3], [2, 2], ...(plan.base !== undefined ? [[1, 0]] : [])],
                  },
                },
                color: { value: COLORS.offered },
                tooltip: [
                  { field: 'label', title: 'Interval' },
                  { field: 'series', title: 'Closed form' },
                  { field: 'agents', title: 'Agents' },
                ],
              },
            },
          ],
        },
        {
          data: { values: calls },
          mark: { type: 'line', color: '#999999', point: { color: '#999999', size: 15 } },
          encoding: {
            x: { field: 'mid', type: 'quantitative' },
            y: { field: 'offered', type: 'quantitative', title: 'Calls offered per interval' },
            tooltip: [
              { field: 'label', title: 'Interval' },
              { field: 'offered', title: 'Offered', format: '.1f' },
            ],
          },
        },
      ],
      resolve: { scale: { y: 'independent' } },
    } as Chart['spec'],
  };
}

export function staffMarkdown(plan: StaffResult): string {
  const what = whatIfSummary(plan);
  let out = `### Staffing plan: ${plan.scenario.name}\n\nTarget ${targetText(plan.targets)}; ${plan.replications} replications per evaluation, seed ${plan.seed}; ${costText(plan)}.${what === '' ? '' : ` ${what}`}\n\n`;
  const change = plan.base !== undefined;
  out += markdownTable(
    [
      'Interval',
      'Group',
      'Agents',
      ...(change ? ['Change'] : []),
      'Erlang C',
      'Erlang A',
      'Headcount',
      'Service level',
    ],
    plan.requirements.map((r) => [
      r.interval,
      r.group,
      String(r.agents),
      ...(change ? [r.change === undefined ? '' : signed(r.change)] : []),
      cell(r.erlangC),
      cell(r.erlangA),
      String(r.headcount),
      formatEstimate(r.kpis.serviceLevel, 'fraction'),
    ]),
  );
  return out;
}

export function staffPage(plan: StaffResult, chart: Chart, version: string): string {
  const rows = plan.requirements
    .map((r) => {
      const met = plan.byInterval.find((b) => b.interval === r.interval)?.meets ?? false;
      const change =
        plan.base !== undefined
          ? `<td>${r.change === undefined ? '' : escapeHtml(signed(r.change))}</td>`
          : '';
      return `<tr><td>${escapeHtml(r.interval)}</td><td>${escapeHtml(r.group)}</td><td>${r.agents}${r.fractional !== undefined ? ` <span class="ci">(${r.fractional})</span>` : ''}</td>${change}<td>${cell(r.erlangC)}</td><td>${cell(r.erlangA)}</td><td>${r.headcount}</td><td class="${met ? 'met' : 'missed'}">${escapeHtml(formatEstimate(r.kpis.serviceLevel, 'fraction'))}</td><td>${escapeHtml(formatEstimate(r.kpis.asa, 'seconds'))}</td><td>${escapeHtml(formatEstimate(r.kpis.abandonRate, 'fraction'))}</td><td>${escapeHtml(formatEstimate(r.kpis.occupancy, 'fraction'))}</td></tr>`;
    })
    .join('\n');
  const before = `<section id="summary"><h2>Plan</h2>
<p>Target: <b>${escapeHtml(targetText(plan.targets))}</b>, judged on the mean of ${plan.replications} replications per evaluation (${Math.round(plan.confidenceLevel * 100)}% intervals shown)${plan.targetsFrom === 'scenario' ? ', the scenario’s own targets' : ''}. ${escapeHtml(costText(plan))}; ${plan.evaluations} scenario runs.${isWhatIf(plan) ? ` <b>${escapeHtml(whatIfSummary(plan))}</b>${plan.base !== undefined ? ' The baseline plan is in <a href="baseline/plan.json">baseline/</a>.' : ''}` : ''}</p>
<div class="scroll"><table><thead><tr><th>Interval</th><th>Group</th><th>Agents</th>${plan.base !== undefined ? '<th>Change</th>' : ''}<th>Erlang C</th><th>Erlang A</th><th>Headcount</th><th>Service level (interval, all calls)</th><th>ASA</th><th>Abandoned</th><th>Occupancy (group)</th></tr></thead><tbody>
${rows}
</tbody></table></div>
<p class="note">Agents: on duty, found by simulation interval by interval in time order.${plan.base !== undefined ? ' Change: against the baseline plan (the scenario as written, same targets, seed and replications).' : ''} Erlang C / A: each call type's closed-form requirement at the simulated load, split over the groups that take it first in proportion to their agents. Headcount: agents ÷ (1 − shrinkage), rounded up.</p>
</section>`;
  const after = `<section id="inputs"><h2>Inputs</h2><dl>
<dt>Scenario</dt><dd>${escapeHtml(plan.scenario.name)} (<code>${escapeHtml(plan.scenario.file)}</code>)</dd>
<dt>Seed</dt><dd>${plan.seed}</dd>
<dt>ccsim</dt><dd>${escapeHtml(version)}</dd>
</dl></section>`;
  return htmlPage({
    title: `${plan.scenario.name}: staffing plan`,
    subtitle: `ccsim staff · ${targetText(plan.targets)}`,
    before,
    charts: [chart],
    after,
    linkFiles: true,
  });
}

/**
 * A staffing plan's folder: index.html, charts/, requirements.csv and
 * plan.json; for a what-if, its baseline plan whole beside it in baseline/
 * (usable by `ccsim shifts` as any plan). Everything is rendered before
 * the first file is written.
 */
export async function writeStaffReport(
  plan: StaffResult,
  basePlan: StaffResult | undefined,
  directory: string,
): Promise<ReportFiles> {
  const chart = requirementChart(
    plan,
    plan.byInterval.map((b) => b.kpis.offered?.mean ?? null),
  );
  const warnings: string[] = [];
  const rendered = await chartFiles([chart], (w) => warnings.push(w));
  const written = writeFiles(directory, [
    ['index.html', staffPage(plan, chart, CCSIM_VERSION)],
    ...rendered,
    ['requirements.csv', staffCsv(plan)],
    ['plan.json', `${JSON.stringify(plan, null, 2)}\n`],
    ...(basePlan !== undefined
      ? ([
          ['baseline/plan.json', `${JSON.stringify(basePlan, null, 2)}\n`],
          ['baseline/requirements.csv', staffCsv(basePlan)],
        ] as const)
      : []),
  ]);
  return warnings.length === 0 ? written : { ...written, warnings };
}
