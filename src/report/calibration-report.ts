/**
 * What `ccsim calibrate` writes: the scenario, calibration.json (every fitted number with its
 * interval and sample) and a page with the fitted laws over the data.
 */
import type { Calibration, CalibrationReport } from '../data/calibrate/calibrate.js';
import type { Estimate } from '../data/fit/index.js';
import { CCSIM_VERSION } from '../experiment/version.js';
import type { Chart } from './charts/common.js';
import { clockAxis, layered, hoursOfLabel } from './charts/common.js';
import { table } from './format.js';
import { escapeHtml, htmlPage } from './html.js';
import type { ReportFiles } from './write-report.js';
import { chartFiles, writeFiles } from './write-report.js';

export interface CalibrationSource {
  readonly log: string;
  readonly mapping: string;
  readonly filter: string;
}

/** The report as JSON: Kaplan–Meier curves summed up (their plot points stay), the rest whole. */
export function calibrationJson(
  report: CalibrationReport,
  source: CalibrationSource,
  serviceModel?: unknown,
): unknown {
  return {
    source,
    ccsim: CCSIM_VERSION,
    ...(serviceModel === undefined ? {} : { serviceModel }),
    ...report,
    classes: report.classes.map((c) => ({
      ...c,
      patience:
        c.patience === null
          ? null
          : {
              ...c.patience,
              fit: {
                ...c.patience.fit,
                kaplanMeier: {
                  ...c.patience.fit.kaplanMeier,
                  curve: {
                    n: c.patience.fit.kaplanMeier.curve.n,
                    events: c.patience.fit.kaplanMeier.curve.events,
                    censored: c.patience.fit.kaplanMeier.curve.censored,
                    lastTime: c.patience.fit.kaplanMeier.curve.lastTime,
                  },
                },
              },
            },
    })),
  };
}

const est = (e: Estimate, digits = 1, unit = '') =>
  `${e.value.toFixed(digits)}${unit} [${Number.isFinite(e.lo) ? e.lo.toFixed(digits) : '–'}, ${Number.isFinite(e.hi) ? e.hi.toFixed(digits) : '∞'}]`;

function lawText(law: object | null): string {
  if (law === null) return 'none';
  const l = law as { dist: string; mean?: number; cv?: number; shape?: number; points?: unknown[] };
  if (l.dist === 'empirical') return `empirical (${l.points?.length ?? 0} points)`;
  const parts = [
    l.mean !== undefined ? `mean ${l.mean.toFixed(1)} s` : '',
    l.cv !== undefined ? `cv ${l.cv.toFixed(2)}` : '',
    l.shape !== undefined ? `shape ${l.shape.toFixed(2)}` : '',
  ];
  return `${l.dist} ${parts.filter(Boolean).join(', ')}`;
}

/** One row per class: what the scenario's call type is made of. */
export function calibrationRows(report: CalibrationReport): string[][] {
  return report.classes.map((c) => [
    c.name,
    c.direct ? 'served apart' : 'queued',
    est(c.offeredPerDay),
    `${c.uncertainty.cv.toFixed(2)} [${c.uncertainty.lo.toFixed(2)}, ${Number.isFinite(c.uncertainty.hi) ? c.uncertainty.hi.toFixed(2) : '∞'}]`,
    `${est(c.handleTime.fit.mean, 0, ' s')} n=${c.handleTime.fit.n}${c.handleTime.pooled ? ' (pooled)' : ''}`,
    `${lawText(c.handleTime.fit.law)}`,
    c.patience === null
      ? '–'
      : `${lawText(c.patience.fit.law)}${c.patience.pooled ? ' (pooled)' : ''}; ${c.patience.fit.abandons} abandons of ${c.patience.fit.n}`,
  ]);
}

const HEADER = [
  'Call type',
  'Model',
  'Offered/day [95%]',
  'Day cv [95%]',
  'Handle time mean [95%]',
  'Handle law',
  'Patience',
];

