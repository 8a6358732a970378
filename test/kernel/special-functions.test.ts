import { describe, expect, it } from 'vitest';
import {
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedGammaP,
  regularizedGammaQ,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
} from '../../src/kernel/numerics/special-functions.js';

// Reference values marked "mpmath" were computed with mpmath 1.3 at 40–50 significant digits
// (erfinv, ncdf, loggamma, gammainc, betainc; t quantiles by bisection on betainc) at the exact
// double arguments, and are quoted rounded to double precision.

function expectRelative(actual: number, expected: number, tolerance: number): void {
  const error = Math.abs(actual - expected) / Math.abs(expected);
  expect(error, `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

/** ln n! by summing logarithms: an independent reference for ln Γ(n + 1). */
function logFactorial(n: number): number {
  let sum = 0;
  for (let i = 2; i <= n; i++) sum += Math.log(i);
  return sum;
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

describe('normalQuantile', () => {
  it('gives the 97.5% point 1.959963984540054 to full double precision', () => {
    expectRelative(normalQuantile(0.975), 1.959963984540054, 1e-15);
  });

  it('matches 50-digit values across the centre and both tails (mpmath)', () => {
    const cases: Array<[number, number]> = [
      [1e-300, -37.0470962993612],
      [1e-100, -21.273453560965326],
      [1e-20, -9.262340089798407],
      [1e-10, -6.361340902404057],
      [0.001, -3.0902323061678136],
      [0.02425, -1.972961051311885],
      [0.3, -0.5244005127080408],
      [0.4999, -0.00025066283008800747],
      [0.6, 0.2533471031357997],
      [0.999999, 4.753424308817087],
    ];
    for (const [p, z] of cases) expectRelative(normalQuantile(p), z, 5e-15);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('is antisymmetric about one half', () => {
    // 1 − p is exact for these p, so the two quantiles must agree to the last digits.
    for (const p of [0.0078125, 0.01, 0.2, 0.4])
      expectRelative(normalQuantile(1 - p), -normalQuantile(p), 1e-15);
  });

  it('returns ±Infinity at 0 and 1 and rejects p outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(NaN)).toThrow(RangeError);
  });
});

describe('normalCdf', () => {
  it('matches known values in the body and the lower tail (mpmath)', () => {
    const cases: Array<[number, number]> = [
      [1.96, 0.9750021048517795],
      [-1, 0.15865525393145705],
      [0, 0.5],
      [-3, 0.0013498980316300946],
      [-8, 6.220960574271784e-16],
      [-20, 2.7536241186062337e-89],
      [-30, 4.906713927148187e-198],
    ];
    for (const [x, p] of cases) expectRelative(normalCdf(x), p, 2e-15);
  });

  it('inverts normalQuantile', () => {
    // Φ(z(1 + ε)) ≈ Φ(z)(1 + z²ε) in the tail: the round trip is allowed that much.
    for (const p of [1e-200, 1e-9, 0.001, 0.1, 0.5, 0.77, 0.99]) {
      const z = normalQuantile(p);
      expectRelative(normalCdf(z), p, 2e-15 * (1 + z * z));
    }
  });
});

describe('logGamma', () => {
  it('equals ln n! at n + 1 for n up to 170', () => {
    for (let n = 0; n <= 170; n++) {
      const expected = logFactorial(n);
      expect(Math.abs(logGamma(n + 1) - expected)).toBeLessThanOrEqual(1e-14 * Math.max(1, expected));
    }
  });

  it('gives ln √π at one half and matches mpmath at small, fractional and large arguments', () => {
    expectRelative(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-15);
    expectRelative(logGamma(0.1), 2.252712651734206, 1e-15);
    expectRelative(logGamma(1e-8), 18.42068073818021, 1e-15);
    expectRelative(logGamma(100000.5), 1051293.4654351394, 1e-15);
  });

  it('rejects x ≤ 0', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-2.5)).toThrow(RangeError);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('equals the binomial tail sum for whole a and b', () => {
    // I_x(a, b) = Σ_{j=a}^{a+b−1} C(a+b−1, j) x^j (1−x)^{a+b−1−j} (Abramowitz & Stegun 26.5.7 with 6.6.4).
    for (const [a, b] of [
      [1, 1],
      [2, 3],
      [5, 2],
      [7, 9],
    ]) {
      for (const x of [0.01, 0.2, 0.5, 0.73, 0.99]) {
        const m = a + b - 1;
        let expected = 0;
        for (let j = a; j <= m; j++) expected += binomial(m, j) * x ** j * (1 - x) ** (m - j);
        expectRelative(regularizedIncompleteBeta(x, a, b), expected, 1e-13);
      }
    }
  });

  it('equals the arcsine law at a = b = ½ and ½ at x = ½ when a = b', () => {
    for (const x of [1e-6, 0.1, 0.5, 0.9]) {
      expectRelative(regularizedIncompleteBeta(x, 0.5, 0.5), (2 / Math.PI) * Math.asin(Math.sqrt(x)), 1e-14);
    }
    for (const a of [0.3, 4, 250, 1e4]) expectRelative(regularizedIncompleteBeta(0.5, a, a), 0.5, 2e-14);
    // The continued fraction needs thousands of terms here; their roundings add up.
    expectRelative(regularizedIncompleteBeta(0.5, 1e5, 1e5), 0.5, 2e-13);
  });

  it('matches mpmath at fractional and large parameters', () => {
    expectRelative(regularizedIncompleteBeta(0.3, 2.5, 4.2), 0.3741155180265068, 1e-14);
    expectRelative(regularizedIncompleteBeta(0.999, 5000, 3.3), 0.1609795466788357, 1e-12);
  });

  it('rejects x outside [0, 1] and non-positive parameters', () => {
    expect(() => regularizedIncompleteBeta(1.2, 1, 1)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow(RangeError);
  });
});

describe('regularizedGammaP and regularizedGammaQ', () => {
  it('equal 1 − e^−x and e^−x at a = 1', () => {
    for (const x of [1e-3, 0.5, 2, 30]) {
      expectRelative(regularizedGammaP(1, x), -Math.expm1(-x), 1e-14);
      expectRelative(regularizedGammaQ(1, x), Math.exp(-x), 1e-13);
    }
  });

  it('equal the Poisson sums for whole a', () => {
    // Q(k, x) = e^−x Σ_{j<k} x^j / j! (Abramowitz & Stegun 6.5.13).
    for (const k of [2, 5, 12]) {
      for (const x of [0.5, 3, 10, 25]) {
        let term = Math.exp(-x);
        let q = 0;
        for (let j = 0; j < k; j++) {
          q += term;
          term *= x / (j + 1);
        }
        expectRelative(regularizedGammaQ(k, x), q, 1e-13);
        expect(regularizedGammaP(k, x) + regularizedGammaQ(k, x)).toBeCloseTo(1, 14);
      }
    }
  });

  it('equals erf(√x) at a = ½', () => {
    for (const x of [0.01, 0.7, 3])
      expectRelative(regularizedGammaP(0.5, x), 2 * normalCdf(Math.sqrt(2 * x)) - 1, 1e-14);
  });

  it('keeps relative accuracy in the upper tail and for large a (mpmath)', () => {
    expectRelative(regularizedGammaQ(0.3, 40), 1.0556514939798349e-19, 1e-13);
    expectRelative(regularizedGammaQ(100, 140), 0.00016105717471255585, 1e-12);
    expectRelative(regularizedGammaP(3.7, 2.1), 0.20770997967764118, 1e-14);
    expectRelative(regularizedGammaP(10000, 10000), 0.5013298083399552, 1e-12);
  });
});

describe('studentTCdf', () => {
  it('matches the closed forms for 1 and 2 degrees of freedom', () => {
    // Lower tails written without cancellation: F₁(t) = atan(1/|t|)/π and
    // F₂(t) = 1/(√(2+t²)(√(2+t²) + |t|)) for t < 0.
    for (const t of [-50, -2, -0.3]) {
      const r = Math.sqrt(2 + t * t);
      expectRelative(studentTCdf(t, 1), Math.atan(-1 / t) / Math.PI, 1e-14);
      expectRelative(studentTCdf(t, 2), 1 / (r * (r - t)), 1e-14);
    }
    for (const t of [0, 0.7, 4, 300]) {
      expectRelative(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-15);
      expectRelative(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-15);
    }
  });

  it('matches mpmath at 3 and 7 degrees of freedom', () => {
    expectRelative(studentTCdf(2.5, 7), 0.9795038907071235, 1e-15);
    expectRelative(studentTCdf(-40, 3), 1.7190340394579263e-5, 1e-13);
  });
});

describe('studentTQuantile', () => {
  it('gives the tabled 97.5% points (R qt, confirmed with mpmath)', () => {
    const table: Array<[number, number]> = [
      [1, 12.7062047361747],
      [2, 4.30265272974946],
      [4, 2.7764451051977987],
      [9, 2.2621571627982],
      [29, 2.0452296421327],
      [1000, 1.96233908082641],
    ];
    for (const [df, t] of table) expectRelative(studentTQuantile(0.975, df), t, 1e-12);
  });

  it('is accurate to 1e-10 in the far tails and at large or fractional df (mpmath)', () => {
    const cases: Array<[number, number, number]> = [
      // [lower-tail p, df, quantile]
      [1e-12, 1, -318309886183.79065],
      [1e-12, 1.5, -52194694.27344635],
      [1e-12, 3, -10331.108244292485],
      [1e-6, 3.5, -61.045121207720626],
      [1e-12, 10, -40.5320961786626],
      [1e-6, 29, -5.917105540459562],
      [0.4, 30, -0.2556053649519127],
      [1e-12, 100, -8.025825594493254],
      [0.1, 1e4, -1.2816362297304775],
      [0.025, 1e5, -1.9599877075346097],
      [1e-12, 1e5, -7.035371742393576],
    ];
    for (const [p, df, t] of cases) {
      expectRelative(studentTQuantile(p, df), t, 1e-10);
      expectRelative(studentTQuantile(1 - p, df), -t, p < 1e-3 ? 1e-3 : 1e-10); // 1 − p itself is rounded
    }
  });

  it('matches the closed form for 4 degrees of freedom', () => {
    // t = sign(p − ½)·2·√(q − 1), q = cos(⅓·arccos(√α))/√α, α = 4p(1 − p) (Hill 1970; Wikipedia, "Student's t-distribution").
    for (const p of [1e-9, 0.001, 0.05, 0.3, 0.6, 0.9, 0.999]) {
      const alpha = 4 * p * (1 - p);
      const q = Math.cos(Math.acos(Math.sqrt(alpha)) / 3) / Math.sqrt(alpha);
      expectRelative(studentTQuantile(p, 4), Math.sign(p - 0.5) * 2 * Math.sqrt(q - 1), 1e-11);
    }
  });

  it('inverts studentTCdf for fractional and whole df, even below 1', () => {
    for (const df of [0.5, 1, 1.3, 2.5, 3, 7.5, 30, 1000]) {
      for (const p of [1e-10, 1e-4, 0.01, 0.2, 0.45, 0.5, 0.55, 0.8, 0.99]) {
        const t = studentTQuantile(p, df);
        const tail = p < 0.5 ? studentTCdf(t, df) : 1 - studentTCdf(t, df);
        expectRelative(tail, p < 0.5 ? p : 1 - p, 1e-11);
      }
    }
  });

  it('tends to the normal quantile as df grows', () => {
    expectRelative(studentTQuantile(0.975, 1e9), normalQuantile(0.975), 1e-8);
    expect(studentTQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
  });

  it('rejects p outside (0, 1) and df ≤ 0', () => {
    expect(() => studentTQuantile(0, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, NaN)).toThrow(RangeError);
  });
});
