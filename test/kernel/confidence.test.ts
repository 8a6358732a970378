import { describe, expect, it } from 'vitest';
import { meanInterval, ratioInterval } from '../../src/kernel/confidence.js';
import { createStream } from '../../src/kernel/random.js';
import { normalQuantile } from '../../src/kernel/numerics/special-functions.js';

// Student-t critical values t_{0.975, df} (R qt; also Abramowitz & Stegun table 26.10).
const T975_DF2 = 4.302652729749464;
const T975_DF4 = 2.7764451051977987;

describe('meanInterval', () => {
  it('gives mean 3 and half-width t₄·√2.5/√5 for 1, 2, 3, 4, 5', () => {
    const ci = meanInterval([1, 2, 3, 4, 5]);
    const halfWidth = (T975_DF4 * Math.sqrt(2.5)) / Math.sqrt(5);
    expect(ci.n).toBe(5);
    expect(ci.mean).toBe(3);
    expect(ci.halfWidth).toBeCloseTo(halfWidth, 12);
    expect(ci.lo).toBeCloseTo(3 - halfWidth, 12);
    expect(ci.hi).toBeCloseTo(3 + halfWidth, 12);
  });

  it('uses the requested level', () => {
    // t_{0.95, 4} = 2.131846786326649 (R qt).
    expect(meanInterval([1, 2, 3, 4, 5], 0.9).halfWidth).toBeCloseTo(
      (2.131846786326649 * Math.sqrt(2.5)) / Math.sqrt(5),
      12,
    );
  });

  it('has no half-width with one value and nothing at all with none, never NaN', () => {
    expect(meanInterval([7])).toEqual({ mean: 7, lo: 7, hi: 7, halfWidth: null, n: 1 });
    expect(meanInterval([])).toEqual({ mean: null, lo: null, hi: null, halfWidth: null, n: 0 });
    expect(meanInterval(new Float64Array([4, 4, 4]))).toEqual({ mean: 4, lo: 4, hi: 4, halfWidth: 0, n: 3 });
  });

  it('rejects non-finite values and levels outside (0, 1)', () => {
    expect(() => meanInterval([1, NaN, 3])).toThrow(/values\[1\] must be finite/);
    expect(() => meanInterval([1, 2], 1)).toThrow(RangeError);
    expect(() => meanInterval([1, 2], 0)).toThrow(RangeError);
  });

  it('covers the true mean of 10 normal draws in 93–97% of 2000 experiments at 95%', () => {
    // 2000 Bernoulli(0.95) trials have a standard deviation of 0.49%: 93–97% is ±4 of them.
    const u = createStream(42, 0, 'coverage/mean').uniform;
    const trueMean = 5;
    let covered = 0;
    const xs = new Float64Array(10);
    for (let e = 0; e < 2000; e++) {
      for (let i = 0; i < xs.length; i++) xs[i] = trueMean + 2 * normalQuantile(u());
      const ci = meanInterval(xs);
      if (ci.lo! <= trueMean && trueMean <= ci.hi!) covered++;
    }
    expect(covered / 2000).toBeGreaterThanOrEqual(0.93);
    expect(covered / 2000).toBeLessThanOrEqual(0.97);
  });
});

describe('meanInterval on a sample held in memory', () => {
  it('agrees with the two-pass textbook formula up to rounding, with the same nulls', () => {
    const xs = [3.5, 1.25, 9, 4, 4.75, 0.1, 7.3];
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const s = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
    const streamed = meanInterval(xs, 0.9);
    expect(streamed.n).toBe(7);
    expect(streamed.mean).toBeCloseTo(mean, 14);
    // t(0.95; 6) = 1.9431802805 (tables).
    expect(streamed.halfWidth).toBeCloseTo((1.9431802805 * s) / Math.sqrt(7), 9);
    expect(meanInterval([7]).halfWidth).toBeNull();
    expect(meanInterval([]).mean).toBeNull();
    expect(() => meanInterval([1, Infinity])).toThrow(/values\[1\] must be finite/);
  });
});

describe('ratioInterval', () => {
  it('gives Σx/Σy with the delta-method half-width, on hand-checkable pairs', () => {
    // x = 2, 4, 6; y = 1, 2, 2: R = 12/5 = 2.4; residuals x − Ry = −0.4, −0.8, 1.2;
    // s² = (0.16 + 0.64 + 1.44)/2 = 1.12; ȳ = 5/3; half-width = t₂·√1.12/(√3·5/3).
    const ci = ratioInterval([2, 4, 6], [1, 2, 2]);
    const halfWidth = (T975_DF2 * Math.sqrt(1.12)) / (Math.sqrt(3) * (5 / 3));
    expect(ci.n).toBe(3);
    expect(ci.mean).toBeCloseTo(2.4, 15);
    expect(ci.halfWidth).toBeCloseTo(halfWidth, 12);
    expect(ci.lo).toBeCloseTo(2.4 - halfWidth, 12);
    expect(ci.hi).toBeCloseTo(2.4 + halfWidth, 12);
  });

  it('reduces to meanInterval when every denominator is 1', () => {
    const xs = [3.5, 1.25, 9, 4, 4.75];
    const ratio = ratioInterval(xs, [1, 1, 1, 1, 1]);
    const mean = meanInterval(xs);
    expect(ratio.mean).toBeCloseTo(mean.mean!, 14);
    expect(ratio.halfWidth).toBeCloseTo(mean.halfWidth!, 12);
  });

  it('has no estimate when the denominators sum to 0, and no half-width with one pair', () => {
    expect(ratioInterval([0, 0], [0, 0])).toEqual({ mean: null, lo: null, hi: null, halfWidth: null, n: 2 });
    expect(ratioInterval([], [])).toEqual({ mean: null, lo: null, hi: null, halfWidth: null, n: 0 });
    expect(ratioInterval([3], [4])).toEqual({ mean: 0.75, lo: 0.75, hi: 0.75, halfWidth: null, n: 1 });
  });

  it('rejects lists of different lengths and non-finite values', () => {
    expect(() => ratioInterval([1, 2], [1])).toThrow(/2 numerators but 1 denominators/);
    expect(() => ratioInterval([1, 2], [1, Infinity])).toThrow(/denominators\[1\] must be finite/);
  });

  it('covers the true ratio in 93–97% of 2000 experiments of 20 pairs at 95%', () => {
    // y uniform on (5, 15), x = 2y + normal noise (sd 3): E[x]/E[y] = 2.
    const u = createStream(43, 0, 'coverage/ratio').uniform;
    let covered = 0;
    const xs = new Float64Array(20);
    const ys = new Float64Array(20);
    for (let e = 0; e < 2000; e++) {
      for (let i = 0; i < xs.length; i++) {
        ys[i] = 5 + 10 * u();
        xs[i] = 2 * ys[i] + 3 * normalQuantile(u());
      }
      const ci = ratioInterval(xs, ys);
      if (ci.lo! <= 2 && 2 <= ci.hi!) covered++;
    }
    expect(covered / 2000).toBeGreaterThanOrEqual(0.93);
    expect(covered / 2000).toBeLessThanOrEqual(0.97);
  });
});
