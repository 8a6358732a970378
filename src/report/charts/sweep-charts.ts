/**
 * The charts of a sweep: each headline KPI against the swept parameter with
 * its CI band (one line per value of a second parameter), a heatmap of the
 * service level for two-parameter grids, and the cheapest grid point that
 * meets the targets marked on every chart.
 */
import type { SweepResult } from '../../experiment/sweep.js';
import { KPI_BY_NAME } from '../../model/kpis.js';
import { DEFAULT_SERVICE_LEVEL_TARGET } from '../../model/scenario/compile.js';
import { targetOf } from '../headline.js';
import type { SweepVerdict } from '../sweep-best.js';
import type { Chart } from './common.js';
import { COLORS, CONFIG, HEIGHT, WIDTH, percent, targetLine } from './common.js';

const KPIS = ['serviceLevel', 'asa', 'abandonRate', 'occupancy', 'cost'] as const;

/** A KPI's target (the same at every grid point: the scenario's), or null. */
function sweepTarget(result: SweepResult, kpi: string): number | null {
  const first = result.points[0]?.result;
  return first === undefined ? null : (targetOf(first, kpi)?.value ?? null);
}

function numeric(result: SweepResult, path: string): boolean {
  return result.points.every((p) => typeof p.parameters[path] === 'number');
}

/**
 * No precision in the specifier: Vega then picks it from the tick step
 * (2.5%, 3.0% …), where a fixed `.0%` printed 0.5% steps as "3%, 3%, 2%, 2%".
 */
function axisFormat(unit: string): string {
  return unit === 'fraction' ? '%' : unit === 'seconds' ? 'f' : ',';
}

/** Axis labels never touch: Vega hides those closer than this (px) rather than printing "150152". */
const LABEL_SEPARATION = 8;

/** Where a point sits across [lo, hi], 0 to 1 (0.5 when the range is empty). */
function position(value: number, lo: number, hi: number): number {
  return hi > lo ? (value - lo) / (hi - lo) : 0.5;
}

/**
 * The "cheapest meeting targets" label beside the best point, kept inside the
 * plot: left-aligned near the left edge, right-aligned near the right one,
 * and below the point when the point is near the top (where it would cover
 * the top tick and the title).
 */
function bestLabelPlacement(
  data: ReadonlyArray<{ x: number | string; mean: number | null; lo: number | null; hi: number | null }>,
  best: number,
  target: number | null,
): { align: 'left' | 'center' | 'right'; dx: number; dy: number; baseline: 'bottom' | 'top' } {
  const point = data[best];
  const across =
    typeof point.x === 'number'
      ? position(
          point.x,
          Math.min(...data.map((d) => Number(d.x))),
          Math.max(...data.map((d) => Number(d.x))),
        )
      : position(best, 0, data.length - 1);
  const values = data
    .flatMap((d) => [d.mean, d.lo, d.hi])
    .concat(target)
    .filter((v): v is number => v !== null);
  const up = position(point.mean ?? 0, Math.min(0, ...values), Math.max(...values));
  const align = across < 0.25 ? 'left' : across > 0.75 ? 'right' : 'center';
  return {
    align,
    dx: 0,
    dy: up > 0.7 ? 14 : -14,
    baseline: up > 0.7 ? 'top' : 'bottom',
  };
}

/** The series label of a point: the values of every parameter after the first. */
function seriesOf(result: SweepResult, parameters: GridLike): string {
  const rest = result.parameters.slice(1);
  return rest.length === 0
    ? 'all'
    : rest.map((p) => `${p.path.split('.').pop()}=${parameters[p.path]}`).join(', ');
}

type GridLike = Readonly<Record<string, number | string>>;

