/**
 * The per-interval KPI charts of a run report: service level, ASA,
 * abandonment, queue, volume, occupancy, and the agents on duty against
 * the Erlang requirement.
 */
import type { RunResult } from '../../experiment/run-result.js';
import type { ReportedRun } from '../../results/run-context.js';
import type { Chart } from './common.js';
import { COLORS, clockAxis, layered, percent } from './common.js';
import type { Slot } from './run-chart-parts.js';
import {
  axisRange,
  est,
  kpiLayers,
  perIntervalKpi,
  simpleKpiChart,
  targetRule,
  withClockXEncoding,
} from './run-chart-parts.js';

export function serviceLevelChart(result: RunResult, slots: readonly Slot[]): Chart {
  const T = result.serviceLevel.threshold;
  const target = result.serviceLevel.target;
  const layers = [
    ...kpiLayers(slots, `Within ${T} s (% of offered)`, '.0%', COLORS.primary, result.confidenceLevel, {
      domain: [0, 1],
    }),
    ...(target === null ? [] : targetRule(target, `target ${percent(target)}`)),
  ];
  return {
    id: 'service-level',
    title: 'Service level per interval',
    caption: `Share of calls answered within ${T} s (short abandons excluded), with its ${Math.round(result.confidenceLevel * 100)}% confidence band${target === null ? '' : ` and the ${percent(target)} target`}.`,
    spec: layered(
      `Service level per interval (T = ${T} s)`,
      perIntervalKpi(result, slots, 'serviceLevel'),
      layers,
    ),
  };
}

export function asaChart(result: RunResult, slots: readonly Slot[]): Chart {
  return simpleKpiChart(result, slots, {
    id: 'asa',
    kpi: 'asa',
    title: 'Average speed of answer per interval',
    yTitle: 'ASA (s)',
    format: '.1f',
    color: COLORS.secondary,
    caption: 'Mean wait of answered calls, in seconds, with its confidence band.',
    target: result.targets.maxAsa,
    targetLabel: (v) => `target ≤ ${v} s`,
  });
}

export function abandonmentChart(result: RunResult, slots: readonly Slot[]): Chart {
  return simpleKpiChart(result, slots, {
    id: 'abandonment',
    kpi: 'abandonRate',
    title: 'Abandonment per interval',
    yTitle: 'Abandoned (% of offered)',
    format: '.1%',
    color: COLORS.abandoned,
    caption: 'Share of offered calls that hung up while waiting (all abandons), with its confidence band.',
    target: result.targets.maxAbandonRate,
    targetLabel: (v) => `target ≤ ${percent(v)}`,
  });
}

export function queueChart(result: RunResult, slots: readonly Slot[]): Chart {
  const data = result.byInterval.map((row, i) => ({
    ...slots[i],
    ...est(row.kpis.queueLength),
    max: row.kpis.queueMax?.mean ?? null,
  }));
  return {
    id: 'queue',
    title: 'Queue length over time',
    caption:
      'Time-average number of calls waiting in each interval (with its confidence band), and the longest queue seen in the interval (mean over replications, dashed).',
    spec: layered('Calls waiting per interval', data, [
      ...kpiLayers(slots, 'Calls waiting', '.1f', COLORS.primary, result.confidenceLevel),
      {
        mark: { type: 'line', color: COLORS.secondary, strokeDash: [4, 3], interpolate: 'monotone' },
        encoding: {
          x: { field: 'mid', type: 'quantitative' },
          y: { field: 'max', type: 'quantitative' },
          tooltip: [
            { field: 'label', title: 'Interval' },
            { field: 'max', title: 'Longest queue (mean)', format: '.1f' },
          ],
        },
      },
    ]),
  };
}

const OUTCOMES = [
  { kpi: 'answered', label: 'Answered', color: COLORS.answered },
  { kpi: 'abandoned', label: 'Abandoned', color: COLORS.abandoned },
  { kpi: 'blocked', label: 'Blocked', color: COLORS.blocked },
] as const;

