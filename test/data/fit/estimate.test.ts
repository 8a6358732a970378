import { describe, expect, it } from 'vitest';
import {
  gammaUnitQuantile,
  logNormalEstimate,
  mapDecreasing,
  normalEstimate,
} from '../../../src/data/fit/estimate.js';

describe('estimates and their intervals', () => {
  it('gives an unbounded interval, not NaN, when there is no standard error', () => {
    expect(normalEstimate(5, Number.NaN, 3)).toEqual({ value: 5, lo: 0, hi: Infinity, n: 3 });
    expect(logNormalEstimate(5, Infinity, 3)).toEqual({ value: 5, lo: 0, hi: Infinity, n: 3 });
  });

  it('maps intervals through monotone functions', () => {
    const rate = { value: 0.5, lo: 0.25, hi: 1, n: 9 };
    expect(mapDecreasing(rate, (r) => 1 / r)).toEqual({ value: 2, lo: 1, hi: 4, n: 9 });
    expect(logNormalEstimate(10, 0.1, 4).lo * logNormalEstimate(10, 0.1, 4).hi).toBeCloseTo(100, 10);
  });

  it('gives gamma quantiles (χ²/2) exactly below shape 100 and by Wilson–Hilferty above', () => {
    // scipy.stats.gamma.ppf: (1, 0.95) = ln 20; (6, 0.025) = 2.2018943; (100, 0.975) = 120.52895.
    expect(gammaUnitQuantile(1, 0.95)).toBeCloseTo(Math.log(20), 10);
    expect(gammaUnitQuantile(6, 0.025)).toBeCloseTo(2.2018943, 6);
    expect(Math.abs(gammaUnitQuantile(100, 0.975) / 120.52895 - 1)).toBeLessThan(1e-4);
  });
});