function kpiChart(result: SweepResult, verdict: SweepVerdict, kpi: string): Chart | null {
  const def = KPI_BY_NAME.get(kpi);
  if (def === undefined) return null;
  if (kpi === 'cost' && !result.points.some((p) => (p.total.cost?.mean ?? 0) > 0)) return null;
  const x = result.parameters[0].path;
  const xNumeric = numeric(result, x);
  const format = axisFormat(def.unit);
  const data = result.points.map((p, i) => ({
    x: p.parameters[x],
    series: seriesOf(result, p.parameters),
    point: p.index,
    parameters: result.parameters.map((q) => `${q.path} = ${p.parameters[q.path]}`).join('; '),
    mean: p.total[kpi]?.mean ?? null,
    lo: p.total[kpi]?.lo ?? null,
    hi: p.total[kpi]?.hi ?? null,
    feasible:
      verdict.feasible[i] === null ? 'no target' : verdict.feasible[i] ? 'meets targets' : 'misses targets',
    best: verdict.best === i,
  }));
  const integers = xNumeric && result.points.every((p) => Number.isInteger(p.parameters[x]));
  const xEnc = xNumeric
    ? {
        field: 'x',
        type: 'quantitative',
        title: x,
        scale: { zero: false, nice: false },
        axis: {
          ...(integers ? { tickMinStep: 1, format: 'd' } : {}),
          labelOverlap: true,
          labelSeparation: LABEL_SEPARATION,
        },
      }
    : {
        field: 'x',
        type: 'ordinal',
        title: x,
        sort: null,
        axis: { labelOverlap: true, labelSeparation: LABEL_SEPARATION },
      };
  const several = result.parameters.length > 1;
  const color = several
    ? {
        field: 'series',
        type: 'nominal',
        title: result.parameters
          .slice(1)
          .map((p) => p.path)
          .join(', '),
        // Line swatches in the colour of the lines (the bands' pale fill made them unreadable).
        legend: { symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1, symbolFillColor: null },
      }
    : { value: COLORS.primary };
  const target = sweepTarget(result, kpi);
  const layers: object[] = [
    {
      mark: { type: 'area', opacity: 0.15, ...(several ? {} : { color: COLORS.band }) },
      encoding: {
        x: xEnc,
        y: { field: 'lo', type: 'quantitative' },
        y2: { field: 'hi' },
        ...(several ? { color } : {}),
      },
    },
    {
      mark: { type: 'line', point: { filled: true, size: 40 } },
      encoding: {
        x: xEnc,
        y: {
          field: 'mean',
          type: 'quantitative',
          title: `${def.label} (${def.unit === 'fraction' ? '%' : def.unit})`,
          axis: { format, labelOverlap: true, labelSeparation: LABEL_SEPARATION },
        },
        color,
        tooltip: [
          { field: 'parameters', title: 'Grid point' },
          { field: 'mean', title: def.label, format: def.unit === 'fraction' ? '.1%' : '.2f' },
          { field: 'lo', title: 'CI low', format: def.unit === 'fraction' ? '.1%' : '.2f' },
          { field: 'hi', title: 'CI high', format: def.unit === 'fraction' ? '.1%' : '.2f' },
          { field: 'feasible', title: 'Targets' },
        ],
      },
    },
  ];
  if (verdict.best !== null) {
    const placement = bestLabelPlacement(data, verdict.best, target);
    layers.push(
      {
        transform: [{ filter: 'datum.best' }],
        mark: {
          type: 'point',
          shape: 'circle',
          size: 400,
          strokeWidth: 3,
          color: COLORS.answered,
          filled: false,
        },
        encoding: { x: xEnc, y: { field: 'mean', type: 'quantitative' } },
      },
      {
        transform: [{ filter: 'datum.best' }],
        mark: {
          type: 'text',
          ...placement,
          fontWeight: 'bold',
          color: COLORS.answered,
          text: 'cheapest meeting targets',
        },
        encoding: { x: xEnc, y: { field: 'mean', type: 'quantitative' } },
      },
    );
  }
  layers.push(...targetLine(target));
  return {
    id: `sweep-${kpi}`,
    title: `${def.label} against ${x}`,
    caption: `${def.label} at each grid point, with its confidence band${target === null ? '' : ` and the target (${def.unit === 'fraction' ? percent(target) : target})`}${verdict.best === null ? '' : '; the circled point is the cheapest that meets every target'}.`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `${def.label} against ${x}`,
      width: WIDTH,
      height: HEIGHT,
      config: CONFIG,
      data: { values: data },
      layer: layers,
    } as Chart['spec'],
  };
}

