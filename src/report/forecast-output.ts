/**
 * What `ccsim forecast` prints and writes: the JSON document, the readable summary, and the files
 * of `--out` (the long CSV, one CSV per day that a scenario reads as `arrivals: { csv, column }`,
 * and the scenario snippet carrying each day's `uncertainty: { cv }`).
 */
import type { ArrivalForecast, ArrivalModel, DailyForecast } from '../data/forecast.js';
import { WEEKDAY_NAMES } from '../data/forecast.js';
import { clockLabel as clock } from '../data/interval-counts.js';
import type { AccuracyFigures, HoldoutAccuracy } from '../data/forecast-accuracy.js';
import type { LogForecast } from '../data/forecast-log.js';
import { table } from './format.js';

/** The scenario language's smallest `uncertainty.cv` (src/model/scenario/limits.ts): below it, none is written. */
const MIN_SCENARIO_CV = 0.001;

/** The JSON document of `--json` (and `forecast.json`). */
export function forecastDocument(result: LogForecast): Record<string, unknown> {
  const { forecast, holdout } = result;
  return {
    forecast: forecast.rows.map((r) => ({
      date: r.date,
      interval: r.interval,
      callType: r.callType,
      mean: round(r.mean, 3),
      lo80: r.lo80,
      hi80: r.hi80,
      lo95: r.lo95,
      hi95: r.hi95,
    })),
    intervalTotals: forecast.intervalTotals.map((r) => ({ ...r, mean: round(r.mean, 3) })),
    daily: forecast.daily.map((d) => ({
      ...d,
      mean: round(d.mean, 1),
      uncertaintyCv: round(d.uncertaintyCv, 4),
      uncertaintyCvByType: Object.fromEntries(
        Object.entries(d.uncertaintyCvByType).map(([type, cv]) => [type, round(cv, 4)]),
      ),
      arrivalsCsv: arrivalsFileName(d.date),
    })),
    model: modelSummary(forecast.model),
    ...(holdout === undefined
      ? {}
      : {
          holdout: {
            trainingDates: dateSpan(holdout.forecast.model.trainingDates),
            model: modelSummary(holdout.forecast.model),
            accuracy: roundAccuracy(holdout.accuracy),
          },
        }),
  };
}

function modelSummary(model: ArrivalModel): Record<string, unknown> {
  return {
    intervalMinutes: model.intervalSeconds / 60,
    trainingDates: dateSpan(model.trainingDates),
    excludedDates: model.excludedDates,
    callTypes: model.callTypes,
    dayTypes: model.dayTypes.map((t) => ({
      weekdays: t.weekdays.map((w) => WEEKDAY_NAMES[w]),
      levelWeight: round(t.levelWeight, 3),
      profileWeight: round(t.profileWeight, 3),
    })),
    weekdays: model.weekdays.flatMap((w) =>
      w === null
        ? []
        : [
            {
              weekday: WEEKDAY_NAMES[w.weekday],
              days: w.days,
              meanCalls: round(w.level, 1),
              window: w.window === null ? null : windowLabels(model, w.window),
            },
          ],
    ),
    dayCv: round(model.dayCv, 4),
    dayCvDegreesOfFreedom: round(model.dayCvDegreesOfFreedom, 2),
    typeDayCv: Object.fromEntries(model.callTypes.map((type, t) => [type, round(model.typeDayCv[t], 4)])),
    intradayDispersion: round(model.intradayDispersion, 4),
    intervalDispersion: round(model.intervalDispersion, 4),
    trend: {
      slopePerDay: round(model.trend.slopePerDay, 5),
      pValue: round(model.trend.pValue, 4),
      applied: model.trend.applied,
    },
  };
}

function windowLabels(
  model: ArrivalModel,
  window: { first: number; last: number },
): { first: string; last: string } {
  const label = (i: number) => clock((model.firstInterval + i) * model.intervalSeconds);
  return { first: label(window.first), last: label(window.last) };
}

function dateSpan(dates: readonly string[]): { first: string | null; last: string | null; count: number } {
  return { first: dates[0] ?? null, last: dates[dates.length - 1] ?? null, count: dates.length };
}

function roundAccuracy(a: HoldoutAccuracy): Record<string, unknown> {
  const f = (x: AccuracyFigures) => ({
    ...x,
    forecast: round(x.forecast, 1),
    wape: roundOrNull(x.wape),
    mape: roundOrNull(x.mape),
    coverage80: roundOrNull(x.coverage80),
    coverage95: roundOrNull(x.coverage95),
  });
  return {
    dates: a.dates,
    intervals: f(a.intervals),
    intervalTotals: f(a.intervalTotals),
    daily: f(a.daily),
    perDay: a.perDay.map((d) => ({ date: d.date, total: f(d.total), intervals: f(d.intervals) })),
    perInterval: a.perInterval.map((x) => ({ interval: x.interval, ...f(x) })),
    perCallType: a.perCallType.map((x) => ({ callType: x.callType, ...f(x) })),
  };
}

