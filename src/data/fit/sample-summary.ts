/**
 * Distribution-free summaries of an uncensored sample: the mean (Student t), the median (order
 * statistics) and a proportion (Wilson), each with its 95% interval.
 */
import { meanInterval } from '../../kernel/confidence.js';
import { type Estimate, Z95 } from './estimate.js';
import { sampleQuantile } from './quantile-grid.js';
import type { GroupedSample } from './sample.js';

/** x̄ ± t_{n−1}·s/√n (src/kernel/confidence.ts). */
export function sampleMean(values: ArrayLike<number>): Estimate {
  const interval = meanInterval(values, 0.95);
  const mean = interval.mean ?? NaN;
  return { value: mean, lo: interval.lo ?? mean, hi: interval.hi ?? mean, n: interval.n };
}

/**
 * The sample median with the order-statistic interval [x_(l), x_(u)], l, u = n/2 ∓ z·√n/2 (the
 * normal approximation of the Binomial(n, ½) ranks; Conover, Practical Nonparametric Statistics,
 * §3.2), clipped to the sample.
 */
export function sampleMedian(sample: GroupedSample): Estimate {
  const n = sample.n;
  const half = (Z95 * Math.sqrt(n)) / 2;
  const rank = (r: number) => Math.min(n - 1, Math.max(0, r)) / Math.max(1, n - 1);
  return {
    value: sampleQuantile(sample, 0.5),
    lo: sampleQuantile(sample, rank(Math.floor(n / 2 - half) - 1)),
    hi: sampleQuantile(sample, rank(Math.ceil(n / 2 + half) - 1)),
    n,
  };
}

/** k successes out of n with Wilson's score interval (Wilson 1927). */
export function proportion(k: number, n: number): Estimate {
  if (n === 0) return { value: 0, lo: 0, hi: 1, n };
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { value: p, lo: Math.max(0, centre - half), hi: Math.min(1, centre + half), n };
}
