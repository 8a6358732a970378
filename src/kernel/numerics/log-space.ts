/**
 * Log-space special functions of the closed-form queueing formulas
 * (src/analytic), on top of the kernel's special functions.
 *
 * Everything here works on logarithms so that factorials, powers a^n and
 * incomplete-gamma prefactors never overflow or underflow for thousands of
 * agents. The Poisson-kernel helpers (`stirlingError`, `bd0`,
 * `logPoissonKernel`) follow C. Loader, "Fast and Accurate Computation of
 * Binomial Probabilities" (2000), the algorithm behind R's dpois: they keep
 * the relative accuracy of x^a e^-x / Γ(a+1) when a and x are both huge,
 * where the naive a·ln x − x − lnΓ(a+1) loses every digit to cancellation.
 */

import { bd0, logGamma, stirlingRemainder, upperGammaFraction } from './special-functions.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Loader's stirlerr: lnΓ(a+1) − (a+½)ln a + a − ½ln 2π, for a > 0.
 */
export function stirlingError(a: number): number {
  if (a >= 10) return stirlingRemainder(a);
  return logGamma(a + 1) - (a + 0.5) * Math.log(a) + a - HALF_LOG_2PI;
}

/**
 * ln( z^a e^{−z} / Γ(a+1) ) for real a ≥ 0 and z ≥ 0: the Poisson pmf at a
 * "real count" a with mean z (Loader 2000). Returns −∞ for z = 0 < a.
 */
export function logPoissonKernel(a: number, z: number): number {
  if (a === 0) return -z;
  if (z === 0) return Number.NEGATIVE_INFINITY;
  return -stirlingError(a) - bd0(a, z) - 0.5 * Math.log(2 * Math.PI * a);
}

/** ln(e^u + e^v), exact for infinite arguments (−∞ is the log of 0). */
export function logAddExp(u: number, v: number): number {
  if (u === Number.NEGATIVE_INFINITY) return v;
  if (v === Number.NEGATIVE_INFINITY) return u;
  const hi = Math.max(u, v);
  const lo = Math.min(u, v);
  if (hi === Number.POSITIVE_INFINITY) return hi;
  return hi + Math.log1p(Math.exp(lo - hi));
}

/** ln(1 + e^x) without overflow. */
export function log1pExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * Asymptotic digamma minus ln z: ψ(z) − ln z = −1/(2z) − Σ B₂ⱼ/(2j z²ʲ),
 * for z ≥ 10 (Abramowitz & Stegun 6.3.18), accurate to 1e-17.
 */
function digammaMinusLog(z: number): number {
  const r = 1 / z;
  const r2 = r * r;
  return -0.5 * r - r2 * (1 / 12 - r2 * (1 / 120 - r2 * (1 / 252 - r2 * (1 / 240 - r2 * (1 / 132)))));
}

/**
 * Σ_{i=1}^{m} 1/(a+i) for a > −1 and integer m ≥ 0 (a shifted harmonic sum,
 * equal to ψ(a+m+1) − ψ(a+1)). Short sums are added directly; long ones use
 * the digamma asymptotics, so the cost is O(1) for any m.
 */
export function shiftedHarmonicSum(a: number, m: number): number {
  if (m <= 2000) {
    let sum = 0;
    for (let i = m; i >= 1; i--) sum += 1 / (a + i); // smallest terms first
    return sum;
  }
  let head = 0;
  let start = a + 1; // the next term is 1/start
  let remaining = m;
  while (start < 10) {
    head += 1 / start;
    start += 1;
    remaining -= 1;
  }
  const end = start + remaining; // Σ_{u=start}^{end−1} 1/u = ψ(end) − ψ(start)
  return head + Math.log1p(remaining / start) + digammaMinusLog(end) - digammaMinusLog(start);
}

/**
 * ln( Γ(s, z) · e^{z} · z^{−s} ) for s > 0 and z > s + 1, where Γ(s, z) is
 * the upper incomplete gamma function: the continued fraction
 *   Γ(s, z) = e^{−z} z^{s} / (z + 1 − s − 1·(1−s)/(z + 3 − s − 2·(2−s)/(z + 5 − s − …)))
 * evaluated by the kernel's modified-Lentz `upperGammaFraction` (Press et
 * al., "Numerical Recipes", 3rd ed., §6.2). It converges in O(√s) steps at
 * worst, fast when z ≫ s, and has no cancellation.
 */
export function logUpperGammaContinuedFraction(s: number, z: number): number {
  // Up to 10^8 terms: Erlang A evaluates it at huge s (λ/θ) under heavy overload.
  return Math.log(upperGammaFraction(s, z, 100_000_000));
}
