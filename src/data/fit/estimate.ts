/**
 * A fitted number with its 95% confidence interval and the size of the sample it came from, and
 * the few interval constructions the fits share.
 */
import { gamma } from '../../kernel/distributions.js';
import { normalQuantile } from '../../kernel/numerics/special-functions.js';

/** Every interval of src/data/fit is a two-sided 95% interval. */
export const CONFIDENCE_LEVEL = 0.95;

/** z_{0.975} ≈ 1.959964, the two-sided 95% normal critical value. */
export const Z95 = normalQuantile(1 - (1 - CONFIDENCE_LEVEL) / 2);

export interface Estimate {
  /** The point estimate. */
  readonly value: number;
  /** Lower end of the 95% confidence interval. */
  readonly lo: number;
  /**
   * Upper end of the 95% confidence interval: Infinity when the data bound it only from below, or
   * when the likelihood is too flat to give a standard error (then lo is the floor: 0).
   */
  readonly hi: number;
  /** Number of observations it rests on. */
  readonly n: number;
}

/** value ± z·se, the lower end clipped at `floor` (0 for quantities that cannot be negative). */
export function normalEstimate(value: number, se: number, n: number, floor = 0): Estimate {
  if (!(se >= 0 && se < Infinity)) return { value, lo: floor, hi: Infinity, n };
  return { value, lo: Math.max(floor, value - Z95 * se), hi: value + Z95 * se, n };
}

/** A positive quantity whose logarithm has standard error `seLog`: value·exp(±z·seLog). */
export function logNormalEstimate(value: number, seLog: number, n: number): Estimate {
  if (!(seLog >= 0 && seLog < Infinity)) return { value, lo: 0, hi: Infinity, n };
  const factor = Math.exp(Z95 * seLog);
  return { value, lo: value / factor, hi: value * factor, n };
}

/**
 * The p-quantile of Gamma(shape, scale 1), i.e. of χ²(2·shape)/2; shape > 0. Exact (numerical
 * inversion) below shape 100; above, where that inversion gets slow, the Wilson–Hilferty cube
 * shape·(1 − 1/(9·shape) + z_p/(3√shape))³ (Johnson, Kotz & Balakrishnan vol. 1, eq. 18.24),
 * whose relative error there is below 1e-4, far inside any interval it bounds.
 */
export function gammaUnitQuantile(shape: number, p: number): number {
  if (shape < 100) return gamma(shape, 1 / Math.sqrt(shape)).quantile(p);
  return shape * (1 - 1 / (9 * shape) + normalQuantile(p) / (3 * Math.sqrt(shape))) ** 3;
}

/** The image of an estimate under an increasing function (intervals map end to end). */
export function mapIncreasing(e: Estimate, f: (x: number) => number): Estimate {
  return { value: f(e.value), lo: f(e.lo), hi: f(e.hi), n: e.n };
}

/** The image of an estimate under a decreasing function (the ends swap). */
export function mapDecreasing(e: Estimate, f: (x: number) => number): Estimate {
  return { value: f(e.value), lo: f(e.hi), hi: f(e.lo), n: e.n };
}
