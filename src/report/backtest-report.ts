/**
 * A back-test as text (the terminal), CSV and an HTML page with the observed points over the
 * simulated bands.
 */
import type { BacktestKpi, BacktestResult, ErrorSummary } from '../results/backtest.js';
import { BACKTEST_KPIS } from '../results/backtest.js';
import { CCSIM_VERSION } from '../experiment/version.js';
import { backtestCharts } from './charts/backtest-charts.js';
import { table } from './format.js';
import { escapeHtml, htmlPage } from './html.js';
import type { ReportFiles } from './write-report.js';
import { chartFiles, writeFiles } from './write-report.js';

export interface BacktestSource {
  readonly scenario: string;
  readonly log: string;
  readonly mapping: string;
}

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
const points = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} pt`);
const sec = (x: number | null) => (x === null ? '–' : `${x.toFixed(1)} s`);

function errorOf(kpi: BacktestKpi, x: number | null): string {
  return kpi === 'asa' ? sec(x) : points(x);
}

const LABEL: Record<BacktestKpi, string> = {
  serviceLevel: 'Service level',
  abandonRate: 'Abandonment',
  asa: 'ASA',
};

/** The summary: error of the model and of Erlang A and C, per KPI, and the band's coverage. */
export function backtestSummaryRows(result: BacktestResult): string[][] {
  const s = result.summary;
  const rows = (name: string, e: ErrorSummary) =>
    BACKTEST_KPIS.map((k) => [`${name}: ${LABEL[k]}`, errorOf(k, e.mae[k]), errorOf(k, e.bias[k])]);
  return [
    ...rows('ccsim', s),
    ...rows('Erlang A', s.erlangA),
    ...rows('Erlang C', s.erlangC).filter((r) => !r[0].endsWith('Abandonment')),
  ];
}

export function backtestText(result: BacktestResult, source: BacktestSource): string {
  const s = result.summary;
  const mode =
    result.mode === 'average'
      ? `the scenario as an average day against the log's ${result.dates.length} day(s) (ratio of sums)`
      : `each of the log's ${result.dates.length} day(s) replayed with its own arrivals and staffing`;
  const head = [
    `Back-test of ${source.scenario} against ${source.log}`,
    `${mode}; ${s.intervals} interval(s)`,
    '',
  ].join('\n');
  const intervals =
    result.mode === 'average'
      ? table(
          [
            'Interval',
            'Offered',
            'SL obs',
            'SL sim [band]',
            'SL Erl A',
            'Aband obs',
            'Aband sim',
            'ASA obs',
            'ASA sim',
          ],
          result.intervals.map((iv) => [
            iv.interval,
            iv.observed.offered.toFixed(1),
            pct(iv.observed.serviceLevel),
            `${pct(iv.simulated.serviceLevel.mean)} [${pct(iv.simulated.serviceLevel.lo)}, ${pct(iv.simulated.serviceLevel.hi)}]`,
            pct(iv.erlangA.serviceLevel),
            pct(iv.observed.abandonRate),
            pct(iv.simulated.abandonRate.mean),
            sec(iv.observed.asa),
            sec(iv.simulated.asa.mean),
          ]),
        ) + '\n'
      : '';
  const summary = table(
    ['Mean absolute error per interval', 'MAE', 'Bias (model − log)'],
    backtestSummaryRows(result),
  );
  const coverage = `\nObserved inside the 95% band: ${pct(s.coverage)} (service level ${pct(s.coverageByKpi.serviceLevel)}, abandonment ${pct(s.coverageByKpi.abandonRate)}, ASA ${pct(s.coverageByKpi.asa)})\n`;
  return head + intervals + summary + coverage;
}

export function backtestCsv(result: BacktestResult): string {
  const header = [
    'date',
    'interval',
    'offered',
    ...BACKTEST_KPIS.flatMap((k) => [
      `${k}_observed`,
      `${k}_simulated`,
      `${k}_lo`,
      `${k}_hi`,
      `${k}_erlang_a`,
    ]),
  ];
  const cell = (x: number | null) => (x === null ? '' : String(x));
  const lines = result.intervals.map((iv) =>
    [
      iv.date ?? '',
      iv.interval,
      String(iv.observed.offered),
      ...BACKTEST_KPIS.flatMap((k) => [
        cell(iv.observed[k]),
        cell(iv.simulated[k].mean),
        cell(iv.simulated[k].lo),
        cell(iv.simulated[k].hi),
        cell(iv.erlangA[k]),
      ]),
    ].join(','),
  );
  return `${header.join(',')}\n${lines.join('\n')}\n`;
}

function summaryHtml(result: BacktestResult, source: BacktestSource): string {
  const rows = backtestSummaryRows(result)
    .map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(r[0])}</th><td>${escapeHtml(r[1])}</td><td>${escapeHtml(r[2])}</td></tr>`,
    )
    .join('\n');
  const s = result.summary;
  return `<section id="summary"><h2>How close</h2>
<p>Scenario <code>${escapeHtml(source.scenario)}</code>, log <code>${escapeHtml(source.log)}</code> (mapping <code>${escapeHtml(source.mapping)}</code>), ${result.dates.length} day(s): ${escapeHtml(result.dates.join(', '))}.</p>
<p>Observed inside the 95% prediction band: <strong>${pct(s.coverage)}</strong> of ${s.intervals} interval(s) × 3 KPIs (service level ${pct(s.coverageByKpi.serviceLevel)}, abandonment ${pct(s.coverageByKpi.abandonRate)}, ASA ${pct(s.coverageByKpi.asa)}).</p>
<table><thead><tr><th>Mean absolute error per interval</th><th>MAE</th><th>Bias (model − log)</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

function definitionsHtml(result: BacktestResult): string {
  const defs = Object.entries(result.definitions)
    .map(([k, d]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(d)}</dd>`)
    .join('\n');
  return `<section id="definitions"><h2>Definitions</h2><dl>${defs}</dl></section>`;
}

export async function writeBacktestReport(
  result: BacktestResult,
  source: BacktestSource,
  directory: string,
): Promise<ReportFiles> {
  const charts = backtestCharts(result);
  const rendered = await chartFiles(charts);
  const page = htmlPage({
    title: `Back-test: ${source.scenario}`,
    subtitle: `against ${source.log} · ${result.mode === 'average' ? 'average day' : 'day by day'} · ccsim ${CCSIM_VERSION}`,
    before: summaryHtml(result, source),
    charts,
    after: definitionsHtml(result),
    linkFiles: true,
  });
  return writeFiles(directory, [
    ['index.html', page],
    ...rendered,
    ['backtest.json', `${JSON.stringify(result, null, 2)}\n`],
    ['backtest.csv', backtestCsv(result)],
  ]);
}
