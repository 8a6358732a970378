/**
 * What every chart shares: the font (the one the PNG renderer is given),
 * clock-time axes and CI bands.
 *
 * Time axes are quantitative hours since midnight of the scenario's first
 * day, labelled HH:MM by an expression: no Date is ever built, so labels are
 * the scenario's clock times whatever the machine's time zone (and runs past
 * midnight read 24:00, 25:30 …).
 */
import type { TopLevelSpec } from 'vega-lite';
import { parseClockTime } from '../../model/scenario/units.js';

/** A chart of a report: its file name stem, title and Vega-Lite spec. */
export interface Chart {
  readonly id: string;
  readonly title: string;
  /** One sentence under the chart: what it shows and how to read it. */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

/** DejaVu Sans: Debian's fonts-dejavu-core, which the PNG renderer loads. */
export const FONT = 'DejaVu Sans';

export const CONFIG = {
  font: FONT,
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eee', labelLimit: 260 },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom', labelLimit: 0, titleLimit: 0 },
  title: { fontSize: 14, anchor: 'start', offset: 10 },
} as const;

export const WIDTH = 640;
export const HEIGHT = 240;

/** Colours: a colour-blind-safe categorical palette (Tableau 10) and the target's. */
export const COLORS = {
  primary: '#4c78a8',
  answered: '#54a24b',
  abandoned: '#e45756',
  blocked: '#b279a2',
  offered: '#333333',
  target: '#d62728',
  band: '#4c78a8',
  secondary: '#f58518',
} as const;

/** Vega expression: a number of hours → "HH:MM" (hours may exceed 24). */
export const CLOCK_LABEL =
  "(floor(datum.value) < 10 ? '0' : '') + floor(datum.value) + ':' + " +
  "(round((datum.value - floor(datum.value)) * 60) < 10 ? '0' : '') + round((datum.value - floor(datum.value)) * 60)";

/** A clock-time x axis over [from, to] hours. */
export function clockAxis(from: number, to: number, title = 'Time of day') {
  return {
    title,
    scale: { domain: [from, to], nice: false, zero: false },
    axis: { labelExpr: CLOCK_LABEL, tickMinStep: 0.5, labelOverlap: true },
  } as const;
}

/** Seconds since midnight → hours, for clock axes. */
export function hours(seconds: number): number {
  return seconds / 3600;
}

/** An interval label ("08:30", "24:00") → hours since midnight, for clock axes. */
export function hoursOfLabel(label: string): number {
  const seconds = parseClockTime(label);
  if (seconds === undefined) throw new Error(`internal: not a clock time: ${label}`);
  return hours(seconds);
}

/** Formats a fraction as a percentage with one decimal. */
export function percent(x: number | null): string {
  return x === null ? '–' : `${(100 * x).toFixed(1)}%`;
}

/** A top-level layered spec with the shared config. */
export function layered(
  title: string,
  data: readonly object[],
  layers: readonly object[],
  extra: object = {},
): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    data: { values: data },
    layer: layers,
    ...extra,
  } as TopLevelSpec;
}

/**
 * A dashed horizontal line at a target, as a layer list (empty without a
 * target). The layer has its own one-row data, so it is drawn once, not
 * once per row of the chart's data.
 */
export function targetLine(target: number | null): object[] {
  if (target === null) return [];
  return [
    {
      data: { values: [{ target }] },
      mark: { type: 'rule', color: COLORS.target, strokeDash: [6, 4] },
      encoding: { y: { field: 'target', type: 'quantitative' } },
    },
  ];
}