export function calibrationText(cal: Calibration, files: readonly string[]): string {
  const r = cal.report;
  const withAcw = (cal.scenario.callTypes as { acw?: unknown }[]).some((t) => t.acw !== undefined);
  const staff = r.staffing.intervals.map((i) => i.agents);
  return [
    `Calibrated from ${r.dates.length} day(s) (${r.dates[0]} … ${r.dates[r.dates.length - 1]}), ${r.window.from}–${r.window.to} in ${r.window.intervalSeconds / 60}-minute intervals`,
    `${r.leftOut.offered.toLocaleString('en')} calls offered; ${r.leftOut.outsideWindow} outside the window, ${r.leftOut.unclassified} of no class`,
    '',
    table(HEADER, calibrationRows(r)),
    r.answerDelay === null || withAcw
      ? r.answerDelay === null
        ? 'No answer delay: too few calls taken by an agent who was already free.'
        : `Answer delay measured (mean ${est(r.answerDelay.mean, 1, ' s')} from ${r.answerDelay.n} calls) but not used: after-call work fits the log better`
      : `Answer delay (queued calls taken by an agent already free still waited): mean ${est(r.answerDelay.mean, 1, ' s')} from ${r.answerDelay.n} calls, ${(100 * r.answerDelay.shareCapped).toFixed(1)}% capped at ${r.answerDelay.capSeconds} s`,
    r.afterCallGaps === null
      ? 'After-call gaps: too few to measure.'
      : `After-call gaps (an agent's next call when calls were waiting): mean ${est(r.afterCallGaps.mean, 1, ' s')}, median ${r.afterCallGaps.median.toFixed(0)} s, ${(100 * r.afterCallGaps.shareUnder10s).toFixed(0)}% under 10 s, from ${r.afterCallGaps.n} gaps; ${withAcw ? 'the scenario has them as after-call work (acw)' : 'not modelled as after-call work: the answer delay holds that time'}`,
    `Staffing of the queue: ${Math.min(...staff).toFixed(1)} to ${Math.max(...staff).toFixed(1)} agents per interval (${r.staffing.chosen.startsWith('roster') ? 'the roster' : 'agents present'} less those busy with calls served apart)${r.staffing.directAgents > 0 ? `; ${r.staffing.directAgents} agents stand for the calls served apart` : ''}`,
    ...(r.warnings.length > 0 ? ['', 'Warnings:', ...r.warnings.map((w) => `  - ${w}`)] : []),
    ...(r.findings.length > 0 ? ['', 'Found in the log:', ...r.findings.map((f) => `  - ${f.message}`)] : []),
    ...(r.handleVariation.length > 0
      ? ['', 'Handle time through the day:', ...r.handleVariation.map((m) => `  - ${m}`)]
      : []),
    ...(r.notModelled.length > 0 ? ['', 'Not modelled:', ...r.notModelled.map((m) => `  - ${m}`)] : []),
    '',
    `Wrote ${files.join(', ')}`,
    '',
  ].join('\n');
}

export function calibrationCharts(report: CalibrationReport): Chart[] {
  const L = report.window.intervalSeconds / 3600;
  const from = hoursOfLabel(report.window.from);
  const to = hoursOfLabel(report.window.to);
  const arrivals = report.classes.flatMap((c) =>
    c.perInterval.map((p) => ({
      x: hoursOfLabel(p.interval) + L / 2,
      label: p.interval,
      callType: c.name,
      mean: p.mean,
      sd: p.sd,
    })),
  );
  const staffing = report.staffing.intervals.flatMap((iv) => [
    ...Object.entries(iv.estimators).map(([estimator, agents]) => ({
      x: hoursOfLabel(iv.interval) + L / 2,
      label: iv.interval,
      estimator,
      agents,
    })),
    {
      x: hoursOfLabel(iv.interval) + L / 2,
      label: iv.interval,
      estimator: 'scenario (queue)',
      agents: iv.agents,
    },
  ]);
  const handle = report.classes.flatMap((c) =>
    c.handleTime.fit.plot.flatMap((p) => [
      { callType: c.name, x: p.x, cdf: p.empirical, series: 'log' },
      { callType: c.name, x: p.x, cdf: p.fitted, series: 'scenario law' },
    ]),
  );
  const patience = report.classes.flatMap((c) =>
    c.patience === null
      ? []
      : c.patience.fit.plot.flatMap((p) => [
          { callType: c.name, t: p.t, survival: p.km, lo: p.kmLo, hi: p.kmHi, series: 'Kaplan–Meier' },
          ...(p.fitted === null
            ? []
            : [{ callType: c.name, t: p.t, survival: p.fitted, series: 'scenario law' }]),
        ]),
  );
  const x = { field: 'x', type: 'quantitative', ...clockAxis(from, to) } as const;
  return [
    {
      id: 'arrivals',
      title: 'Calls offered per interval',
      caption:
        "Mean calls offered per interval over the days, by call type (stacked): the scenario's arrivals.",
      spec: layered('Calls offered per interval (mean over days)', arrivals, [
        {
          mark: { type: 'bar' },
          encoding: {
            x,
            y: { field: 'mean', type: 'quantitative', title: 'Calls per interval', stack: 'zero' },
            color: { field: 'callType', type: 'nominal', title: 'Call type' },
            tooltip: [
              { field: 'label', title: 'Interval' },
              { field: 'callType', title: 'Call type' },
              { field: 'mean', title: 'Mean', format: '.1f' },
              { field: 'sd', title: 'Day-to-day sd', format: '.1f' },
            ],
          },
        },
      ]),
    },
    {
      id: 'staffing',
      title: 'Staffing inferred from agent activity',
      caption:
        'Agents per interval by each estimator (mean over days): distinct agents active, busy (a lower bound), most busy at once, present in sessions; and what the scenario gives the queue (present less those busy with calls served apart).',
      spec: layered('Agents per interval, by estimator', staffing, [
        {
          mark: { type: 'line', point: true },
          encoding: {
            x,
            y: { field: 'agents', type: 'quantitative', title: 'Agents' },
            color: { field: 'estimator', type: 'nominal', title: 'Estimator' },
            tooltip: [
              { field: 'label', title: 'Interval' },
              { field: 'estimator', title: 'Estimator' },
              { field: 'agents', title: 'Agents', format: '.2f' },
            ],
          },
        },
      ]),
    },
    {
      id: 'handle-time',
      title: 'Handle time: law against the log',
      caption:
        'Cumulative distribution of talk time per call type: the log (solid) and the law the scenario uses (dashed).',
      spec: {
        ...layered('Handle time, cumulative distribution', handle, [
          {
            mark: { type: 'line' },
            encoding: {
              x: { field: 'x', type: 'quantitative', title: 'Seconds', scale: { type: 'symlog' } },
              y: { field: 'cdf', type: 'quantitative', title: 'Share of calls ≤ x' },
              strokeDash: { field: 'series', type: 'nominal', title: 'Series' },
              color: { field: 'callType', type: 'nominal', title: 'Call type' },
            },
          },
        ]),
      },
    },
    {
      id: 'patience',
      title: 'Patience: law against Kaplan–Meier',
      caption:
        'Share of callers still willing to wait after t seconds: Kaplan–Meier from the log (served waits censored) and the law the scenario uses (dashed), per queued call type.',
      spec: layered('Patience survival', patience, [
        {
          mark: { type: 'line' },
          encoding: {
            x: { field: 't', type: 'quantitative', title: 'Seconds waited' },
            y: { field: 'survival', type: 'quantitative', title: 'Still waiting', scale: { zero: false } },
            strokeDash: { field: 'series', type: 'nominal', title: 'Series' },
            color: { field: 'callType', type: 'nominal', title: 'Call type' },
          },
        },
      ]),
    },
  ];
}

