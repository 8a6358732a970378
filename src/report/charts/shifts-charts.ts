/**
 * Charts of a shift plan (`ccsim shifts`): the agents required against the
 * agents the roster puts on duty, per interval and group; and the service
 * level the roster achieves when the scenario is simulated with it.
 */
import type { Coverage } from '../../results/shifts.js';
import type { Chart } from './common.js';
import { COLORS, clockAxis, layered, percent, hoursOfLabel } from './common.js';

export interface AchievedView {
  readonly interval: string;
  readonly serviceLevel: {
    readonly mean: number | null;
    readonly lo: number | null;
    readonly hi: number | null;
  };
}

/** Interval length in hours, from the first two distinct labels (half an hour for one interval). */
function stepOf(labels: readonly string[]): number {
  const distinct = [...new Set(labels)].map(hoursOfLabel).sort((a, b) => a - b);
  return distinct.length > 1 ? distinct[1] - distinct[0] : 0.5;
}

/** Required (dashed) against on duty (solid), as steps over each interval, one colour per group. */
export function coverageChart(coverage: readonly Coverage[]): Chart {
  const step = stepOf(coverage.map((c) => c.interval));
  const points: object[] = [];
  for (const c of coverage) {
    const start = hoursOfLabel(c.interval);
    for (const [series, agents] of [
      ['required', c.required],
      ['on duty', c.onDuty],
    ] as const) {
      // Two points per interval: a step that holds over the whole interval.
      points.push({ x: start, group: c.group, series, agents, label: c.interval });
      points.push({ x: start + step, group: c.group, series, agents, label: c.interval });
    }
  }
  const starts = coverage.map((c) => hoursOfLabel(c.interval));
  const from = starts.length > 0 ? Math.min(...starts) : 0;
  const to = starts.length > 0 ? Math.max(...starts) + step : 1;
  return {
    id: 'coverage',
    title: 'Required against on duty',
    caption:
      'Agents each group needs (dashed) and the agents the roster puts on duty (solid: each shift counts for the part of the interval it works, breaks excluded), per interval.',
    spec: layered('Agents required and on duty per interval', points, [
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x: { field: 'x', type: 'quantitative', ...clockAxis(from, to) },
          y: { field: 'agents', type: 'quantitative', title: 'Agents' },
          color: { field: 'group', type: 'nominal', title: 'Agent group' },
          strokeDash: {
            field: 'series',
            type: 'nominal',
            title: 'Series',
            scale: {
              domain: ['required', 'on duty'],
              range: [
                [6, 3],
                [1, 0],
              ],
            },
          },
          detail: { field: 'series' },
          tooltip: [
            { field: 'label', title: 'Interval' },
            { field: 'group', title: 'Group' },
            { field: 'series', title: 'Series' },
            { field: 'agents', title: 'Agents', format: '.2f' },
          ],
        },
      },
    ]),
  };
}

/** The service level the simulated roster achieves per interval, with its confidence band and the target. */
export function achievedChart(
  achieved: readonly AchievedView[],
  target: number | null,
  threshold: number,
  confidenceLevel: number,
): Chart {
  const step = stepOf(achieved.map((a) => a.interval));
  const values = achieved.map((a) => ({
    mid: hoursOfLabel(a.interval) + step / 2,
    label: a.interval,
    mean: a.serviceLevel.mean,
    lo: a.serviceLevel.lo,
    hi: a.serviceLevel.hi,
  }));
  const from = values.length > 0 ? values[0].mid - step / 2 : 0;
  const to = values.length > 0 ? values[values.length - 1].mid + step / 2 : 1;
  const ci = `${Math.round(confidenceLevel * 100)}% CI`;
  const x = { field: 'mid', type: 'quantitative', ...clockAxis(from, to) };
  return {
    id: 'achieved-service-level',
    title: 'Service level the roster achieves',
    caption: `The scenario simulated with the roster: share of calls answered within ${threshold} s per interval, with its ${ci} band${target === null ? '' : ` and the ${percent(target)} target (dashed)`}.`,
    spec: layered(`Service level with the roster (T = ${threshold} s)`, values, [
      {
        mark: { type: 'area', color: COLORS.band, opacity: 0.2, clip: true },
        encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
      },
      {
        mark: {
          type: 'line',
          color: COLORS.primary,
          point: { filled: true, size: 30, color: COLORS.primary },
        },
        encoding: {
          x: { field: 'mid', type: 'quantitative' },
          y: {
            field: 'mean',
            type: 'quantitative',
            title: `Within ${threshold} s`,
            axis: { format: '.0%' },
            scale: { domain: [0, 1] },
          },
          tooltip: [
            { field: 'label', title: 'Interval' },
            { field: 'mean', title: 'Service level', format: '.1%' },
            { field: 'lo', title: `${ci} low`, format: '.1%' },
            { field: 'hi', title: `${ci} high`, format: '.1%' },
          ],
        },
      },
      ...(target === null
        ? []
        : [
            {
              data: { values: [{ target }] },
              mark: { type: 'rule', color: COLORS.target, strokeDash: [6, 4], strokeWidth: 1.5 },
              encoding: { y: { field: 'target', type: 'quantitative' } },
            },
          ]),
    ]),
  };
}
