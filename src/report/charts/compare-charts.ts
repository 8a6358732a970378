/**
 * The charts of a comparison: the service level per interval of every
 * scenario on one clock axis, and the paired differences from the baseline
 * with their confidence intervals (dot and whisker).
 */
import type { CompareResult, KpiDifference } from '../../experiment/compare.js';
import { intervalClockStart, intervalLength } from '../../model/scenario/index.js';
import type { ScenarioFacts } from '../../results/run-context.js';
import type { Chart } from './common.js';
import { COLORS, clockAxis, hours, layered, percent, WIDTH } from './common.js';

/** One colour per scenario, the baseline first (Tableau 10). */
export const SCENARIO_COLORS = [
  '#4c78a8',
  '#f58518',
  '#54a24b',
  '#e45756',
  '#72b7b2',
  '#eeca3b',
  '#b279a2',
  '#ff9da6',
  '#9d755d',
  '#bab0ac',
] as const;

function colorScale(labels: readonly string[]) {
  return { domain: [...labels], range: labels.map((_, i) => SCENARIO_COLORS[i % SCENARIO_COLORS.length]) };
}

/**
 * Service level per interval of every scenario on one clock axis, with CI
 * bands. `scenarios[i]` is the facts of `result.scenarios[i]` (for its
 * clock: scenarios may have different intervals).
 */
