/**
 * The charts of a run report, as Vega-Lite specs built from a RunResult
 * (and the compiled scenario, for clock times, targets and the Erlang
 * requirement). Each chart has a title, axis titles with units, and the
 * target where the scenario sets one.
 */
import type { Estimate } from '../../experiment/estimate.js';
import type { RunResult, WaitBin } from '../../experiment/run-result.js';
import type { CompiledScenario } from '../../model/scenario/index.js';
import { intervalClockStart, intervalLength } from '../../model/scenario/index.js';
import { Channel, DEFAULT_SERVICE_LEVEL_TARGET } from '../../model/scenario/compile.js';
import { erlangRequirements } from '../requirement.js';
import type { Chart } from './common.js';
import { COLORS, HEIGHT, WIDTH, CONFIG, clockAxis, hours, layered, percent, targetLine } from './common.js';

/** One interval on the clock axis. */
interface Slot {
  readonly start: number;
  readonly end: number;
  readonly mid: number;
  /** "08:00–08:30" */
  readonly label: string;
}

function slotsOf(result: RunResult, model: CompiledScenario): Slot[] {
  return result.byInterval.map((row, i) => {
    const start = hours(intervalClockStart(model.clock, i));
    const end = start + hours(intervalLength(model.clock, i));
    return { start, end, mid: (start + end) / 2, label: `${row.interval}–${row.end}` };
  });
}

function axisRange(slots: readonly Slot[]): [number, number] {
  return [slots[0].start, slots[slots.length - 1].end];
}

/** Mean and CI of an estimate as plain fields (nulls stay null: Vega-Lite skips them). */
function est(e: Estimate | undefined, prefix = ''): Record<string, number | null> {
  return {
    [`${prefix}mean`]: e?.mean ?? null,
    [`${prefix}lo`]: e?.lo ?? null,
    [`${prefix}hi`]: e?.hi ?? null,
  };
}

/** A horizontal target line with a label at the right end. */
function targetRule(value: number, label: string): object[] {
  return [
    {
      data: { values: [{ target: value, label }] },
      mark: { type: 'rule', color: COLORS.target, strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y: { field: 'target', type: 'quantitative' } },
    },
    {
      data: { values: [{ target: value, label }] },
      mark: { type: 'text', color: COLORS.target, align: 'right', dy: -6, x: 'width' },
      encoding: { y: { field: 'target', type: 'quantitative' }, text: { field: 'label' } },
    },
  ];
}

/** A KPI per interval: the CI band, the mean line with points, tooltips. */
function kpiLayers(
  slots: readonly Slot[],
  yTitle: string,
  format: string,
  color: string,
  confidence: number,
  yScale: object = {},
): object[] {
  const ci = `${Math.round(confidence * 100)}% CI`;
  const y = { field: 'mean', type: 'quantitative', title: yTitle, axis: { format }, scale: yScale };
  return [
    {
      mark: { type: 'area', color, opacity: 0.2, clip: true },
      encoding: {
        x: withClockXEncoding(slots),
        y: { field: 'lo', type: 'quantitative' },
        y2: { field: 'hi' },
      },
    },
    {
      mark: { type: 'line', color, point: { filled: true, size: 30, color } },
      encoding: {
        x: { field: 'mid', type: 'quantitative' },
        y,
        tooltip: [
          { field: 'label', title: 'Interval' },
          { field: 'mean', title: yTitle, format },
          { field: 'lo', title: `${ci} low`, format },
          { field: 'hi', title: `${ci} high`, format },
        ],
      },
    },
  ];
}

function perIntervalKpi(
  result: RunResult,
  slots: readonly Slot[],
  kpi: string,
): Array<Record<string, number | string | null>> {
  return result.byInterval.map((row, i) => ({ ...slots[i], ...est(row.kpis[kpi]) }));
}

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

function withClockXEncoding(slots: readonly Slot[]): object {
  const [from, to] = axisRange(slots);
  return { field: 'mid', type: 'quantitative', ...clockAxis(from, to) };
}

