/**
 * The charts of a DR (N-1) analysis: per failed site, a timeline of the
 * service level and the queue per interval with the outage shaded and the
 * baseline dashed; across failed sites, the service level during the
 * outage and the calls lost, with their confidence intervals.
 *
 * The analysis' shapes are declared in src/results/dr.ts (the report layer
 * does not import src/planning).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { DrCase, DrPhase, DrResult, DrSizing } from '../../results/dr.js';
import type { Chart } from './common.js';
import { COLORS, CONFIG, HEIGHT, WIDTH, clockAxis, hours, percent } from './common.js';

/** The during phase of a case (undefined if absent). */
export function duringOf(c: DrCase): DrPhase | undefined {
  return c.phases.find((p) => p.phase === 'during');
}

const BASELINE_COLOR = '#9a9a9a';

function ciOf(result: DrResult): string {
  return `${Math.round(result.confidenceLevel * 100)}% CI`;
}

/** The outage band and the detection rule, on a clock x axis (hours). */
function outageLayers(result: DrResult, yDomainTop: boolean): object[] {
  const o = result.outage;
  const band = {
    data: {
      values: [
        {
          from: hours(o.atSeconds),
          to: hours(o.endSeconds),
          label: `outage ${o.at}–${o.end}`,
        },
      ],
    },
    mark: { type: 'rect', color: COLORS.abandoned, opacity: 0.1 },
    encoding: {
      x: { field: 'from', type: 'quantitative' },
      x2: { field: 'to' },
      tooltip: [{ field: 'label', title: 'Outage' }],
    },
  };
  const detected = hours(o.atSeconds + o.detectionDelay);
  const rule = {
    data: { values: [{ at: detected, label: `detected ${formatHours(detected)}` }] },
    mark: { type: 'rule', color: COLORS.abandoned, strokeDash: [2, 2], strokeWidth: 1.5 },
    encoding: {
      x: { field: 'at', type: 'quantitative' },
      tooltip: [{ field: 'label', title: 'Detection' }],
    },
  };
  const text = {
    data: { values: [{ at: hours((o.atSeconds + o.endSeconds) / 2), label: 'outage' }] },
    mark: { type: 'text', color: COLORS.abandoned, align: 'center', baseline: 'top', y: 4 },
    encoding: { x: { field: 'at', type: 'quantitative' }, text: { field: 'label' } },
  };
  return yDomainTop ? [band, rule, text] : [band, rule];
}

