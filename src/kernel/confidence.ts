/**
 * Confidence intervals across independent replications (one value, or one
 * pair of values, per replication).
 *
 * The output never holds NaN: what cannot be estimated is `null`.
 * - no values: everything null (n = 0);
 * - one value: lo = hi = mean and halfWidth null (no variance estimate);
 * - a ratio whose denominators sum to 0: everything but n null.
 */
import { studentTQuantile } from './special-functions.js';

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
function tCritical(level: number, df: number): number {
  return studentTQuantile(1 - (1 - level) / 2, df);
}

function around(mean: number, halfWidth: number | null, n: number): Interval {
  return halfWidth === null
    ? { mean, lo: mean, hi: mean, halfWidth: null, n }
    : { mean, lo: mean - halfWidth, hi: mean + halfWidth, halfWidth, n };
}

const EMPTY: Interval = Object.freeze({ mean: null, lo: null, hi: null, halfWidth: null, n: 0 });

/**
 * Mean of i.i.d. values with the Student-t interval x̄ ± t_{n−1}·s/√n, s² the
 * sample variance (two-pass, so no cancellation). Values must be finite
 * (RangeError otherwise); the caller decides what to do with replications
 * that have no value.
 */
export function meanInterval(values: ArrayLike<number>, level = 0.95): Interval {
  checkLevel('meanInterval', level);
  checkFinite('meanInterval', 'values', values);
  const n = values.length;
  if (n === 0) return EMPTY;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n < 2) return around(mean, null, n);
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  const s = Math.sqrt(squares / (n - 1));
  return around(mean, (tCritical(level, n - 1) * s) / Math.sqrt(n), n);
}

/**
 * Ratio of means R = E[X]/E[Y] from pairs (xᵢ, yᵢ), one per replication:
 * R̂ = Σx/Σy, with the delta-method interval R̂ ± t_{n−1}·s/(√n·|ȳ|), where
 * s² = Σ(xᵢ − R̂yᵢ)²/(n − 1) is the sample variance of the residuals
 * xᵢ − R̂·yᵢ (whose mean is 0 by the choice of R̂). Sources: Law & Kelton,
 * Simulation Modeling and Analysis (estimating a ratio of expectations);
 * Asmussen & Glynn, Stochastic Simulation (2007), ch. III (smooth functions
 * of expectations, the delta method); the ratio KPIs of ContactCenters
 * (Buist & L'Ecuyer 2005). The interval is asymptotic: with few
 * replications, or denominators near 0, its coverage can fall short.
 */
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
  const n = numerators.length;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    sumX += numerators[i];
    sumY += denominators[i];
  }
  if (sumY === 0) return n === 0 ? EMPTY : { ...EMPTY, n };
  const ratio = sumX / sumY;
  if (n < 2) return around(ratio, null, n);
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (numerators[i] - ratio * denominators[i]) ** 2;
  const s = Math.sqrt(squares / (n - 1));
  const meanY = sumY / n;
  return around(ratio, (tCritical(level, n - 1) * s) / (Math.sqrt(n) * Math.abs(meanY)), n);
}
