/**
 * Goodness of fit of a continuous law to an uncensored grouped sample. Both statistics treat tied
 * values (whole seconds) exactly: the empirical CDF jumps by the tie's count at its value.
 */
import type { GroupedSample } from './sample.js';

/**
 * Kolmogorov–Smirnov distance sup_x |F_n(x) − F(x)|, checked on both sides of every jump of F_n.
 */
export function kolmogorovSmirnov(sample: GroupedSample, cdf: (x: number) => number): number {
  let below = 0;
  let distance = 0;
  for (let j = 0; j < sample.times.length; j++) {
    const f = cdf(sample.times[j]);
    const above = below + (sample.events[j] + sample.censored[j]) / sample.n;
    distance = Math.max(distance, Math.abs(f - below), Math.abs(f - above));
    below = above;
  }
  return distance;
}

/** ∫_{u1}^{u2} (c − u)²/(u(1 − u)) du = c²ln(u2/u1) − (1 − c)²ln((1 − u2)/(1 − u1)) − (u2 − u1). */
function adSegment(c: number, u1: number, u2: number): number {
  if (u2 <= u1) return 0;
  const tiny = 1e-300;
  const left = c > 0 ? c * c * Math.log(Math.max(u2, tiny) / Math.max(u1, tiny)) : 0;
  const right = c < 1 ? (1 - c) ** 2 * Math.log(Math.max(1 - u2, tiny) / Math.max(1 - u1, tiny)) : 0;
  return left - right - (u2 - u1);
}

/**
 * Anderson–Darling statistic A² = n∫(F_n − F)²/(F(1 − F)) dF (Anderson & Darling 1954), integrated
 * exactly segment by segment of the step function F_n, so ties need no special rule. Without ties
 * it equals the usual −n − Σ(2i − 1)/n·[ln F(x_i) + ln(1 − F(x_{n+1−i}))].
 */
export function andersonDarling(sample: GroupedSample, cdf: (x: number) => number): number {
  let c = 0;
  let u = 0;
  let total = 0;
  for (let j = 0; j < sample.times.length; j++) {
    const next = Math.min(1, Math.max(u, cdf(sample.times[j])));
    total += adSegment(c, u, next);
    u = next;
    c += (sample.events[j] + sample.censored[j]) / sample.n;
  }
  total += adSegment(1, u, 1);
  return sample.n * total;
}

/** The empirical CDF of a grouped sample at x (right-continuous). */
export function empiricalCdf(sample: GroupedSample, x: number): number {
  let count = 0;
  for (let j = 0; j < sample.times.length && sample.times[j] <= x; j++) {
    count += sample.events[j] + sample.censored[j];
  }
  return count / sample.n;
}

/**
 * The Kolmogorov–Smirnov distance above which a parametric law is not used as it is: the larger of
 * `tolerance` (a practical bound: the law's CDF is everywhere within that many probability points
 * of the data) and the 1% critical value 1.628/√n (Smirnov's asymptotic), so that small samples,
 * whose empirical CDF is itself noisy, keep the smoother parametric law.
 */
export function ksAcceptance(n: number, tolerance: number): number {
  return Math.max(tolerance, 1.628 / Math.sqrt(n));
}
