/**
 * The staffing plan's outputs: requirements.csv, the chart of the
 * requirement against the forecast, and the HTML page. The shapes below are
 * what `ccsim staff` produces (src/planning/staff.ts); the report layer
 * reads them without importing the planner.
 */
import type { Estimate } from '../experiment/estimate.js';
import type { Chart } from './charts/common.js';
import { COLORS, CONFIG, HEIGHT, WIDTH, clockAxis, hours } from './charts/common.js';
import { parseClockTime } from '../model/scenario/index.js';
import { formatEstimate } from './format.js';
import { escapeHtml, htmlPage } from './html.js';
import { markdownTable } from './markdown.js';

export interface StaffRequirementView {
  readonly interval: string;
  readonly group: string;
  readonly agents: number;
  readonly fractional?: number;
  readonly erlangC: number | null;
  readonly erlangA: number | null;
  readonly headcount: number;
  readonly kpis: Readonly<Record<string, Estimate | undefined>>;
}

export interface StaffView {
  readonly scenario: { readonly name: string; readonly file: string };
  readonly targets: {
    readonly serviceLevel: number;
    readonly threshold: number;
    readonly maxAbandonRate?: number;
    readonly maxAsa?: number;
    readonly maxOccupancy?: number;
  };
  readonly seed: number;
  readonly replications: number;
  readonly confidenceLevel: number;
  readonly whatIf: { readonly volume: number; readonly aht: number };
  readonly requirements: readonly StaffRequirementView[];
  readonly byInterval: ReadonlyArray<{
    readonly interval: string;
    readonly kpis: Readonly<Record<string, Estimate | undefined>>;
    readonly meets: boolean;
  }>;
  readonly cost: number;
  readonly agentHours: number;
  readonly evaluations: number;
}

export function targetText(t: StaffView['targets']): string {
  const parts = [`${Math.round(t.serviceLevel * 1000) / 10}% within ${t.threshold} s`];
  if (t.maxAbandonRate !== undefined)
    parts.push(`abandonment ≤ ${Math.round(t.maxAbandonRate * 1000) / 10}%`);
  if (t.maxAsa !== undefined) parts.push(`ASA ≤ ${t.maxAsa} s`);
  if (t.maxOccupancy !== undefined) parts.push(`occupancy ≤ ${Math.round(t.maxOccupancy * 1000) / 10}%`);
  return parts.join(', ');
}

const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function staffCsv(plan: StaffView): string {
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
      String(plan.whatIf.volume),
      String(plan.whatIf.aht),
    ].join(','),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}

/** Hours of an "HH:MM" interval label (hours may exceed 24). */
function hoursOf(label: string): number {
  const seconds = parseClockTime(label);
  if (seconds === undefined) throw new Error(`internal: not a clock time: ${label}`);
  return hours(seconds);
}

