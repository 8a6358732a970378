/**
 * Confidence intervals across independent replications (one value, or one
 * pair of values, per replication): the one interval path of ccsim. The
 * KPI estimators of a run (experiment/estimate.ts) stream replications into
 * a Tally or RatioTally and ask `meanIntervalOf` / `ratioIntervalOf`; the
 * array forms `meanInterval` / `ratioInterval` feed the same collectors, so
 * they give the very bits a run reports; the fits of src/data use them too.
 *
 * The output never holds NaN: what cannot be estimated is `null`.
 * - no values: everything null (n = 0);
 * - one value: lo = hi = mean and halfWidth null (no variance estimate);
 * - a ratio whose denominators sum to 0: everything but n null.
 */
import { RatioTally } from './ratio-tally.js';
import { studentTQuantile } from './numerics/special-functions.js';
import { Tally } from './statistics.js';

export interface Interval {
  /** Point estimate, or null when there is none. */
  readonly mean: number | null;
  /** mean − halfWidth (mean itself when there is no half-width), or null. */
  readonly lo: number | null;
  /** mean + halfWidth (mean itself when there is no half-width), or null. */
  readonly hi: number | null;
  /** Half-width of the interval, or null with fewer than two values. */
  readonly halfWidth: number | null;
  /** Number of replications. */
  readonly n: number;
}

function checkLevel(name: string, level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`${name}: level must be in (0, 1), got ${level}`);
}

function checkFinite(name: string, what: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]))
      throw new RangeError(`${name}: ${what}[${i}] must be finite, got ${values[i]}`);
  }
}

/** Two-sided Student-t critical value t_{1−(1−level)/2, df}. */
export function tCritical(level: number, df: number): number {
  return studentTQuantile(1 - (1 - level) / 2, df);
}

function around(mean: number, halfWidth: number | null, n: number): Interval {
  return halfWidth === null
    ? { mean, lo: mean, hi: mean, halfWidth: null, n }
    : { mean, lo: mean - halfWidth, hi: mean + halfWidth, halfWidth, n };
}

const EMPTY: Interval = Object.freeze({ mean: null, lo: null, hi: null, halfWidth: null, n: 0 });

/**
 * Mean of the i.i.d. observations of `tally` with the Student-t interval
 * x̄ ± t_{n−1}·√(s²/n), s² the sample variance (Welford's update, so no
 * cancellation).
 */
export function meanIntervalOf(tally: Tally, level = 0.95): Interval {
  checkLevel('meanInterval', level);
  const n = tally.count;
  if (n === 0) return EMPTY;
  if (n < 2) return around(tally.mean, null, n);
  return around(tally.mean, tCritical(level, n - 1) * Math.sqrt(tally.variance / n), n);
}

/**
 * Ratio of means R = E[X]/E[Y] from the pairs (xᵢ, yᵢ) of `tally`, one per
 * replication: R̂ = Σx/Σy, with the delta-method interval
 * R̂ ± t_{n−1}·s/(√n·|ȳ|), where s² is the sample variance of the residuals
 * xᵢ − R̂·yᵢ (whose mean is 0 by the choice of R̂). Sources: Law & Kelton,
 * Simulation Modeling and Analysis (estimating a ratio of expectations);
 * Asmussen & Glynn, Stochastic Simulation (2007), ch. III (smooth functions
 * of expectations, the delta method); the ratio KPIs of ContactCenters
 * (Buist & L'Ecuyer 2005). The interval is asymptotic: with few
 * replications, or denominators near 0, its coverage can fall short.
 */
export function ratioIntervalOf(tally: RatioTally, level = 0.95): Interval {
  checkLevel('ratioInterval', level);
  const n = tally.count;
  const ratio = tally.ratio;
  if (ratio === null) return n === 0 ? EMPTY : { ...EMPTY, n };
  const se = tally.standardError;
  return around(ratio, se === null ? null : tCritical(level, n - 1) * se, n);
}

/**
 * `meanIntervalOf` over an array of values. Values must be finite
 * (RangeError otherwise); the caller decides what to do with replications
 * that have no value.
 */
export function meanInterval(values: ArrayLike<number>, level = 0.95): Interval {
  checkLevel('meanInterval', level);
  checkFinite('meanInterval', 'values', values);
  const tally = new Tally();
  for (let i = 0; i < values.length; i++) tally.add(values[i]);
  return meanIntervalOf(tally, level);
}

/** `ratioIntervalOf` over pairs (numerators[i], denominators[i]), which must be finite. */
export function ratioInterval(
  numerators: ArrayLike<number>,
  denominators: ArrayLike<number>,
  level = 0.95,
): Interval {
  checkLevel('ratioInterval', level);
  if (numerators.length !== denominators.length) {
    throw new RangeError(
      `ratioInterval: ${numerators.length} numerators but ${denominators.length} denominators`,
    );
  }
  checkFinite('ratioInterval', 'numerators', numerators);
  checkFinite('ratioInterval', 'denominators', denominators);
  const tally = new RatioTally();
  for (let i = 0; i < numerators.length; i++) tally.add(numerators[i], denominators[i]);
  return ratioIntervalOf(tally, level);
}
