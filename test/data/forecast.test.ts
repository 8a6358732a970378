import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/data/call-record.js';
import { countQuantile } from '../../src/data/count-quantile.js';
import { fitArrivalModel, forecastArrivals, ForecastError, horizonDates } from '../../src/data/forecast.js';
import { holdoutAccuracy } from '../../src/data/forecast-accuracy.js';
import { forecastLog } from '../../src/data/forecast-log.js';
import { addDays, countOfferedCalls, weekdayOf } from '../../src/data/interval-counts.js';
import { readBankRecords } from './bank-records.js';
import { gammaFactor, offeredCall, poisson, seeded } from './forecast-support.js';

const H = 3600;
/** Sun–Thu: 1,000 calls from 08:00 to 18:00; Friday 400 from 08:00 to 13:00; Saturday closed. */
const WEEKDAY_HOURS = [50, 100, 150, 100, 100, 100, 150, 100, 100, 50];
const FRIDAY_HOURS = [80, 80, 80, 80, 80];
const SHARES: Record<string, number> = { A: 0.7, B: 0.2, C: 0.1 };

function hoursOf(date: string): number[] {
  const w = weekdayOf(date);
  return w === 6 ? [] : w === 5 ? FRIDAY_HOURS : WEEKDAY_HOURS;
}

/** A log from 2026-03-01 (a Sunday) for `days` days; `count` gives each cell's calls. */
function log(days: number, count: (date: string, hour: number, expected: number) => number): CallRecord[] {
  const calls: CallRecord[] = [];
  for (let k = 0; k < days; k++) {
    const date = addDays('2026-03-01', k);
    hoursOf(date).forEach((hourly, h) => {
      for (const [type, share] of Object.entries(SHARES)) {
        const n = count(date, h, hourly * share);
        for (let c = 0; c < n; c++) calls.push(offeredCall(date, (8 + h) * H + 60 + c, type));
      }
    });
  }
  // A Saturday with no call would not be in the range if the log ended on one: it does not.
  return calls;
}

describe('forecast of a perfectly repeating week', () => {
  const counts = countOfferedCalls(
    log(14, (_date, _h, expected) => expected),
    3600,
  );
  const model = fitArrivalModel(counts);
  const forecast = forecastArrivals(model, horizonDates('2026-03-14', 7));

  it('groups Sun–Thu, and Friday and Saturday alone', () => {
    expect(model.dayTypes.map((t) => t.weekdays)).toEqual([[0, 1, 2, 3, 4], [5], [6]]);
    expect(model.dayCv).toBe(0);
    expect(model.intradayDispersion).toBe(0);
    expect(model.trend.applied).toBe(false);
  });

  it('forecasts every cell exactly', () => {
    const monday = forecast.rows.filter((r) => r.date === '2026-03-16');
    expect(monday).toHaveLength(10 * 3);
    for (const row of monday) {
      const hour = Number(row.interval.slice(0, 2)) - 8;
      expect(row.mean).toBeCloseTo(WEEKDAY_HOURS[hour] * SHARES[row.callType], 9);
    }
    const daily = forecast.daily.map((d) => [d.weekday, d.mean]);
    expect(daily).toEqual([
      ['Sun', 1000],
      ['Mon', 1000],
      ['Tue', 1000],
      ['Wed', 1000],
      ['Thu', 1000],
      ['Fri', 400],
      ['Sat', 0],
    ]);
    expect(forecast.rows.some((r) => r.date === '2026-03-21')).toBe(false); // Saturday: closed
  });

  it('gives intervals hardly wider than Poisson noise', () => {
    for (const row of forecast.rows) {
      const poissonWidth = countQuantile(0.9, row.mean, 0) - countQuantile(0.1, row.mean, 0);
      expect(row.hi80 - row.lo80).toBeGreaterThanOrEqual(poissonWidth);
      expect(row.hi80 - row.lo80).toBeLessThanOrEqual(Math.ceil(poissonWidth * 1.15) + 1);
    }
  });
});

describe('forecast of Poisson counts with a random day multiplier', () => {
  it('covers about 80% (95%) of the next two weeks with its 80% (95%) intervals, and estimates the day cv', () => {
    let inside80 = 0;
    let inside95 = 0;
    let cells = 0;
    const cvs: number[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const random = seeded(seed);
      const multipliers = new Map<string, number>();
      const calls = log(28, (date, _h, expected) => {
        if (!multipliers.has(date)) multipliers.set(date, gammaFactor(random, 0.1));
        return poisson(random, expected * (multipliers.get(date) ?? 1));
      });
      const result = forecastLog(calls, { intervalSeconds: 3600, horizonDays: 1, holdoutDays: 14 });
      const accuracy = result.holdout?.accuracy;
      if (accuracy === undefined) throw new Error('no holdout');
      inside80 += (accuracy.intervals.coverage80 ?? 0) * accuracy.intervals.items;
      inside95 += (accuracy.intervals.coverage95 ?? 0) * accuracy.intervals.items;
      cells += accuracy.intervals.items;
      cvs.push(result.holdout?.forecast.model.dayCv ?? 0);
    }
    expect(inside80 / cells).toBeGreaterThan(0.75);
    expect(inside80 / cells).toBeLessThan(0.88);
    expect(inside95 / cells).toBeGreaterThan(0.91);
    const meanCv = cvs.reduce((a, b) => a + b, 0) / cvs.length;
    expect(meanCv).toBeGreaterThan(0.05);
    expect(meanCv).toBeLessThan(0.15);
  });
});

