/**
 * What the charts of a run report share: the intervals on the clock axis
 * (slots), estimates as plain fields, target rules, and the chart of one
 * KPI per interval with its confidence band.
 */
import type { Estimate } from '../../experiment/estimate.js';
import type { RunResult } from '../../experiment/run-result.js';
import type { Clock } from '../../model/scenario/index.js';
import { intervalClockStart, intervalLength } from '../../model/scenario/index.js';
import type { Chart } from './common.js';
import { COLORS, clockAxis, hours, layered } from './common.js';

/** One interval on the clock axis. */
export interface Slot {
  readonly start: number;
  readonly end: number;
  readonly mid: number;
  /** "08:00–08:30" */
  readonly label: string;
}

export function slotsOf(result: RunResult, clock: Clock): Slot[] {
  return result.byInterval.map((row, i) => {
    const start = hours(intervalClockStart(clock, i));
    const end = start + hours(intervalLength(clock, i));
    return { start, end, mid: (start + end) / 2, label: `${row.interval}–${row.end}` };
  });
}

export function axisRange(slots: readonly Slot[]): [number, number] {
  return [slots[0].start, slots[slots.length - 1].end];
}

/** Mean and CI of an estimate as plain fields (nulls stay null: Vega-Lite skips them). */
export function est(e: Estimate | undefined, prefix = ''): Record<string, number | null> {
  return {
    [`${prefix}mean`]: e?.mean ?? null,
    [`${prefix}lo`]: e?.lo ?? null,
    [`${prefix}hi`]: e?.hi ?? null,
  };
}

/** A horizontal target line with a label at the right end. */
export function targetRule(value: number, label: string): object[] {
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
export function kpiLayers(
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

export function perIntervalKpi(
  result: RunResult,
  slots: readonly Slot[],
  kpi: string,
): Array<Record<string, number | string | null>> {
  return result.byInterval.map((row, i) => ({ ...slots[i], ...est(row.kpis[kpi]) }));
}

export function withClockXEncoding(slots: readonly Slot[]): object {
  const [from, to] = axisRange(slots);
  return { field: 'mid', type: 'quantitative', ...clockAxis(from, to) };
}

export function simpleKpiChart(
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