function findingsHtml(report: CalibrationReport): string {
  const items = report.findings.map((f) => `<li>${escapeHtml(f.message)}</li>`).join('\n');
  const not = report.notModelled.map((m) => `<li>${escapeHtml(m)}</li>`).join('\n');
  const warnings = report.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('\n');
  return `<section id="findings">${warnings === '' ? '' : `<h2>Warnings</h2><ul>${warnings}</ul>`}<h2>Found in the log</h2><ul>${items}</ul>${not === '' ? '' : `<h3>Not modelled</h3><ul>${not}</ul>`}</section>`;
}

export async function writeCalibrationReport(
  cal: Calibration,
  scenarioText: string,
  source: CalibrationSource,
  directory: string,
  serviceModel?: unknown,
): Promise<ReportFiles> {
  const charts = calibrationCharts(cal.report);
  const rendered = await chartFiles(charts);
  const r = cal.report;
  const rows = calibrationRows(r)
    .map(
      (row) =>
        `<tr>${row.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  const before = `<section id="calibration"><h2>What the log says</h2>
<p>Log <code>${escapeHtml(source.log)}</code> through <code>${escapeHtml(source.mapping)}</code>${source.filter === '' ? '' : ` (${escapeHtml(source.filter)})`}: ${r.dates.length} day(s), ${escapeHtml(r.window.from)}–${escapeHtml(r.window.to)}. The scenario is <a href="scenario.yaml">scenario.yaml</a>; every number with its interval and sample is in <a href="calibration.json">calibration.json</a>.</p>
<table><thead><tr>${HEADER.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>
${r.answerDelay === null ? '' : `<p>Answer delay: queued calls taken by an agent who was already free still waited, mean ${escapeHtml(est(r.answerDelay.mean, 1, ' s'))} over ${r.answerDelay.n} calls (${(100 * r.answerDelay.shareCapped).toFixed(1)}% capped at ${r.answerDelay.capSeconds} s): the scenario holds the agent that long before the talk.</p>`}
</section>`;
  return writeFiles(directory, [
    [
      'index.html',
      htmlPage({
        title: `Calibration: ${source.log}`,
        subtitle: `${r.dates.length} day(s) · ccsim ${CCSIM_VERSION}`,
        before,
        charts,
        after: findingsHtml(r),
        linkFiles: true,
      }),
    ],
    ...rendered,
    ['scenario.yaml', scenarioText],
    ['calibration.json', `${JSON.stringify(calibrationJson(r, source, serviceModel), null, 2)}\n`],
  ]);
}