function simpleKpiChart(
  result: RunResult,
  slots: readonly Slot[],
  options: {
    id: string;
    kpi: string;
    title: string;
    yTitle: string;
    format: string;
    color: string;
    caption: string;
    target: number | null;
    targetLabel: (v: number) => string;
  },
): Chart {
  return {
    id: options.id,
    title: options.title,
    caption: options.caption,
    spec: layered(options.title, perIntervalKpi(result, slots, options.kpi), [
      ...kpiLayers(slots, options.yTitle, options.format, options.color, result.confidenceLevel),
      ...(options.target === null ? [] : targetRule(options.target, options.targetLabel(options.target))),
    ]),
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

export function staffingChart(result: RunResult, model: CompiledScenario, slots: readonly Slot[]): Chart {
  const requirement = erlangRequirements(result, model);
  const voiceOnly = model.callTypes.some((c) => c.channel !== Channel.voice) ? ' (voice only)' : '';
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
  const withPatience = model.callTypes.some((c) => c.patience !== null);
  if (withPatience)
    add(
      `Erlang A requirement${voiceOnly}`,
      requirement.map((r) => r.erlangA),
    );
  const target = model.serviceLevel.target ?? DEFAULT_SERVICE_LEVEL_TARGET;
  const [from, to] = axisRange(slots);
  const names = [
    'On duty (simulated)',
    `Erlang C requirement${voiceOnly}`,
    ...(withPatience ? [`Erlang A requirement${voiceOnly}`] : []),
  ];
  return {
    id: 'staffing',
    title: 'Agents on duty against the Erlang requirement',
    caption: `Agents on duty per interval (time average, all groups) against the agents Erlang C${withPatience ? ' and Erlang A' : ''} would require for ${percent(target)} within ${model.serviceLevel.threshold} s at the load simulated in that interval, each voice call type staffed on its own.`,
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

/** A nice uniform bin width (s) for waits up to `xmax`, a multiple of the data's own bins there. */
function displayWidth(xmax: number): number {
  const native = xmax <= 60 ? 1 : xmax <= 300 ? 5 : xmax <= 1800 ? 30 : 300;
  const nice = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  return nice.find((w) => w % native === 0 && xmax / w <= 40) ?? 3600;
}

export function waitDistributionChart(result: RunResult): Chart {
  const bins: readonly WaitBin[] = result.waitDistribution;
  const T = result.serviceLevel.threshold;
  const totalAnswered = bins.reduce((s, b) => s + b.answered, 0);
  const total = bins.reduce((s, b) => s + b.answered + b.abandoned, 0);
  // Cut the axis at the 99th percentile of all waits (and at least past T).
  let cumulative = 0;
  let xmax = Math.max(T * 2, 10);
  for (const b of bins) {
    cumulative += b.answered + b.abandoned;
    if (b.to !== null && cumulative / Math.max(total, 1e-12) < 0.99) xmax = Math.max(xmax, b.to);
  }
  const width = displayWidth(xmax);
  xmax = Math.ceil(xmax / width) * width;
  const display = new Map<number, { answered: number; abandoned: number }>();
  let beyond = 0;
  for (const b of bins) {
    if (b.to === 0) continue; // answered at once: shown in the CDF and the caption
    if (b.from >= xmax) {
      beyond += b.answered + b.abandoned;
      continue;
    }
    const k = Math.floor(b.from / width) * width;
    const cell = display.get(k) ?? { answered: 0, abandoned: 0 };
    cell.answered += b.answered;
    cell.abandoned += b.abandoned;
    display.set(k, cell);
  }
  const share = (x: number) => (total > 0 ? x / total : 0);
  const histogram = [...display.entries()].flatMap(([from, c]) => [
    { from, to: from + width, outcome: 'Answered', share: share(c.answered), y0: 0, y1: share(c.answered) },
    {
      from,
      to: from + width,
      outcome: 'Abandoned',
      share: share(c.abandoned),
      y0: share(c.answered),
      y1: share(c.answered + c.abandoned),
    },
  ]);
  const cdf: Array<{ wait: number; p: number }> = [];
  let answeredSoFar = 0;
  for (const b of bins) {
    answeredSoFar += b.answered;
    if (b.to === 0) cdf.push({ wait: 0, p: totalAnswered > 0 ? answeredSoFar / totalAnswered : 0 });
    else if (b.to !== null && b.to <= xmax)
      cdf.push({ wait: b.to, p: totalAnswered > 0 ? answeredSoFar / totalAnswered : 0 });
  }
  if (cdf.length > 0 && cdf[cdf.length - 1].wait < xmax) cdf.push({ wait: xmax, p: cdf[cdf.length - 1].p });
  const atOnce = bins.length > 0 && bins[0].to === 0 ? bins[0].answered : 0;
  const xAxis = {
    type: 'quantitative',
    scale: { domain: [0, xmax], nice: false },
    title: 'Wait (s)',
  } as const;
  const thresholdRule = {
    data: { values: [{ T, label: `T = ${T} s` }] },
    layer: [
      {
        mark: { type: 'rule', color: COLORS.target, strokeDash: [6, 4] },
        encoding: { x: { field: 'T', type: 'quantitative' } },
      },
      {
        mark: { type: 'text', color: COLORS.target, align: 'left', dx: 4, y: 8 },
        encoding: { x: { field: 'T', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
  return {
    id: 'wait-distribution',
    title: 'Wait-time distribution',
    caption: `Left: waits of answered and abandoned calls in ${width} s bins, as a share of all of them (${percent(total > 0 ? atOnce / total : null)} were answered at once and are not drawn${beyond > 0 ? `; ${percent(beyond / total)} waited ${xmax} s or more` : ''}). Right: share of answered calls answered within each wait, with the threshold T.`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `Wait-time distribution (T = ${T} s)`,
      config: CONFIG,
      hconcat: [
        {
          width: WIDTH / 2 - 20,
          height: HEIGHT,
          title: 'Histogram of waits',
          layer: [
            {
              data: { values: histogram },
              mark: { type: 'bar', stroke: 'white', strokeWidth: 0.3 },
              encoding: {
                x: { field: 'from', ...xAxis },
                x2: { field: 'to' },
                y: { field: 'y0', type: 'quantitative', title: 'Share of calls', axis: { format: '.1%' } },
                y2: { field: 'y1' },
                color: {
                  field: 'outcome',
                  type: 'nominal',
                  title: null,
                  scale: { domain: ['Answered', 'Abandoned'], range: [COLORS.answered, COLORS.abandoned] },
                },
                tooltip: [
                  { field: 'from', title: 'Wait from (s)' },
                  { field: 'to', title: 'to (s)' },
                  { field: 'outcome', title: 'Outcome' },
                  { field: 'share', title: 'Share', format: '.2%' },
                ],
              },
            },
            thresholdRule,
          ],
        },
        {
          width: WIDTH / 2 - 20,
          height: HEIGHT,
          title: 'Cumulative: answered within a wait',
          layer: [
            {
              data: { values: cdf },
              mark: { type: 'line', color: COLORS.primary, interpolate: 'linear', point: false },
              encoding: {
                x: { field: 'wait', ...xAxis },
                y: {
                  field: 'p',
                  type: 'quantitative',
                  title: 'Answered calls (cumulative %)',
                  scale: { domain: [0, 1] },
                  axis: { format: '.0%' },
                },
                tooltip: [
                  { field: 'wait', title: 'Wait ≤ (s)' },
                  { field: 'p', title: 'Share of answered', format: '.1%' },
                ],
              },
            },
            thresholdRule,
          ],
        },
      ],
    } as Chart['spec'],
  };
}

const FUNNEL = [
  { kpi: 'ivrOffered', label: 'Entered' },
  { kpi: 'ivrBlocked', label: 'Blocked (no line or port)' },
  { kpi: 'ivrHangups', label: 'Hung up in the IVR' },
  { kpi: 'ivrContained', label: 'Self-served' },
  { kpi: 'ivrTransferred', label: 'To agents' },
] as const;

export function ivrFunnelChart(result: RunResult): Chart {
  const data = FUNNEL.map((f, order) => {
    const e = result.total[f.kpi];
    const entered = result.total.ivrOffered?.mean ?? 0;
    return {
      stage: f.label,
      order,
      calls: e?.mean ?? 0,
      lo: e?.lo ?? null,
      hi: e?.hi ?? null,
      share: entered > 0 ? (e?.mean ?? 0) / entered : null,
    };
  });
  return {
    id: 'ivr-funnel',
    title: 'IVR funnel',
    caption:
      'What became of calls that dialled an entry point, over the horizon (mean per replication, share of calls entered).',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: 'IVR funnel (calls over the horizon)',
      width: WIDTH,
      height: 30 * FUNNEL.length,
      config: CONFIG,
      data: { values: data },
      encoding: {
        y: { field: 'stage', type: 'nominal', sort: FUNNEL.map((f) => f.label), title: null },
        x: { field: 'calls', type: 'quantitative', title: 'Calls per replication' },
      },
      layer: [
        {
          mark: { type: 'bar', color: COLORS.primary },
          encoding: {
            tooltip: [
              { field: 'stage', title: 'Stage' },
              { field: 'calls', title: 'Calls', format: ',.1f' },
              { field: 'share', title: 'Share of entered', format: '.1%' },
            ],
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 4 },
          encoding: { text: { field: 'share', format: '.1%' } },
        },
      ],
    } as Chart['spec'],
  };
}

export function callTypeChart(result: RunResult, slots: readonly Slot[]): Chart {
  const data = result.byInterval.flatMap((row, i) =>
    Object.entries(row.byCallType).map(([callType, kpis]) => ({
      ...slots[i],
      callType,
      ...est(kpis.serviceLevel),
      offered: kpis.offered?.mean ?? null,
    })),
  );
  const target = result.serviceLevel.target;
  const [from, to] = axisRange(slots);
  const count = Object.keys(result.byCallType).length;
  const columns = count <= 2 ? count : 2;
  return {
    id: 'call-types',
    title: 'Service level per call type',
    caption: `Service level per interval for each call type, with its confidence band${target === null ? '' : ` and the ${percent(target)} target`}.`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: 'Service level per call type and interval',
      config: CONFIG,
      data: { values: data },
      facet: { field: 'callType', type: 'nominal', title: null, header: { labelFontSize: 13 } },
      columns,
      spec: {
        width: count === 1 ? WIDTH : WIDTH / 2 - 20,
        height: HEIGHT * 0.75,
        layer: [
          {
            mark: { type: 'area', color: COLORS.band, opacity: 0.2 },
            encoding: {
              x: { field: 'mid', type: 'quantitative', ...clockAxis(from, to) },
              y: { field: 'lo', type: 'quantitative' },
              y2: { field: 'hi' },
            },
          },
          {
            mark: { type: 'line', color: COLORS.primary, point: { filled: true, size: 20 } },
            encoding: {
              x: { field: 'mid', type: 'quantitative' },
              y: {
                field: 'mean',
                type: 'quantitative',
                title: 'Service level',
                scale: { domain: [0, 1] },
                axis: { format: '.0%' },
              },
              tooltip: [
                { field: 'callType', title: 'Call type' },
                { field: 'label', title: 'Interval' },
                { field: 'mean', title: 'Service level', format: '.1%' },
                { field: 'offered', title: 'Offered', format: '.1f' },
              ],
            },
          },
          ...targetLine(target),
        ],
      },
    } as Chart['spec'],
  };
}

const NETWORK = '#1f2328';

/** Clock hours of a simulation time. */
function clockHours(model: CompiledScenario, simTime: number): number {
  return hours(model.clock.start + simTime - model.clock.measureStart);
}

/**
 * Service level per interval for the network and each site, with the
 * scheduled outages drawn as bands (a rule where each was detected).
 */
export function outageTimelineChart(
  result: RunResult,
  model: CompiledScenario,
  slots: readonly Slot[],
): Chart {
  const [from, to] = axisRange(slots);
  const bands = model.outages
    .filter((o) => o.at !== null && o.duration !== null)
    .map((o) => {
      const start = Math.max(from, clockHours(model, o.at as number));
      const end = Math.min(to, clockHours(model, (o.at as number) + (o.duration as number)));
      return {
        start,
        end,
        detected: Math.min(end, clockHours(model, (o.at as number) + o.detectionDelay)),
        label: `${model.sites[o.site].name} down`,
      };
    })
    .filter((b) => b.end > b.start);
  const lines = result.byInterval.flatMap((row, i) => [
    { ...slots[i], series: 'network', ...est(row.kpis.serviceLevel) },
    ...Object.entries(row.bySite).map(([site, k]) => ({ ...slots[i], series: site, ...est(k.serviceLevel) })),
  ]);
  const x = { field: 'mid', type: 'quantitative', ...clockAxis(from, to) };
  const target = result.serviceLevel.target;
  // The network in near-black, the sites in the categorical palette.
  const series = ['network', ...model.sites.map((site) => site.name)];
  const palette = [NETWORK, '#4c78a8', '#f58518', '#54a24b', '#b279a2', '#72b7b2', '#eeca3b', '#9d755d'];
  return {
    id: 'outage-timeline',
    title: 'Service level through the outages',
    caption: `Service level per interval for the network (with its confidence band) and each site; shaded: a site down, from failure to return; the dotted rule marks when the failure was detected (until then, calls routed there fail).${target === null ? '' : ` Dashed: the ${percent(target)} target.`}`,
    spec: layered('Service level through the outages', lines, [
      {
        data: { values: bands },
        mark: { type: 'rect', color: COLORS.abandoned, opacity: 0.12 },
        encoding: { x: { field: 'start', type: 'quantitative' }, x2: { field: 'end' } },
      },
      {
        data: { values: bands },
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'top',
          dx: 4,
          y: 4,
          color: COLORS.abandoned,
          fontWeight: 'bold',
        },
        encoding: { x: { field: 'start', type: 'quantitative' }, text: { field: 'label' } },
      },
      {
        data: { values: bands },
        mark: { type: 'rule', color: COLORS.abandoned, strokeDash: [2, 2] },
        encoding: { x: { field: 'detected', type: 'quantitative' } },
      },
      {
        transform: [{ filter: "datum.series === 'network'" }],
        mark: { type: 'area', color: NETWORK, opacity: 0.12, clip: true },
        encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
      },
      // Sites first, then the network on top, thicker.
      ...(['sites', 'network'] as const).map((which) => ({
        transform: [
          { filter: which === 'network' ? "datum.series === 'network'" : "datum.series !== 'network'" },
        ],
        mark: { type: 'line', strokeWidth: which === 'network' ? 3 : 1.5, point: { filled: true, size: 20 } },
        encoding: {
          x,
          y: {
            field: 'mean',
            type: 'quantitative',
            title: 'Service level',
            scale: { domain: [0, 1] },
            axis: { format: '.0%' },
          },
          color: { field: 'series', type: 'nominal', title: null, scale: { domain: series, range: palette } },
          tooltip: [
            { field: 'series', title: 'Network or site' },
            { field: 'label', title: 'Interval' },
            { field: 'mean', title: 'Service level', format: '.1%' },
          ],
        },
      })),
      ...targetLine(target),
    ]),
  };
}

/** Calls offered per site per interval: where the network sent its calls. */
export function siteVolumeChart(result: RunResult, slots: readonly Slot[]): Chart {
  const [from, to] = axisRange(slots);
  const data = result.byInterval.flatMap((row, i) =>
    Object.entries(row.bySite).map(([site, k]) => ({
      ...slots[i],
      site,
      offered: k.offered?.mean ?? 0,
      failed: k.failed?.mean ?? 0,
      dropped: k.dropped?.mean ?? 0,
    })),
  );
  return {
    id: 'sites',
    title: 'Calls offered per site',
    caption:
      'Calls the routing sent to each site per interval (mean over replications), with failed and dropped calls in the tooltip.',
    spec: layered('Calls offered per site and interval', data, [
      {
        mark: { type: 'line', point: { filled: true, size: 20 } },
        encoding: {
          x: { field: 'mid', type: 'quantitative', ...clockAxis(from, to) },
          y: { field: 'offered', type: 'quantitative', title: 'Calls offered per interval' },
          color: { field: 'site', type: 'nominal', title: 'Site' },
          tooltip: [
            { field: 'site', title: 'Site' },
            { field: 'label', title: 'Interval' },
            { field: 'offered', title: 'Offered', format: '.1f' },
            { field: 'failed', title: 'Failed', format: '.1f' },
            { field: 'dropped', title: 'Dropped', format: '.1f' },
          ],
        },
      },
    ]),
  };
}

/** Every chart of a run report, in reading order; charts without data are left out. */
export function runCharts(result: RunResult, model: CompiledScenario): Chart[] {
  const slots = slotsOf(result, model);
  const charts: Chart[] = [
    ...(model.outages.some((o) => o.at !== null) ? [outageTimelineChart(result, model, slots)] : []),
    serviceLevelChart(result, slots),
    asaChart(result, slots),
    abandonmentChart(result, slots),
    volumeChart(result, slots),
    staffingChart(result, model, slots),
    occupancyChart(result, slots),
    queueChart(result, slots),
  ];
  if (result.waitDistribution.length > 0) charts.push(waitDistributionChart(result));
  if (model.entryPoints.length > 0) charts.push(ivrFunnelChart(result));
  if (model.callTypes.length > 1) charts.push(callTypeChart(result, slots));
  if (model.sites.length > 1) charts.push(siteVolumeChart(result, slots));
  return charts;
}
