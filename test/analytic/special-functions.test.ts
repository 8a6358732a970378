import { describe, expect, it } from 'vitest';
import { abandonmentSeries } from '../../src/analytic/abandonment-series.js';
import { logInverseErlangB } from '../../src/analytic/erlang-b.js';
import {
  logPoissonKernel,
  logUpperGammaContinuedFraction,
  shiftedHarmonicSum,
  stirlingError,
} from '../../src/kernel/numerics/log-space.js';
import { bd0, logGamma } from '../../src/kernel/numerics/special-functions.js';
import { expectClose } from './reference.js';

/** ln((n−1)!) by adding logarithms. */
function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

describe('special functions', () => {
  it('computes ln Γ at known points', () => {
    expectClose(logGamma(1), 0, 0, 1e-14);
    expectClose(logGamma(2), 0, 0, 1e-14);
    expectClose(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    expectClose(logGamma(10), Math.log(362880), 1e-14);
    expectClose(logGamma(171), logFactorial(170), 1e-14);
    // Γ(0.001) = 999.4237724845955 (Γ(x) = Γ(1+x)/x, Γ(1.001) from its series).
    expectClose(logGamma(0.001), Math.log(999.4237724845955), 1e-13);
    let halfIntegers = 0.5 * Math.log(Math.PI);
    for (let k = 0; k < 100; k++) halfIntegers += Math.log(k + 0.5);
    expectClose(logGamma(100.5), halfIntegers, 1e-13);
  });

  it('computes Stirling’s error term and the Poisson kernel without cancellation', () => {
    for (const a of [0.25, 3, 9.99]) {
      const direct = logGamma(a + 1) - (a + 0.5) * Math.log(a) + a - 0.5 * Math.log(2 * Math.PI);
      expectClose(stirlingError(a), direct, 1e-12, 1e-15);
    }
    // Recurrence from Γ(a+2) = (a+1)Γ(a+1): e(a) − e(a+1) = (a+½)·ln(1 + 1/a) − 1,
    // across the switch to the asymptotic series at 10 and far beyond it.
    for (const a of [9.5, 150, 1e4]) {
      expectClose(stirlingError(a) - stirlingError(a + 1), (a + 0.5) * Math.log1p(1 / a) - 1, 1e-7);
    }
    expectClose(logPoissonKernel(20, 15), 20 * Math.log(15) - 15 - logFactorial(20), 1e-13);
    expect(logPoissonKernel(0, 3)).toBe(-3);
    // x ≈ m: bd0(x, m) = m·Σ_{k≥2} (−1)^k d^k / (k(k−1)), d = x/m − 1.
    const x = 1000;
    const m = 1000.5;
    const d = x / m - 1;
    let series = 0;
    for (let k = 2; k < 30; k++) series += ((-1) ** k * d ** k) / (k * (k - 1));
    expectClose(bd0(x, m), m * series, 1e-12);
    expectClose(bd0(3, 30), 3 * Math.log(3 / 30) + 27, 1e-14);
  });

  it('sums shifted harmonic series directly and asymptotically alike', () => {
    for (const [a, count] of [
      [0.3, 5000],
      [12.5, 100_000],
      [1e6, 3000],
    ] as const) {
      let sum = 0;
      for (let i = count; i >= 1; i--) sum += 1 / (a + i);
      expectClose(shiftedHarmonicSum(a, count), sum, 1e-13);
    }
    expect(shiftedHarmonicSum(4, 0)).toBe(0);
  });

  it('evaluates the upper incomplete gamma continued fraction against closed forms', () => {
    // Γ(1, z) = e^{−z};  Γ(2, z) = (z + 1)e^{−z};  Γ(s, z) = (s−1)! e^{−z} Σ_{k<s} z^k/k! for integer s.
    expectClose(logUpperGammaContinuedFraction(1, 5), -Math.log(5), 1e-14);
    expectClose(logUpperGammaContinuedFraction(2, 7), Math.log(8 / 49), 1e-14);
    const s = 30;
    const z = 50;
    let sum = 0;
    let term = 1;
    for (let k = 0; k < s; k++) {
      sum += term;
      term *= z / (k + 1);
    }
    expectClose(
      logUpperGammaContinuedFraction(s, z),
      logFactorial(s - 1) - s * Math.log(z) + Math.log(sum),
      1e-13,
    );
  });

  it('keeps ln(1/B) exact where Erlang B itself underflows', () => {
    // 1/B(n, a) = Σ_{k=0}^{n} (n!/k!) a^{k−n}; for a = 1 this is n!·Σ 1/k!.
    let e = 0;
    let inv = 1;
    for (let k = 0; k <= 20; k++) {
      e += inv;
      inv /= k + 1;
    }
    expectClose(logInverseErlangB(20, 1), logFactorial(20) + Math.log(e), 1e-13);
    expect(logInverseErlangB(5000, 1)).toBeGreaterThan(30_000); // B ≈ 1/5000!, far below 1e-308
    expect(logInverseErlangB(0, 7)).toBe(0);
    expect(logInverseErlangB(3, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('sums the Erlang A queue series around a mode far from zero', () => {
    // Reference: all terms from k = 0 by plain products, scaled by the largest.
    for (const [x, y] of [
      [50, 5000],
      [3.5, 120],
      [200, 150],
      [0.05, 2.5],
    ] as const) {
      const logs: number[] = [0];
      for (let k = 1; k < 20_000; k++) logs.push(logs[k - 1]! + Math.log(y / (x + k)));
      const top = Math.max(...logs);
      let total = 0;
      let served = 0;
      let abandoned = 0;
      let servedWait = 0;
      let h = 0;
      for (let k = 0; k < logs.length; k++) {
        h += 1 / (x + k + 1);
        const t = Math.exp(logs[k]! - top);
        total += t;
        served += (t * x) / (x + k + 1);
        abandoned += (t * (k + 1)) / (x + k + 1);
        servedWait += ((t * x) / (x + k + 1)) * h;
      }
      const r = abandonmentSeries(x, y);
      // ln of the whole sum (the reference accumulates ~5000 logarithms, so ~1e-11).
      expectClose(r.logScale + Math.log(r.total), top + Math.log(total), 0, 1e-10);
      expectClose(r.served / r.total, served / total, 1e-12);
      expectClose(r.abandoned / r.total, abandoned / total, 1e-12);
      expectClose(r.servedWait / r.total, servedWait / total, 1e-12);
    }
  });
});