/** The readable summary printed without --json. */
export function forecastText(result: LogForecast, logFile: string): string {
  const { forecast, holdout } = result;
  const m = forecast.model;
  const lines: string[] = [];
  const days = forecast.daily;
  const span = days.length === 0 ? 'no day' : `${days[0].date} to ${days[days.length - 1].date}`;
  lines.push(
    `Offered calls forecast for ${span} (${days.length} day(s), ${m.intervalSeconds / 60}-minute intervals), ` +
      `learnt from ${m.trainingDates.length} day(s) of ${logFile}`,
    describeModel(m),
    '',
  );
  lines.push(
    table(
      ['Date', 'Day', 'Calls', '80% interval', '95% interval', 'Open', 'cv'],
      days.map((d) => dailyRow(forecast, d)),
    ),
  );
  lines.push(
    'Per interval and call type: --json, or --out <dir> (forecast.csv and one CSV per day for a scenario).',
  );
  if (holdout !== undefined) lines.push('', ...holdoutText(holdout.accuracy, holdout.forecast.model));
  return `${lines.join('\n')}\n`;
}

function describeModel(m: ArrivalModel): string {
  const types = m.dayTypes.map((t) => dayTypeName(t.weekdays)).join('; ');
  const trend = m.trend.applied
    ? `trend ${signed(m.trend.slopePerDay * 100, 2)}%/day (p = ${m.trend.pValue.toFixed(3)})`
    : m.trend.pValue < 1
      ? `no trend (p = ${m.trend.pValue.toFixed(2)})`
      : 'no trend tested (under two weeks)';
  const excluded = m.excludedDates.length > 0 ? `; left out (no calls): ${m.excludedDates.join(', ')}` : '';
  const few =
    m.dayCvDegreesOfFreedom < 5
      ? ` (from ${m.dayCvDegreesOfFreedom.toFixed(1)} degrees of freedom only: with so few days the intervals may be too narrow)`
      : '';
  return `Day types: ${types}; day-to-day cv ${m.dayCv.toFixed(3)}${few}; ${trend}${excluded}`;
}

function dayTypeName(weekdays: readonly number[]): string {
  const names = weekdays.map((w) => WEEKDAY_NAMES[w]);
  const consecutive = weekdays.every((w, k) => k === 0 || w === weekdays[k - 1] + 1);
  return weekdays.length > 2 && consecutive ? `${names[0]}–${names[names.length - 1]}` : names.join(', ');
}

function dailyRow(forecast: ArrivalForecast, d: DailyForecast): string[] {
  const fit = forecast.model.weekdays[WEEKDAY_NAMES.indexOf(d.weekday as (typeof WEEKDAY_NAMES)[number])];
  const open =
    fit?.window === null || fit === null || fit === undefined
      ? 'closed'
      : (() => {
          const w = windowLabels(forecast.model, fit.window);
          return `${w.first}–${clock(clockSeconds(w.last) + forecast.model.intervalSeconds)}`;
        })();
  return [
    d.date,
    d.weekday,
    d.mean.toFixed(0),
    `${d.lo80}–${d.hi80}`,
    `${d.lo95}–${d.hi95}`,
    open,
    d.uncertaintyCv.toFixed(3),
  ];
}

function holdoutText(a: HoldoutAccuracy, model: ArrivalModel): string[] {
  const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
  const first = model.trainingDates[0];
  const last = model.trainingDates[model.trainingDates.length - 1];
  const row = (name: string, x: AccuracyFigures) => [
    name,
    x.actual.toFixed(0),
    x.forecast.toFixed(0),
    pct(x.wape),
    pct(x.mape),
    pct(x.coverage80),
    pct(x.coverage95),
  ];
  const header = ['', 'Actual', 'Forecast', 'WAPE', 'MAPE', 'In 80%', 'In 95%'];
  return [
    `Holdout: ${a.dates.length} day(s) (${a.dates[0] ?? '–'} to ${a.dates[a.dates.length - 1] ?? '–'}) forecast from ${first} to ${last}`,
    'WAPE = Σ|actual − forecast| ÷ Σ actual; MAPE = mean |actual − forecast| ÷ actual over items with calls (zero actuals skipped)',
    '',
    table(header, [
      row('daily totals', a.daily),
      row('intervals (all types)', a.intervalTotals),
      row('interval × call type', a.intervals),
    ]),
    'Per day (the daily total; then its intervals, call types summed):',
    table(
      ['Date', 'Actual', 'Forecast', 'Error', 'In 80%', 'Intervals WAPE', 'MAPE', 'In 80%'],
      a.perDay.map((d) => [
        d.date,
        d.total.actual.toFixed(0),
        d.total.forecast.toFixed(0),
        pct(d.total.wape),
        d.total.coverage80 === 1 ? 'yes' : 'no',
        pct(d.intervals.wape),
        pct(d.intervals.mape),
        pct(d.intervals.coverage80),
      ]),
    ),
    'Per interval (call types summed, over the days):',
    table(
      header.map((h, k) => (k === 0 ? 'Interval' : h)),
      a.perInterval.map((x) => row(x.interval, x)),
    ),
    'Per call type (interval cells):',
    table(
      header.map((h, k) => (k === 0 ? 'Call type' : h)),
      a.perCallType.map((x) => row(x.callType, x)),
    ),
  ];
}