describe('trend', () => {
  it('is applied when volumes grow steadily, and not when they do not', () => {
    const random = seeded(7);
    const growing = log(28, (date, _h, expected) =>
      poisson(
        random,
        expected * Math.exp((0.02 * (Date.parse(date) - Date.parse('2026-03-01'))) / 86_400_000),
      ),
    );
    const model = fitArrivalModel(countOfferedCalls(growing, 3600));
    expect(model.trend.applied).toBe(true);
    expect(model.trend.slopePerDay).toBeGreaterThan(0.015);
    expect(model.trend.slopePerDay).toBeLessThan(0.025);
    const flat = log(28, (_d, _h, expected) => poisson(random, expected));
    expect(fitArrivalModel(countOfferedCalls(flat, 3600)).trend.applied).toBe(false);
  });
});

describe('call types with few calls', () => {
  it('get their share of the total, not their own noisy intraday pattern', () => {
    const random = seeded(11);
    const calls = log(14, (_d, _h, expected) => poisson(random, expected));
    // A rare type: 14 calls in two weeks, all at 08:00.
    for (let k = 0; k < 14; k++) calls.push(offeredCall(addDays('2026-03-01', k % 5), 8 * H + 10, 'rare'));
    const counts = countOfferedCalls(calls, 3600);
    const forecast = forecastArrivals(fitArrivalModel(counts), ['2026-03-16']);
    const rare = forecast.rows.filter((r) => r.callType === 'rare');
    const at8 = rare.find((r) => r.interval === '08:00')?.mean ?? 0;
    const at12 = rare.find((r) => r.interval === '12:00')?.mean ?? 0;
    expect(at12).toBeGreaterThan(0);
    expect(at8 / at12).toBeLessThan(3); // not all its calls at 08:00
  });
});

describe('horizonDates', () => {
  it('starts the day after the last date and keeps the weekdays asked for', () => {
    expect(horizonDates('2026-03-14', 3)).toEqual(['2026-03-15', '2026-03-16', '2026-03-17']);
    // 2026-03-15 is a Sunday: Sun–Thu of the next week.
    expect(horizonDates('2026-03-14', 7, new Set([0, 1, 2, 3, 4]))).toEqual([
      '2026-03-15',
      '2026-03-16',
      '2026-03-17',
      '2026-03-18',
      '2026-03-19',
    ]);
  });
});

describe('what cannot be forecast', () => {
  it('refuses a weekday the log never saw', () => {
    const counts = countOfferedCalls(
      log(3, (_d, _h, e) => e),
      3600,
    );
    expect(() => forecastArrivals(fitArrivalModel(counts), ['2026-03-05'])).toThrow(ForecastError);
    expect(() => forecastArrivals(fitArrivalModel(counts), ['2026-03-05'])).toThrow(/no Thu in the log/);
  });

  it('refuses a holdout that leaves no day to learn from, and a log without offered calls', () => {
    const calls = log(7, (_d, _h, e) => e); // Sunday to Friday: the closed Saturday ends no range
    const sundayToFriday = new Set([0, 1, 2, 3, 4, 5]);
    expect(() =>
      forecastLog(calls, {
        intervalSeconds: 3600,
        horizonDays: 7,
        holdoutDays: 6,
        selection: { weekdays: sundayToFriday },
      }),
    ).toThrow(/--holdout 6d leaves no day to learn from/);
    expect(() => forecastLog([], { intervalSeconds: 3600, horizonDays: 7 })).toThrow(/no offered call/);
  });

  it('leaves out a day without calls among open days of its weekday (a holiday), and says so', () => {
    const calls = log(21, (date, _h, e) => (date === '2026-03-09' ? 0 : e));
    const model = fitArrivalModel(countOfferedCalls(calls, 3600));
    expect(model.excludedDates).toEqual(['2026-03-09']);
    expect(model.weekdays[1]?.level).toBe(1000);
  });
});

describe("the bank's log", () => {
  const counts = countOfferedCalls(readBankRecords(), 3600);

  it('has three day types (Sun–Thu pooled, Friday, Saturday) and no trend in two weeks', () => {
    const model = fitArrivalModel(counts);
    expect(model.dayTypes.map((t) => t.weekdays)).toEqual([[0, 1, 2, 3, 4], [5], [6]]);
    expect(model.trend.applied).toBe(false);
    expect(model.dayCv).toBeGreaterThan(0.05);
    expect(model.dayCv).toBeLessThan(0.2);
    expect(model.weekdays[5]?.window).not.toBeNull();
    // Each call type varies at least as much as the day; PS and NW (the big ones) measurably more.
    for (const cv of model.typeDayCv) expect(cv).toBeGreaterThanOrEqual(model.dayCv);
    expect(model.typeDayCv[counts.callTypes.indexOf('PS')]).toBeGreaterThan(model.dayCv * 1.2);
    expect(model.typeDayCv[counts.callTypes.indexOf('NW')]).toBeGreaterThan(model.dayCv * 1.2);
  });

  it('forecasts the week after from the days before it within the stated accuracy', () => {
    const model = fitArrivalModel(counts, [0, 1, 2, 3, 4, 5, 6]);
    const accuracy = holdoutAccuracy(forecastArrivals(model, counts.dates.slice(7)), counts);
    expect(accuracy.daily.wape).toBeLessThan(0.11);
    expect(accuracy.intervalTotals.wape).toBeLessThan(0.26);
    expect(accuracy.intervals.coverage80).toBeGreaterThan(0.7);
    expect(accuracy.intervals.coverage80).toBeLessThan(0.9);
  });
});
