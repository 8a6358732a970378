import { describe, expect, it } from 'vitest';
import {
  kaplanMeier,
  restrictedMean,
  survivalAt,
  survivalQuantile,
} from '../../../src/data/fit/kaplan-meier.js';

/*
 * Hand computation. Eight waits, E = abandoned (event), C = served (censored):
 *   1E  2E  2C  3E  4E  4C  5C  6E
 * At a tie, the abandon comes first: the call served at 2 was still at risk of abandoning at 2.
 *
 *   t   at risk n  events d  censored  S(t) = S(t−)·(1 − d/n)   Greenwood Σ d/(n(n − d))
 *   1   8          1         0         7/8 = 0.875              1/56
 *   2   7          1         1         0.875·6/7 = 0.75         1/56 + 1/42 = 1/24
 *   3   5          1         0         0.75·4/5 = 0.6           1/24 + 1/20 = 11/120
 *   4   4          1         1         0.6·3/4 = 0.45           11/120 + 1/12 = 7/40
 *   5   2          0         1         0.45                     7/40
 *   6   1          1         0         0                        (d = n: no term)
 *
 * SE at 4: 0.45·√(7/40) = 0.45·0.4183300 = 0.1882485.
 * log(−log) band at 1: σ/|ln S| = √(1/56)/0.1335314 = 1.0007431, times z = 1.959964 → 1.9614205;
 *   lo = 0.875^exp(1.9614205) = 0.875^7.109418 = 0.3870000, hi = 0.875^exp(−1.9614205) = 0.9813930.
 * Median: first t with S ≤ 0.5 → 4. Its band: lo = the first t whose lower end is ≤ 0.5: already
 *   t = 1 (0.387); hi = the first t whose upper end is ≤ 0.5: at 4 it is
 *   0.45^exp(−1.959964·√(7/40)/0.7985077) = 0.7513 > 0.5, at 6 S = 0 → hi = 6.
 * Restricted mean to τ = 6: 1·1 + 0.875·1 + 0.75·1 + 0.6·1 + 0.45·2 = 4.125.
 *   A_j = ∫_{t_j}^6 S: A_1 = 3.125, A_2 = 2.25, A_3 = 1.5, A_4 = 0.9, A_6 = 0.
 *   Var = 3.125²/56 + 2.25²/42 + 1.5²/20 + 0.9²/12 = 0.1743862 + 0.1205357 + 0.1125 + 0.0675 = 0.4749219.
 */
const times = [1, 2, 2, 3, 4, 4, 5, 6];
const events = [true, true, false, true, true, false, false, true];

describe('Kaplan–Meier', () => {
  const curve = kaplanMeier(times, events);

  it('matches the hand-computed curve, at-risk counts and Greenwood errors', () => {
    expect(curve.steps.map((s) => s.time)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(curve.steps.map((s) => s.atRisk)).toEqual([8, 7, 5, 4, 2, 1]);
    expect(curve.steps.map((s) => s.events)).toEqual([1, 1, 1, 1, 0, 1]);
    expect(curve.steps.map((s) => s.censored)).toEqual([0, 1, 0, 1, 1, 0]);
    const expected = [0.875, 0.75, 0.6, 0.45, 0.45, 0];
    curve.steps.forEach((s, i) => expect(s.survival).toBeCloseTo(expected[i], 14));
    expect(curve.steps[3].standardError).toBeCloseTo(0.45 * Math.sqrt(7 / 40), 14);
    expect(curve.steps[0].standardError).toBeCloseTo(0.875 * Math.sqrt(1 / 56), 14);
    expect(curve).toMatchObject({ n: 8, events: 5, censored: 3, lastTime: 6 });
  });

  it('puts the log(−log) band where the hand computation does', () => {
    expect(curve.steps[0].lo).toBeCloseTo(0.387, 6);
    expect(curve.steps[0].hi).toBeCloseTo(0.981393, 6);
    expect(curve.steps[3].hi).toBeCloseTo(0.751274, 6);
    for (const s of curve.steps) {
      expect(s.lo).toBeLessThanOrEqual(s.survival);
      expect(s.hi).toBeGreaterThanOrEqual(s.survival);
    }
  });

  it('reads S(t) as a right-continuous step function', () => {
    expect(survivalAt(curve, 0.5)).toBe(1);
    expect(survivalAt(curve, 2)).toBeCloseTo(0.75, 14);
    expect(survivalAt(curve, 2.99)).toBeCloseTo(0.75, 14);
    expect(survivalAt(curve, 100)).toBe(0);
  });

  it('gives the median and its Brookmeyer–Crowley interval', () => {
    expect(survivalQuantile(curve, 0.5)).toEqual({ value: 4, lo: 1, hi: 6, n: 8 });
    expect(survivalQuantile(curve, 0.2)?.value).toBe(2); // S(2) = 0.75 ≤ 0.8
  });

  it('gives the restricted mean and its variance', () => {
    const m = restrictedMean(curve);
    expect(m.value).toBeCloseTo(4.125, 12);
    const se = Math.sqrt(3.125 ** 2 / 56 + 2.25 ** 2 / 42 + 1.5 ** 2 / 20 + 0.9 ** 2 / 12);
    expect(se).toBeCloseTo(Math.sqrt(0.4749219), 6);
    expect(m.hi - m.value).toBeCloseTo(1.959964 * se, 5);
    expect(restrictedMean(curve, 3).value).toBeCloseTo(1 + 0.875 + 0.75, 12);
  });

  it('has no median when censoring hides it', () => {
    const c = kaplanMeier([1, 2, 3, 4], [true, false, false, false]);
    expect(c.steps.at(-1)?.survival).toBeCloseTo(0.75, 14);
    expect(survivalQuantile(c, 0.5)).toBeNull();
  });

  it('is the empirical survival function when nothing is censored', () => {
    const c = kaplanMeier([3, 1, 2, 2], [true, true, true, true]);
    expect(c.steps.map((s) => s.survival)).toEqual([0.75, 0.25, 0]);
    expect(restrictedMean(c).value).toBeCloseTo((3 + 1 + 2 + 2) / 4, 14);
  });
});