/** The name of a forecast day's arrivals CSV in --out. */
export function arrivalsFileName(date: string): string {
  return `arrivals-${date}.csv`;
}

/** The files of `--out`: name (relative) and content. */
export function forecastFiles(result: LogForecast): [string, string][] {
  const { forecast } = result;
  const files: [string, string][] = [];
  const long = ['date,interval,callType,mean,lo80,hi80,lo95,hi95'];
  for (const r of forecast.rows)
    long.push(
      [r.date, r.interval, csvCell(r.callType), round(r.mean, 3), r.lo80, r.hi80, r.lo95, r.hi95].join(','),
    );
  files.push(['forecast.csv', `${long.join('\n')}\n`]);
  const daily = ['date,weekday,mean,lo80,hi80,lo95,hi95,uncertaintyCv'];
  for (const d of forecast.daily)
    daily.push(
      [d.date, d.weekday, round(d.mean, 1), d.lo80, d.hi80, d.lo95, d.hi95, round(d.uncertaintyCv, 4)].join(
        ',',
      ),
    );
  files.push(['daily.csv', `${daily.join('\n')}\n`]);
  const types = forecast.model.callTypes;
  for (const d of forecast.daily) {
    const rows = forecast.rows.filter((r) => r.date === d.date);
    if (rows.length === 0) continue;
    const lines = [['interval', ...types.map(csvCell)].join(',')];
    for (let k = 0; k < rows.length; k += types.length)
      lines.push([rows[k].interval, ...types.map((_, t) => round(rows[k + t].mean, 3))].join(','));
    files.push([arrivalsFileName(d.date), `${lines.join('\n')}\n`]);
  }
  files.push(['arrivals.yaml', scenarioSnippet(forecast)]);
  if (result.holdout !== undefined) files.push(['holdout.csv', holdoutCsv(result.holdout.accuracy)]);
  files.push(['forecast.json', `${JSON.stringify(forecastDocument(result), null, 2)}\n`]);
  return files;
}

/** The holdout's figures, one line per scope (overall, day, interval, call type) and item. */
function holdoutCsv(a: HoldoutAccuracy): string {
  const lines = ['scope,item,actual,forecast,wape,mape,coverage80,coverage95'];
  const line = (scope: string, item: string, x: AccuracyFigures) =>
    lines.push(
      [
        scope,
        csvCell(item),
        x.actual,
        round(x.forecast, 1),
        ...[x.wape, x.mape, x.coverage80, x.coverage95].map(cell),
      ].join(','),
    );
  const cell = (x: number | null) => (x === null ? '' : String(round(x, 4)));
  line('overall', 'daily totals', a.daily);
  line('overall', 'intervals', a.intervalTotals);
  line('overall', 'interval x call type', a.intervals);
  for (const d of a.perDay) {
    line('day total', d.date, d.total);
    line('day intervals', d.date, d.intervals);
  }
  for (const x of a.perInterval) line('interval', x.interval, x);
  for (const x of a.perCallType) line('call type', x.callType, x);
  return `${lines.join('\n')}\n`;
}

/** Per forecast day, the `arrivals:` of each call type, ready to paste into a scenario's callTypes. */
function scenarioSnippet(forecast: ArrivalForecast): string {
  const lines = [
    '# Arrivals per forecast day, for a scenario in this folder (ccsim forecast).',
    '# Under each call type of the scenario: arrivals: <the line of that type for the day simulated>.',
    "# uncertainty.cv: the cv of that call type's volume on the day as forecast (its day-to-day",
    '# variation and the estimation error of the level): ccsim draws one day factor per call type.',
  ];
  for (const d of forecast.daily) {
    if (!forecast.rows.some((r) => r.date === d.date)) continue;
    lines.push(`"${d.date}": # ${d.weekday}, ${d.mean.toFixed(0)} calls expected`);
    for (const type of forecast.model.callTypes) {
      const typeCv = d.uncertaintyCvByType[type] ?? 0;
      const cv = typeCv >= MIN_SCENARIO_CV ? `, uncertainty: { cv: ${round(typeCv, 4)} }` : '';
      lines.push(
        `  ${JSON.stringify(type)}: { csv: ${arrivalsFileName(d.date)}, column: ${JSON.stringify(type)}${cv} }`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

function roundOrNull(x: number | null): number | null {
  return x === null ? null : round(x, 4);
}

function signed(x: number, digits: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
}

function clockSeconds(label: string): number {
  const [h, m] = label.split(':').map(Number);
  return h * 3600 + m * 60;
}
