/**
 * Back-test charts: per KPI, the observed value of each interval over the simulated band, with the
 * simulated mean and Erlang A beside it (average mode); observed against simulated, one point per
 * day and interval, with the diagonal (per-day mode).
 */
import type { BacktestKpi, BacktestResult } from '../../results/backtest.js';
import { BACKTEST_KPIS } from '../../results/backtest.js';
import type { Chart } from './common.js';
import { clockAxis, COLORS, layered, hoursOfLabel } from './common.js';

const TITLES: Record<BacktestKpi, { title: string; axis: string; scale: number }> = {
  serviceLevel: { title: 'Service level', axis: 'Service level (%)', scale: 100 },
  abandonRate: { title: 'Abandonment', axis: 'Abandon rate (%)', scale: 100 },
  asa: { title: 'ASA', axis: 'ASA (s)', scale: 1 },
};

export function backtestCharts(result: BacktestResult): Chart[] {
  return result.mode === 'average'
    ? BACKTEST_KPIS.map((k) => bandChart(result, k))
    : BACKTEST_KPIS.map((k) => scatterChart(result, k));
}

function bandChart(result: BacktestResult, kpi: BacktestKpi): Chart {
  const { title, axis, scale } = TITLES[kpi];
  const starts = result.intervals.map((iv) => hoursOfLabel(iv.interval));
  const step = starts.length > 1 ? starts[1] - starts[0] : 1;
  const from = Math.min(...starts);
  const to = Math.max(...starts) + step;
  const v = (x: number | null) => (x === null ? null : x * scale);
  const rows = result.intervals.map((iv) => ({
    x: hoursOfLabel(iv.interval) + step / 2,
    label: iv.interval,
    observed: v(iv.observed[kpi]),
    simulated: v(iv.simulated[kpi].mean),
    lo: v(iv.simulated[kpi].lo),
    hi: v(iv.simulated[kpi].hi),
    erlangA: v(iv.erlangA[kpi]),
  }));
  const x = { field: 'x', type: 'quantitative', ...clockAxis(from, to) } as const;
  return {
    id: `backtest-${kpi}`,
    title: `${title}: observed against simulated`,
    caption: `${title} per interval: the log's value over its ${result.dates.length} day(s) (dots), the simulated mean (line) and its 95% prediction band for an average of that many days (shaded), and Erlang A with the same inputs (dashed).`,
    spec: layered(`${title} per interval`, rows, [
      {
        mark: { type: 'area', opacity: 0.25, color: COLORS.band },
        encoding: { x, y: { field: 'lo', type: 'quantitative', title: axis }, y2: { field: 'hi' } },
      },
      {
        mark: { type: 'line', color: COLORS.primary, strokeWidth: 2 },
        encoding: { x, y: { field: 'simulated', type: 'quantitative' } },
      },
      {
        mark: { type: 'line', color: COLORS.secondary, strokeDash: [6, 4] },
        encoding: { x, y: { field: 'erlangA', type: 'quantitative' } },
      },
      {
        mark: { type: 'point', filled: true, color: COLORS.offered, size: 50 },
        encoding: {
          x,
          y: { field: 'observed', type: 'quantitative' },
          tooltip: [
            { field: 'label', title: 'Interval' },
            { field: 'observed', title: 'Observed', format: '.1f' },
            { field: 'simulated', title: 'Simulated', format: '.1f' },
            { field: 'lo', title: 'Band low', format: '.1f' },
            { field: 'hi', title: 'Band high', format: '.1f' },
            { field: 'erlangA', title: 'Erlang A', format: '.1f' },
          ],
        },
      },
    ]),
  };
}

function scatterChart(result: BacktestResult, kpi: BacktestKpi): Chart {
  const { title, axis, scale } = TITLES[kpi];
  const rows = result.intervals
    .filter((iv) => iv.observed[kpi] !== null && iv.simulated[kpi].mean !== null)
    .map((iv) => {
      const o = (iv.observed[kpi] as number) * scale;
      const lo = iv.simulated[kpi].lo;
      const hi = iv.simulated[kpi].hi;
      const inside = lo !== null && hi !== null && o >= lo * scale - 1e-9 && o <= hi * scale + 1e-9;
      return {
        date: iv.date ?? '',
        label: iv.interval,
        observed: o,
        simulated: (iv.simulated[kpi].mean as number) * scale,
        band: inside ? 'inside the band' : 'outside the band',
      };
    });
  const top = Math.max(1, ...rows.map((r) => Math.max(r.observed, r.simulated)));
  return {
    id: `backtest-${kpi}`,
    title: `${title}: each day and interval`,
    caption: `${title} of each day and interval: simulated mean (x) against the log (y); on the diagonal they agree; colour says whether the observation is inside the 95% band of a single simulated day.`,
    spec: layered(
      `${title}, observed against simulated, per day and interval`,
      rows,
      [
        {
          data: { values: [{ a: 0 }, { a: top }] },
          mark: { type: 'line', color: '#999', strokeDash: [4, 4] },
          encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'a', type: 'quantitative' } },
        },
        {
          mark: { type: 'point', filled: true, opacity: 0.7 },
          encoding: {
            x: { field: 'simulated', type: 'quantitative', title: `Simulated ${axis}` },
            y: { field: 'observed', type: 'quantitative', title: `Observed ${axis}` },
            color: {
              field: 'band',
              type: 'nominal',
              title: 'Observation',
              scale: {
                domain: ['inside the band', 'outside the band'],
                range: [COLORS.primary, COLORS.abandoned],
              },
            },
            tooltip: [
              { field: 'date', title: 'Date' },
              { field: 'label', title: 'Interval' },
              { field: 'observed', title: 'Observed', format: '.1f' },
              { field: 'simulated', title: 'Simulated', format: '.1f' },
            ],
          },
        },
      ],
      { height: 320, width: 320 },
    ),
  };
}