function formatHours(h: number): string {
  const minutes = Math.round(h * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

interface Row {
  readonly run: string;
  readonly interval: string;
  readonly mid: number;
  readonly mean: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}

function rowsOf(c: DrCase, run: string, kpi: 'serviceLevel' | 'queueLength'): Row[] {
  return c.timeline.map((p) => ({
    run,
    interval: `${p.interval}–${p.end}`,
    mid: hours((p.startSeconds + p.endSeconds) / 2),
    mean: p[kpi].mean,
    lo: p[kpi].lo,
    hi: p[kpi].hi,
  }));
}

/** One panel of a timeline: the failure's band and line, the baseline dashed, the outage shaded. */
function timelinePanel(
  result: DrResult,
  failure: DrCase,
  kpi: 'serviceLevel' | 'queueLength',
  extra: { title: string; format: string; domain?: [number, number]; target?: number | null; top: boolean },
): object {
  const from = hours(failure.timeline[0]?.startSeconds ?? 0);
  const to = hours(failure.timeline[failure.timeline.length - 1]?.endSeconds ?? 0);
  const x = { field: 'mid', type: 'quantitative', ...clockAxis(from, to) };
  const failed = rowsOf(failure, failure.label, kpi);
  const base = rowsOf(result.baseline, 'baseline', kpi);
  const ci = ciOf(result);
  const y = {
    field: 'mean',
    type: 'quantitative',
    title: extra.title,
    axis: { format: extra.format },
    ...(extra.domain === undefined ? {} : { scale: { domain: extra.domain } }),
  };
  const color = {
    field: 'run',
    type: 'nominal',
    title: null,
    scale: { domain: [failure.label, 'baseline'], range: [COLORS.primary, BASELINE_COLOR] },
    // The same legend in both panels: with the scale shared, it is drawn once.
    legend: { orient: 'top', direction: 'horizontal' },
  };
  const tooltip = [
    { field: 'run', title: 'Run' },
    { field: 'interval', title: 'Interval' },
    { field: 'mean', title: extra.title, format: extra.format },
    { field: 'lo', title: `${ci} low`, format: extra.format },
    { field: 'hi', title: `${ci} high`, format: extra.format },
  ];
  const layers: object[] = [...outageLayers(result, extra.top)];
  if (failed.some((r) => r.lo !== null && r.hi !== null)) {
    layers.push({
      data: { values: failed },
      transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
      mark: { type: 'area', color: COLORS.band, opacity: 0.2, clip: true },
      encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
    });
  }
  layers.push(
    {
      data: { values: base },
      mark: { type: 'line', strokeDash: [5, 4], strokeWidth: 1.5, clip: true },
      encoding: { x, y, color, tooltip },
    },
    {
      data: { values: failed },
      mark: { type: 'line', point: { filled: true, size: 28 }, clip: true },
      encoding: { x, y, color, tooltip },
    },
  );
  if (extra.target !== undefined && extra.target !== null) {
    const label = `target ${percent(extra.target)}`;
    layers.push(
      {
        data: { values: [{ target: extra.target, label }] },
        mark: { type: 'rule', color: COLORS.target, strokeDash: [6, 4], strokeWidth: 1 },
        encoding: { y: { field: 'target', type: 'quantitative' } },
      },
      {
        data: { values: [{ target: extra.target, label }] },
        mark: { type: 'text', color: COLORS.target, align: 'right', dy: -6, x: 'width' },
        encoding: { y: { field: 'target', type: 'quantitative' }, text: { field: 'label' } },
      },
    );
  }
  return { width: WIDTH, height: extra.top ? HEIGHT : Math.round(HEIGHT * 0.6), layer: layers };
}

/** Per failed site: service level and queue per interval, the outage shaded, the baseline dashed. */
export function timelineChart(result: DrResult, failure: DrCase, index: number): Chart {
  const T = result.serviceLevel.threshold;
  const target = result.serviceLevel.target;
  const o = result.outage;
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${failure.label} at ${o.at}: service level and queue per interval`,
    config: CONFIG,
    spacing: 12,
    vconcat: [
      timelinePanel(result, failure, 'serviceLevel', {
        title: `Within ${T} s`,
        format: '.0%',
        domain: [0, 1],
        target,
        top: true,
      }),
      timelinePanel(result, failure, 'queueLength', {
        title: 'Calls waiting (mean)',
        format: '.1f',
        top: false,
      }),
    ],
    resolve: { scale: { color: 'shared' } },
  } as unknown as TopLevelSpec;
  return {
    id: `timeline-${index + 1}-${slugOf(failure.failedSite ?? failure.label)}`,
    title: `${failure.label}: timeline`,
    caption: `${failure.label} from ${o.at} to ${o.end} (shaded), detected after ${Math.round(o.detectionDelay / 60)} min (dotted rule): network service level within ${T} s per interval with its ${ciOf(result)} band (top), and the time-average number of calls waiting (bottom); the dashed grey line is the baseline without failure, on the same calls.`,
    spec,
  };
}

function slugOf(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'site' : s;
}

/** CI whiskers over bars: a rule from lo to hi with short ticks at both ends. */
function whiskers(
  x: object,
  yTitle: string,
  tooltip: readonly object[],
  values?: readonly object[],
): object[] {
  const data = values === undefined ? {} : { data: { values } };
  const valid = [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }];
  const y = (field: string) => ({ field, type: 'quantitative', title: yTitle });
  return [
    {
      ...data,
      transform: valid,
      mark: { type: 'rule', color: '#333', strokeWidth: 1.5 },
      encoding: { x, y: y('lo'), y2: { field: 'hi' }, tooltip },
    },
    ...['lo', 'hi'].map((end) => ({
      ...data,
      transform: valid,
      mark: { type: 'tick', color: '#333', size: 14, thickness: 1.5 },
      encoding: { x, y: y(end), tooltip },
    })),
  ];
}

/** During-phase service level of the baseline and every failure, bars with CI whiskers. */
export function serviceLevelComparisonChart(
  result: DrResult,
  drTarget: { readonly serviceLevel: number; readonly threshold: number } | null,
): Chart {
  const T = result.serviceLevel.threshold;
  const target = result.serviceLevel.target;
  const cases = [result.baseline, ...result.failures];
  const rows = cases.map((c) => {
    const e = duringOf(c)?.kpis.serviceLevel;
    return {
      run: c.label,
      kind: c.failedSite === null ? 'baseline' : 'failure',
      mean: e?.mean ?? null,
      lo: e?.lo ?? null,
      hi: e?.hi ?? null,
    };
  });
  const ci = ciOf(result);
  const yTitle = `Within ${T} s, during the outage`;
  const x = {
    field: 'run',
    type: 'nominal',
    title: null,
    sort: cases.map((c) => c.label),
    axis: { labelAngle: 0 },
  };
  const color = {
    field: 'kind',
    type: 'nominal',
    title: null,
    scale: { domain: ['baseline', 'failure'], range: [BASELINE_COLOR, COLORS.primary] },
    legend: null,
  };
  const tooltip = [
    { field: 'run', title: 'Run' },
    { field: 'mean', title: 'Service level', format: '.1%' },
    { field: 'lo', title: `${ci} low`, format: '.1%' },
    { field: 'hi', title: `${ci} high`, format: '.1%' },
  ];
  const layers: object[] = [
    {
      mark: { type: 'bar', width: { band: 0.6 } },
      encoding: {
        x,
        y: {
          field: 'mean',
          type: 'quantitative',
          title: yTitle,
          axis: { format: '.0%' },
          scale: { domain: [0, 1] },
        },
        color,
        tooltip,
      },
    },
  ];
  if (rows.some((r) => r.lo !== null && r.hi !== null)) layers.push(...whiskers(x, yTitle, tooltip));
  const targets: Array<{ value: number; label: string; color: string }> = [];
  if (target !== null)
    targets.push({ value: target, label: `target ${percent(target)}`, color: COLORS.target });
  const drSameT = drTarget !== null && drTarget.threshold === T;
  if (drTarget !== null && drSameT && drTarget.serviceLevel !== target) {
    targets.push({
      value: drTarget.serviceLevel,
      label: `DR target ${percent(drTarget.serviceLevel)}`,
      color: COLORS.secondary,
    });
  }
  for (const t of targets) {
    layers.push(
      {
        data: { values: [{ target: t.value, label: t.label }] },
        mark: { type: 'rule', color: t.color, strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { y: { field: 'target', type: 'quantitative' } },
      },
      {
        data: { values: [{ target: t.value, label: t.label }] },
        mark: { type: 'text', color: t.color, align: 'right', dy: -6, x: 'width' },
        encoding: { y: { field: 'target', type: 'quantitative' }, text: { field: 'label' } },
      },
    );
  }
  const drNote =
    drTarget === null
      ? ''
      : drSameT
        ? ` The DR target (${percent(drTarget.serviceLevel)}) is drawn in orange; the sizing table shows the service level with the extra agents.`
        : ` The DR target (${percent(drTarget.serviceLevel)} within ${drTarget.threshold} s) uses another threshold: see the sizing table.`;
  return {
    id: 'service-level-during',
    title: 'Service level during the outage, per failed site',
    caption: `Network service level within ${T} s over the intervals of the outage (${result.outage.at}–${result.outage.end}), the baseline without failure first (grey), with ${ci} whiskers${target === null ? '' : ` and the ${percent(target)} target`}.${drNote}`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `Service level during the outage (${result.outage.at}–${result.outage.end})`,
      width: { step: 90 },
      height: HEIGHT,
      config: CONFIG,
      data: { values: rows },
      layer: layers,
    } as unknown as TopLevelSpec,
  };
}

const LOST_PARTS: ReadonlyArray<{ kpi: string; label: string; color: string }> = [
  { kpi: 'abandoned', label: 'Abandoned', color: COLORS.abandoned },
  { kpi: 'blocked', label: 'Blocked', color: COLORS.blocked },
  { kpi: 'failed', label: 'Failed (site down)', color: COLORS.secondary },
  { kpi: 'dropped', label: 'Dropped (cut off)', color: '#72b7b2' },
];

/** Calls lost during the outage per failed site: stacked by how, the total's CI as a whisker. */
export function callsLostChart(result: DrResult): Chart {
  const cases = [result.baseline, ...result.failures];
  const yTitle = 'Calls lost during the outage';
  const ci = ciOf(result);
  const parts = cases.flatMap((c) =>
    LOST_PARTS.map((p, order) => ({
      run: c.label,
      order,
      how: p.label,
      calls: duringOf(c)?.kpis[p.kpi]?.mean ?? 0,
    })),
  );
  const totals = cases.map((c) => {
    const e = duringOf(c)?.kpis.callsLost;
    return { run: c.label, mean: e?.mean ?? null, lo: e?.lo ?? null, hi: e?.hi ?? null };
  });
  const x = {
    field: 'run',
    type: 'nominal',
    title: null,
    sort: cases.map((c) => c.label),
    axis: { labelAngle: 0 },
  };
  const layers: object[] = [
    {
      data: { values: parts },
      mark: { type: 'bar', width: { band: 0.6 } },
      encoding: {
        x,
        y: { field: 'calls', type: 'quantitative', title: yTitle, stack: 'zero' },
        color: {
          field: 'how',
          type: 'nominal',
          title: 'Lost by',
          scale: { domain: LOST_PARTS.map((p) => p.label), range: LOST_PARTS.map((p) => p.color) },
        },
        order: { field: 'order', type: 'quantitative' },
        tooltip: [
          { field: 'run', title: 'Run' },
          { field: 'how', title: 'Lost by' },
          { field: 'calls', title: 'Calls (mean)', format: ',.1f' },
        ],
      },
    },
  ];
  if (totals.some((r) => r.lo !== null && r.hi !== null)) {
    const tooltip = [
      { field: 'run', title: 'Run' },
      { field: 'mean', title: 'Calls lost', format: ',.1f' },
      { field: 'lo', title: `${ci} low`, format: ',.1f' },
      { field: 'hi', title: `${ci} high`, format: ',.1f' },
    ];
    layers.push(...whiskers(x, yTitle, tooltip, totals));
  }
  return {
    id: 'calls-lost-during',
    title: 'Calls lost during the outage, per failed site',
    caption: `Attempts that got no complete service during the outage (${result.outage.at}–${result.outage.end}): abandoned, blocked (no free line or queue full), failed (sent to the failed site before detection) and dropped (cut off when it failed), mean over replications, with the ${ci} of their total as a whisker. Some of these callers try again: their redials count as new attempts.`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `Calls lost during the outage (${result.outage.at}–${result.outage.end})`,
      width: { step: 90 },
      height: HEIGHT,
      config: CONFIG,
      layer: layers,
    } as unknown as TopLevelSpec,
  };
}

/** The charts of a DR report: the two comparisons, then one timeline per failed site. */
export function drCharts(result: DrResult, sizing?: DrSizing): Chart[] {
  return [
    serviceLevelComparisonChart(result, sizing?.target ?? null),
    callsLostChart(result),
    ...result.failures.map((f, i) => timelineChart(result, f, i)),
  ];
}