export function volumeChart(result: RunResult, slots: readonly Slot[]): Chart {
  // Stacked by hand (y0..y1): Vega-Lite does not stack bars whose x is a range (x, x2).
  const bars = result.byInterval.flatMap((row, i) => {
    let top = 0;
    return OUTCOMES.map((o) => {
      const calls = row.kpis[o.kpi]?.mean ?? 0;
      top += calls;
      return { ...slots[i], outcome: o.label, calls, y0: top - calls, y1: top };
    });
  });
  const offered = result.byInterval.map((row, i) => ({ ...slots[i], offered: row.kpis.offered?.mean ?? 0 }));
  const [from, to] = axisRange(slots);
  return {
    id: 'volumes',
    title: 'Offered, answered, abandoned and blocked calls per interval',
    caption:
      'Calls per interval, mean over replications: the bars stack what became of calls (answered and abandoned are counted when they happen), the line is the calls offered (counted on arrival).',
    spec: layered('Calls per interval', bars, [
      {
        mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'start', type: 'quantitative', ...clockAxis(from, to) },
          x2: { field: 'end' },
          y: { field: 'y0', type: 'quantitative', title: 'Calls per interval' },
          y2: { field: 'y1' },
          color: {
            field: 'outcome',
            type: 'nominal',
            title: null,
            scale: { domain: OUTCOMES.map((o) => o.label), range: OUTCOMES.map((o) => o.color) },
          },
          tooltip: [
            { field: 'label', title: 'Interval' },
            { field: 'outcome', title: 'Outcome' },
            { field: 'calls', title: 'Calls', format: '.1f' },
          ],
        },
      },
      {
        data: { values: offered },
        mark: { type: 'line', color: COLORS.offered, point: { color: COLORS.offered, size: 20 } },
        encoding: {
          x: { field: 'mid', type: 'quantitative' },
          y: { field: 'offered', type: 'quantitative' },
          tooltip: [
            { field: 'label', title: 'Interval' },
            { field: 'offered', title: 'Offered', format: '.1f' },
          ],
        },
      },
    ]),
  };
}

export function occupancyChart(result: RunResult, slots: readonly Slot[]): Chart {
  const data = result.byInterval.flatMap((row, i) =>
    Object.entries(row.byAgentGroup).map(([group, kpis]) => ({ ...slots[i], group, ...est(kpis.occupancy) })),
  );
  const target = result.targets.maxOccupancy;
  const format = '.0%';
  return {
    id: 'occupancy',
    title: 'Occupancy per agent group',
    caption: `Share of on-duty agent time spent on contacts (talk and after-call work), per agent group and interval${target === null ? '' : `, against the ${percent(target)} ceiling`}.`,
    spec: layered('Occupancy per agent group and interval', data, [
      {
        mark: { type: 'line', point: { filled: true, size: 25 } },
        encoding: {
          x: withClockXEncoding(slots),
          y: {
            field: 'mean',
            type: 'quantitative',
            title: 'Occupancy (% of time on duty)',
            axis: { format },
            scale: { domain: [0, 1] },
          },
          color: { field: 'group', type: 'nominal', title: 'Agent group' },
          tooltip: [
            { field: 'group', title: 'Agent group' },
            { field: 'label', title: 'Interval' },
            { field: 'mean', title: 'Occupancy', format: '.1%' },
            { field: 'lo', title: 'CI low', format: '.1%' },
            { field: 'hi', title: 'CI high', format: '.1%' },
          ],
        },
      },
      ...(target === null ? [] : targetRule(target, `ceiling ${percent(target)}`)),
    ]),
  };
}

export function staffingChart(run: ReportedRun, slots: readonly Slot[]): Chart {
  const { result, requirement, scenario } = run;
  const voiceOnly = scenario.nonVoice ? ' (voice only)' : '';
  const series: Array<Record<string, number | string | null>> = [];
  const add = (name: string, values: ReadonlyArray<number | null>) => {
    values.forEach((value, i) =>
      series.push({ ...slots[i], x: slots[i].start, series: name, agents: value }),
    );
    // Close the last step at the end of the horizon.
    const last = slots.length - 1;
    series.push({ ...slots[last], x: slots[last].end, series: name, agents: values[last] });
  };
  add(
    'On duty (simulated)',
    result.byInterval.map((row) => row.kpis.agents?.mean ?? null),
  );
  add(
    `Erlang C requirement${voiceOnly}`,
    requirement.map((r) => r.erlangC),
  );
  const withPatience = scenario.withPatience;
  if (withPatience)
    add(
      `Erlang A requirement${voiceOnly}`,
      requirement.map((r) => r.erlangA),
    );
  const target = scenario.serviceLevel.target;
  const [from, to] = axisRange(slots);
  const names = [
    'On duty (simulated)',
    `Erlang C requirement${voiceOnly}`,
    ...(withPatience ? [`Erlang A requirement${voiceOnly}`] : []),
  ];
  return {
    id: 'staffing',
    title: 'Agents on duty against the Erlang requirement',
    caption: `Agents on duty per interval (time average, all groups) against the agents Erlang C${withPatience ? ' and Erlang A' : ''} would require for ${percent(target)} within ${scenario.serviceLevel.threshold} s at the load simulated in that interval, each voice call type staffed on its own.`,
    spec: layered('Agents on duty and required', series, [
      {
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: {
          x: { field: 'x', type: 'quantitative', ...clockAxis(from, to) },
          y: { field: 'agents', type: 'quantitative', title: 'Agents' },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: names, range: [COLORS.primary, COLORS.target, COLORS.secondary] },
          },
          strokeDash: {
            field: 'series',
            type: 'nominal',
            scale: {
              domain: names,
              range: [
                [1, 0],
                [6, 3],
                [2, 2],
              ],
            },
          },
          tooltip: [
            { field: 'label', title: 'Interval' },
            { field: 'series', title: 'Series' },
            { field: 'agents', title: 'Agents', format: '.1f' },
          ],
        },
      },
    ]),
  };
}