/** Requirement per interval: simulated agents (stacked by group) against Erlang C and A (all groups), with the offered calls. */
export function requirementChart(plan: StaffView, offered: ReadonlyArray<number | null>): Chart {
  const intervals = plan.byInterval.map((b) => b.interval);
  const step = intervals.length > 1 ? hoursOf(intervals[1]) - hoursOf(intervals[0]) : 0.5;
  const bars: object[] = [];
  const lines: object[] = [];
  intervals.forEach((label, i) => {
    const start = hoursOf(label);
    let top = 0;
    let c = 0;
    let a = 0;
    for (const r of plan.requirements.filter((x) => x.interval === label)) {
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
    lines.push({ x: start, series: 'Erlang C', agents: c, label });
    lines.push({ x: start, series: 'Erlang A', agents: a, label });
    if (i === intervals.length - 1) {
      lines.push({ x: start + step, series: 'Erlang C', agents: c, label });
      lines.push({ x: start + step, series: 'Erlang A', agents: a, label });
    }
  });
  const calls = intervals.map((label, i) => ({ mid: hoursOf(label) + step / 2, label, offered: offered[i] }));
  const from = intervals.length > 0 ? hoursOf(intervals[0]) : 0;
  const to = from + step * intervals.length;
  const x = { type: 'quantitative', ...clockAxis(from, to) };
  return {
    id: 'requirement',
    title: 'Agents required per interval',
    caption: `Agents on duty each group needs (stacked bars, by simulation in time order, so calls carried over from earlier intervals count) against the closed forms for all groups (Erlang C dashed, Erlang A dotted), with the calls offered (grey line, right axis). Target: ${targetText(plan.targets)}.`,
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
                  title: 'Closed form',
                  scale: {
                    domain: ['Erlang C', 'Erlang A'],
                    range: [
                      [6, 3],
                      [2, 2],
                    ],
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

export function staffMarkdown(plan: StaffView): string {
  let out = `### Staffing plan: ${plan.scenario.name}\n\nTarget ${targetText(plan.targets)}; ${plan.replications} replications per evaluation, seed ${plan.seed}; cost ${plan.cost.toFixed(2)}, ${plan.agentHours} agent-hours.\n\n`;
  out += markdownTable(
    ['Interval', 'Group', 'Agents', 'Erlang C', 'Erlang A', 'Headcount', 'Service level'],
    plan.requirements.map((r) => [
      r.interval,
      r.group,
      String(r.agents),
      cell(r.erlangC),
      cell(r.erlangA),
      String(r.headcount),
      formatEstimate(r.kpis.serviceLevel, 'fraction'),
    ]),
  );
  return out;
}

export function staffPage(plan: StaffView, chart: Chart, version: string): string {
  const rows = plan.requirements
    .map((r) => {
      const met = plan.byInterval.find((b) => b.interval === r.interval)?.meets ?? false;
      return `<tr><td>${escapeHtml(r.interval)}</td><td>${escapeHtml(r.group)}</td><td>${r.agents}${r.fractional !== undefined ? ` <span class="ci">(${r.fractional})</span>` : ''}</td><td>${cell(r.erlangC)}</td><td>${cell(r.erlangA)}</td><td>${r.headcount}</td><td class="${met ? 'met' : 'missed'}">${escapeHtml(formatEstimate(r.kpis.serviceLevel, 'fraction'))}</td><td>${escapeHtml(formatEstimate(r.kpis.asa, 'seconds'))}</td><td>${escapeHtml(formatEstimate(r.kpis.abandonRate, 'fraction'))}</td><td>${escapeHtml(formatEstimate(r.kpis.occupancy, 'fraction'))}</td></tr>`;
    })
    .join('\n');
  const before = `<section id="summary"><h2>Plan</h2>
<p>Target: <b>${escapeHtml(targetText(plan.targets))}</b>, judged on the mean of ${plan.replications} replications per evaluation (${Math.round(plan.confidenceLevel * 100)}% intervals shown). Cost ${plan.cost.toFixed(2)} for ${plan.agentHours} agent-hours on duty; ${plan.evaluations} scenario runs.${plan.whatIf.volume !== 1 || plan.whatIf.aht !== 1 ? ` What-if: volume × ${plan.whatIf.volume}, handle time × ${plan.whatIf.aht}.` : ''}</p>
<div class="scroll"><table><thead><tr><th>Interval</th><th>Group</th><th>Agents</th><th>Erlang C</th><th>Erlang A</th><th>Headcount</th><th>Service level (interval, all calls)</th><th>ASA</th><th>Abandoned</th><th>Occupancy (group)</th></tr></thead><tbody>
${rows}
</tbody></table></div>
<p class="note">Agents: on duty, found by simulation interval by interval in time order. Erlang C / A: each call type's closed-form requirement at the simulated load, split over the groups that take it first in proportion to their agents. Headcount: agents ÷ (1 − shrinkage), rounded up.</p>
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
