import { describe, expect, it } from 'vitest';
import { countCdf, countQuantile } from '../../src/data/count-quantile.js';
import type { ArrivalForecast } from '../../src/data/forecast.js';
import { figures, holdoutAccuracy } from '../../src/data/forecast-accuracy.js';
import { countOfferedCalls } from '../../src/data/interval-counts.js';
import { offeredCall } from './forecast-support.js';

const bounds = (lo80: number, hi80: number, lo95: number, hi95: number) => ({ lo80, hi80, lo95, hi95 });

describe('figures', () => {
  it('computes WAPE, MAPE (skipping zero actuals) and coverage as defined', () => {
    const f = figures([
      { actual: 10, forecast: 8, bounds: bounds(9, 12, 7, 14) }, // in both
      { actual: 0, forecast: 2, bounds: bounds(0, 4, 0, 5) }, // in both; no percentage error
      { actual: 5, forecast: 5, bounds: bounds(6, 9, 5, 10) }, // outside the 80%, inside the 95%
      { actual: 20, forecast: 14, bounds: bounds(10, 18, 8, 19) }, // outside both
    ]);
    // WAPE = (2 + 2 + 0 + 6) / (10 + 0 + 5 + 20) = 10/35; MAPE = (0.2 + 0 + 0.3) / 3.
    expect(f.wape).toBeCloseTo(10 / 35, 12);
    expect(f.mape).toBeCloseTo(0.5 / 3, 12);
    expect(f.coverage80).toBe(2 / 4);
    expect(f.coverage95).toBe(3 / 4);
    expect(f.actual).toBe(35);
    expect(f.forecast).toBe(29);
  });

  it('has no WAPE or MAPE without calls, and no coverage without intervals', () => {
    const f = figures([{ actual: 0, forecast: 3 }]);
    expect(f.wape).toBeNull();
    expect(f.mape).toBeNull();
    expect(f.coverage80).toBeNull();
  });
});

describe('holdoutAccuracy', () => {
  it('scores cells, interval totals and days; a call outside the forecast counts against 0', () => {
    const H = 3600;
    const actual = countOfferedCalls(
      [
        ...[1, 2, 3].map(() => offeredCall('2026-03-02', 9 * H, 'A')),
        offeredCall('2026-03-02', 9 * H, 'B'),
        offeredCall('2026-03-02', 20 * H, 'A'), // after the forecast's window
      ],
      3600,
    );
    const forecast = {
      rows: [
        { date: '2026-03-02', interval: '09:00', callType: 'A', mean: 2, ...bounds(1, 3, 0, 4) },
        { date: '2026-03-02', interval: '09:00', callType: 'B', mean: 2, ...bounds(1, 3, 0, 4) },
      ],
      intervalTotals: [{ date: '2026-03-02', interval: '09:00', mean: 4, ...bounds(2, 6, 1, 7) }],
      daily: [{ date: '2026-03-02', weekday: 'Mon', mean: 4, ...bounds(2, 6, 1, 7), uncertaintyCv: 0 }],
    } as unknown as ArrivalForecast;
    const a = holdoutAccuracy(forecast, actual);
    // Cells: A 09:00 3 vs 2, B 09:00 1 vs 2, A 20:00 1 vs 0 → WAPE (1 + 1 + 1) / 5.
    expect(a.intervals.items).toBe(3);
    expect(a.intervals.wape).toBeCloseTo(3 / 5, 12);
    expect(a.intervals.mape).toBeCloseTo((1 / 3 + 1 + 1) / 3, 12);
    expect(a.intervals.coverage80).toBeCloseTo(2 / 3, 12);
    // Interval totals: 09:00 4 vs 4, 20:00 1 vs 0.
    expect(a.intervalTotals.wape).toBeCloseTo(1 / 5, 12);
    // Daily: 5 vs 4.
    expect(a.daily.wape).toBeCloseTo(1 / 5, 12);
    expect(a.daily.coverage80).toBe(1);
    expect(a.perInterval.map((x) => [x.interval, x.wape])).toEqual([
      ['09:00', 0],
      ['20:00', 1],
    ]);
    expect(a.perDay[0].intervals.wape).toBeCloseTo(1 / 5, 12);
    expect(a.perDay[0].intervals.coverage80).toBe(1 / 2);
    expect(a.perCallType.find((x) => x.callType === 'A')?.wape).toBeCloseTo(2 / 4, 12);
  });
});

describe('count quantiles', () => {
  it('are those of the Poisson when the dispersion is 0', () => {
    // Poisson(10): P(X ≤ 5) = 0.0671, P(X ≤ 6) = 0.1301, P(X ≤ 13) = 0.8645, P(X ≤ 14) = 0.9165.
    expect(countQuantile(0.1, 10, 0)).toBe(6);
    expect(countQuantile(0.9, 10, 0)).toBe(14);
    expect(countCdf(6, 10, 0)).toBeCloseTo(0.130141, 5);
  });

  it('are those of the negative binomial (sum of its probabilities) otherwise', () => {
    const mean = 50;
    const dispersion = 0.04;
    const r = 1 / dispersion;
    const p = r / (r + mean);
    let pmf = p ** r; // P(X = 0)
    let cdf = pmf;
    const quantiles = new Map<number, number>();
    for (let k = 0; k < 400; k++) {
      for (const level of [0.025, 0.1, 0.9, 0.975])
        if (!quantiles.has(level) && cdf >= level) quantiles.set(level, k);
      pmf *= ((k + r) / (k + 1)) * (1 - p);
      cdf += pmf;
    }
    for (const [level, k] of quantiles) expect(countQuantile(level, mean, dispersion)).toBe(k);
  });
});
