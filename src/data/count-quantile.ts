/**
 * Quantiles of the gamma–Poisson (negative binomial) count distribution with mean μ and variance
 * μ + φ·μ²: a Poisson count whose rate is μ times a gamma variate of mean 1 and variance φ. φ = 0
 * is the Poisson. Used for prediction intervals of call counts (Brown et al. 2005, JASA, §3:
 * arrivals are Poisson given a random day rate).
 */
import {
  normalQuantile,
  regularizedGammaQ,
  regularizedIncompleteBeta,
} from '../kernel/numerics/special-functions.js';

/** Below this dispersion the count is taken as Poisson (the gamma is then a point). */
const POISSON_DISPERSION = 1e-9;

/** P(X ≤ k) for the count of mean `mean` and dispersion `dispersion` (k ≥ 0 whole). */
export function countCdf(k: number, mean: number, dispersion: number): number {
  if (k < 0) return 0;
  if (mean <= 0) return 1;
  if (dispersion < POISSON_DISPERSION) return regularizedGammaQ(k + 1, mean);
  // Negative binomial with size r = 1/φ and success probability r/(r + μ): P(X ≤ k) = I_p(r, k + 1).
  const size = 1 / dispersion;
  return regularizedIncompleteBeta(size / (size + mean), size, k + 1);
}

/** The smallest whole k with P(X ≤ k) ≥ p, p in (0, 1). */
export function countQuantile(p: number, mean: number, dispersion: number): number {
  if (mean <= 0) return 0;
  const sd = Math.sqrt(mean + dispersion * mean * mean);
  const guess = Math.max(0, Math.floor(mean + normalQuantile(p) * sd));
  // Bracket the answer from the normal guess, widening the step, then bisect: below ≤ k < above.
  let below = guess - 1;
  let above = guess;
  for (
    let step = Math.max(1, Math.ceil(sd / 8));
    below >= 0 && countCdf(below, mean, dispersion) >= p;
    step *= 2
  ) {
    above = below;
    below = Math.max(-1, below - step);
  }
  for (let step = Math.max(1, Math.ceil(sd / 8)); countCdf(above, mean, dispersion) < p; step *= 2) {
    below = above;
    above += step;
  }
  while (above - below > 1) {
    const middle = Math.floor((below + above) / 2);
    if (countCdf(middle, mean, dispersion) >= p) above = middle;
    else below = middle;
  }
  return above;
}