/** The widest a heatmap grows (px) before its cells narrow. */
const HEATMAP_WIDTH = 960;

/** A cell's text: "91.5%" where it fits, "92%" in narrower cells, none in the narrowest (the tooltip has it). */
function cellLabel(level: number | null, cell: number): string {
  if (level === null || cell < 28) return '';
  return cell >= 40 ? percent(level) : `${Math.round(level * 100)}%`;
}

function heatmap(result: SweepResult, verdict: SweepVerdict): Chart {
  const [px, py] = result.parameters;
  const cell = Math.max(12, Math.min(48, Math.floor(HEATMAP_WIDTH / px.values.length)));
  const data = result.points.map((p, i) => ({
    x: p.parameters[px.path],
    y: p.parameters[py.path],
    mean: p.total.serviceLevel?.mean ?? null,
    label: cellLabel(p.total.serviceLevel?.mean ?? null, cell),
    feasible: verdict.feasible[i] === true,
    best: verdict.best === i,
    status:
      verdict.feasible[i] === null ? 'no target' : verdict.feasible[i] ? 'meets targets' : 'misses targets',
  }));
  const levels = data.map((d) => d.mean).filter((v): v is number => v !== null);
  const lowest = Math.min(...levels, 1);
  const highest = Math.max(...levels, 0);
  const mid = sweepTarget(result, 'serviceLevel') ?? DEFAULT_SERVICE_LEVEL_TARGET;
  const x = { field: 'x', type: 'ordinal', title: px.path, sort: null };
  const y = { field: 'y', type: 'ordinal', title: py.path, sort: 'descending' };
  return {
    id: 'sweep-heatmap',
    title: `Service level over ${px.path} × ${py.path}`,
    caption: `Service level at every grid point; outlined cells meet every target${verdict.best === null ? '' : ', ★ marks the cheapest of them'}.`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `Service level over ${px.path} × ${py.path}`,
      width: cell * px.values.length,
      height: Math.min(480, 32 * py.values.length + 20),
      config: CONFIG,
      data: { values: data },
      encoding: { x, y },
      layer: [
        {
          mark: { type: 'rect' },
          encoding: {
            color: {
              field: 'mean',
              type: 'quantitative',
              title: 'Service level',
              // Centred on the target (or 80%) so that passing and failing cells read apart.
              scale: {
                scheme: 'redyellowgreen',
                domain: [Math.min(lowest, mid - 0.05), Math.max(highest, mid + 0.05, 1e-9)],
                domainMid: mid,
              },
              legend: { format: '.0%' },
            },
            tooltip: [
              { field: 'x', title: px.path },
              { field: 'y', title: py.path },
              { field: 'mean', title: 'Service level', format: '.1%' },
              { field: 'status', title: 'Targets' },
            ],
          },
        },
        ...(verdict.feasible.some((f) => f === true)
          ? [
              {
                transform: [{ filter: 'datum.feasible' }],
                mark: { type: 'rect', fill: null, stroke: '#1f2328', strokeWidth: 2 },
              },
            ]
          : []),
        {
          mark: { type: 'text', fontSize: 10 },
          encoding: { text: { field: 'label' }, color: { value: '#1f2328' } },
        },
        ...(verdict.best === null
          ? []
          : [
              {
                transform: [{ filter: 'datum.best' }],
                mark: { type: 'text', text: '★', dy: -11, fontSize: 12, color: '#1f2328' },
              },
            ]),
      ],
    } as Chart['spec'],
  };
}

export function sweepCharts(result: SweepResult, verdict: SweepVerdict): Chart[] {
  const charts: Chart[] = [];
  if (result.parameters.length === 2) charts.push(heatmap(result, verdict));
  for (const kpi of KPIS) {
    const chart = kpiChart(result, verdict, kpi);
    if (chart !== null) charts.push(chart);
  }
  return charts;
}