export function serviceLevelComparisonChart(
  result: CompareResult,
  scenarios: readonly ScenarioFacts[],
): Chart {
  const labels = result.scenarios.map((s) => s.label);
  const rows = result.scenarios.flatMap((s, k) =>
    s.result.byInterval.map((iv, i) => {
      const start = hours(intervalClockStart(scenarios[k].clock, i));
      const end = start + hours(intervalLength(scenarios[k].clock, i));
      const e = iv.kpis.serviceLevel;
      return {
        scenario: s.label,
        interval: `${iv.interval}–${iv.end}`,
        mid: (start + end) / 2,
        start,
        end,
        mean: e?.mean ?? null,
        lo: e?.lo ?? null,
        hi: e?.hi ?? null,
      };
    }),
  );
  const from = Math.min(...rows.map((r) => r.start));
  const to = Math.max(...rows.map((r) => r.end));
  const thresholds = [...new Set(result.scenarios.map((s) => s.result.serviceLevel.threshold))];
  const targets = [...new Set(result.scenarios.map((s) => s.result.serviceLevel.target))];
  const target = targets.length === 1 ? targets[0] : null;
  const T = thresholds.length === 1 ? `${thresholds[0]} s` : 'each scenario’s T';
  const ci = `${Math.round(result.confidenceLevel * 100)}% CI`;
  const color = {
    field: 'scenario',
    type: 'nominal',
    title: 'Scenario',
    scale: colorScale(labels),
    legend: { direction: 'vertical', symbolOpacity: 1 },
  };
  const x = { field: 'mid', type: 'quantitative', ...clockAxis(from, to) };
  const layers: object[] = [
    {
      // The CI bands (none with a single replication: the layer then draws nothing).
      transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
      mark: { type: 'area', opacity: 0.15, clip: true },
      encoding: {
        x,
        y: { field: 'lo', type: 'quantitative' },
        y2: { field: 'hi' },
        color,
      },
    },
    {
      mark: { type: 'line', point: { filled: true, size: 30 } },
      encoding: {
        x,
        y: {
          field: 'mean',
          type: 'quantitative',
          title: `Within ${T} (% of offered)`,
          axis: { format: '.0%' },
          scale: { domain: [0, 1] },
        },
        color,
        tooltip: [
          { field: 'scenario', title: 'Scenario' },
          { field: 'interval', title: 'Interval' },
          { field: 'mean', title: 'Service level', format: '.1%' },
          { field: 'lo', title: `${ci} low`, format: '.1%' },
          { field: 'hi', title: `${ci} high`, format: '.1%' },
        ],
      },
    },
  ];
  if (target !== null) {
    layers.push(
      {
        data: { values: [{ target, label: `target ${percent(target)}` }] },
        mark: { type: 'rule', color: COLORS.target, strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { y: { field: 'target', type: 'quantitative' } },
      },
      {
        data: { values: [{ target, label: `target ${percent(target)}` }] },
        mark: { type: 'text', color: COLORS.target, align: 'right', dy: -6, x: 'width' },
        encoding: { y: { field: 'target', type: 'quantitative' }, text: { field: 'label' } },
      },
    );
  }
  return {
    id: 'service-level',
    title: 'Service level per interval, every scenario',
    caption: `Share of calls answered within ${T} per interval, one line per scenario (the baseline first), each with its ${ci} band${target === null ? '' : ` and the ${percent(target)} target`}. The scenarios ran on the same calls, so where their lines part is the policy, not the noise.`,
    spec: layered(`Service level per interval (T = ${T})`, rows, layers),
  };
}

interface DifferenceGroup {
  readonly id: string;
  readonly title: string;
  readonly kpis: readonly string[];
  /** Multiplier from the KPI's unit to the axis (fractions → percentage points). */
  readonly scale: number;
  readonly axis: string;
  readonly format: string;
}

const GROUPS: readonly DifferenceGroup[] = [
  {
    id: 'differences-rates',
    title: 'Differences from the baseline: rates',
    kpis: ['serviceLevel', 'abandonRate', 'occupancy'],
    scale: 100,
    axis: 'Difference (percentage points)',
    format: '+.1f',
  },
  {
    id: 'differences-waits',
    title: 'Differences from the baseline: waits',
    kpis: ['asa', 'waitP90'],
    scale: 1,
    axis: 'Difference (seconds)',
    format: '+.1f',
  },
];

function differenceChart(result: CompareResult, group: DifferenceGroup): Chart | null {
  const others = result.scenarios.slice(1).map((s) => s.label);
  const rows = result.differences
    .filter((d: KpiDifference) => d.callType === null && group.kpis.includes(d.kpi))
    .filter((d) => d.difference.mean !== null)
    .map((d) => ({
      scenario: d.scenario,
      kpi: d.label,
      mean: (d.difference.mean as number) * group.scale,
      lo: d.difference.lo === null ? null : d.difference.lo * group.scale,
      hi: d.difference.hi === null ? null : d.difference.hi * group.scale,
      significant: d.significant ? 'yes' : 'no',
    }));
  if (rows.length === 0) return null;
  const kpiOrder = group.kpis
    .map((k) => result.differences.find((d) => d.kpi === k)?.label)
    .filter((l): l is string => l !== undefined && rows.some((r) => r.kpi === l));
  const ci = `${Math.round(result.confidenceLevel * 100)}% CI`;
  const y = { field: 'kpi', type: 'nominal', title: null, sort: kpiOrder };
  const yOffset = others.length > 1 ? { yOffset: { field: 'scenario', type: 'nominal', sort: others } } : {};
  const palette = colorScale(result.scenarios.map((s) => s.label));
  const color = {
    field: 'scenario',
    type: 'nominal',
    title: 'Scenario',
    // The baseline's colour stays the baseline's: the scenarios keep theirs from the other charts.
    scale: { domain: palette.domain.slice(1), range: palette.range.slice(1) },
    legend: others.length > 1 ? { direction: 'vertical' } : null,
  };
  const tooltip = [
    { field: 'scenario', title: 'Scenario' },
    { field: 'kpi', title: 'KPI' },
    { field: 'mean', title: group.axis, format: group.format },
    { field: 'lo', title: `${ci} low`, format: group.format },
    { field: 'hi', title: `${ci} high`, format: group.format },
    { field: 'significant', title: 'Significant' },
  ];
  return {
    id: group.id,
    title: group.title,
    caption: `Each scenario minus the baseline (${result.scenarios[0].label}), all calls, paired by replication, with its ${ci} as a whisker; a filled dot is significant (the interval excludes 0), a hollow one is not.`,
    spec: layered(
      group.title,
      rows,
      [
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: 'rule', color: '#888', strokeDash: [4, 3] },
          encoding: { x: { field: 'zero', type: 'quantitative' } },
        },
        // Whiskers only where there are intervals (none with a single replication).
        ...(rows.some((r) => r.lo !== null && r.hi !== null)
          ? [
              {
                transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
                mark: { type: 'rule', strokeWidth: 2 },
                encoding: {
                  y,
                  ...yOffset,
                  x: { field: 'lo', type: 'quantitative', title: group.axis },
                  x2: { field: 'hi' },
                  color,
                  tooltip,
                },
              },
            ]
          : []),
        {
          mark: { type: 'point', size: 70, strokeWidth: 2, opacity: 1 },
          encoding: {
            y,
            ...yOffset,
            x: {
              field: 'mean',
              type: 'quantitative',
              title: group.axis,
              axis: { format: '+~f', labelOverlap: 'parity' },
            },
            color,
            fill: {
              ...color,
              condition: { test: "datum.significant !== 'yes'", value: 'white' },
            },
            tooltip,
          },
        },
      ],
      // With several scenarios the step is each scenario's sub-band within a KPI's band.
      { width: WIDTH, height: { step: others.length > 1 ? 16 : 36 } },
    ),
  };
}

/** The charts of a comparison report. */
export function compareCharts(result: CompareResult, scenarios: readonly ScenarioFacts[]): Chart[] {
  const charts: Chart[] = [serviceLevelComparisonChart(result, scenarios)];
  for (const group of GROUPS) {
    const chart = differenceChart(result, group);
    if (chart !== null) charts.push(chart);
  }
  return charts;
}
