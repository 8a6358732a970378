/**
 * The charts of a run report that are not per interval of all calls: the
 * wait distribution, the IVR funnel, and the service level per call type.
 */
import type { RunResult, WaitBin } from '../../experiment/run-result.js';
import type { Chart } from './common.js';
import { COLORS, HEIGHT, WIDTH, CONFIG, clockAxis, percent, targetLine } from './common.js';
import type { Slot } from './run-chart-parts.js';
import { axisRange, est } from './run-chart-parts.js';

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
