/**
 * Estimates of one KPI over replications, streamed in replication order.
 * The intervals are kernel/confidence.ts's, the path its tests check.
 */
import type { Interval } from '../kernel/confidence.js';
import { meanIntervalOf, ratioIntervalOf } from '../kernel/confidence.js';
import { RatioTally } from '../kernel/ratio-tally.js';
import { Tally } from '../kernel/statistics.js';
import type { KpiDefinition } from '../model/kpis.js';

/** A KPI's estimate: mean and confidence interval; null where undefined (no data, or one replication). */
export interface Estimate {
  readonly mean: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}

export interface KpiEstimator {
  add(record: Float64Array): void;
  estimate(level: number): Estimate;
  /** Half-width of the interval, or null when there is none yet. */
  halfWidth(level: number): number | null;
}

export function estimatorFor(kpi: KpiDefinition): KpiEstimator {
  const estimator =
    kpi.estimator === 'ratio'
      ? new RatioEstimator(kpi.numerator, kpi.denominator)
      : new MeanEstimator(kpi.value);
  return new Clipped(estimator, kpi.unit === 'fraction' ? 1 : Infinity);
}

/**
 * Every KPI is ≥ 0 and fractions are ≤ 1: a symmetric interval that crosses
 * those bounds is cut at them (the point estimate is never changed).
 */
class Clipped implements KpiEstimator {
  constructor(
    private readonly inner: KpiEstimator,
    private readonly upper: number,
  ) {}

  add(record: Float64Array): void {
    this.inner.add(record);
  }

  halfWidth(level: number): number | null {
    return this.inner.halfWidth(level);
  }

  estimate(level: number): Estimate {
    const e = this.inner.estimate(level);
    if (e.lo === null || e.hi === null) return e;
    return { mean: e.mean, lo: Math.max(0, e.lo), hi: Math.min(this.upper, e.hi) };
  }
}

/** A run's view of an interval: no bounds at all without a half-width (one replication). */
function estimateOf(interval: Interval): Estimate {
  const { mean, lo, hi, halfWidth } = interval;
  if (mean === null) return { mean: null, lo: null, hi: null };
  return halfWidth === null ? { mean, lo: null, hi: null } : { mean, lo, hi };
}

/** Mean of the replication values (NaN values skipped) with a Student-t interval. */
class MeanEstimator implements KpiEstimator {
  private readonly tally = new Tally();

  constructor(private readonly value: (r: Float64Array) => number) {}

  add(record: Float64Array): void {
    const x = this.value(record);
    if (!Number.isNaN(x)) this.tally.add(x);
  }

  halfWidth(level: number): number | null {
    return meanIntervalOf(this.tally, level).halfWidth;
  }

  estimate(level: number): Estimate {
    return estimateOf(meanIntervalOf(this.tally, level));
  }
}

/** Ratio of means with a delta-method interval. */
class RatioEstimator implements KpiEstimator {
  private readonly tally = new RatioTally();

  constructor(
    private readonly numerator: (r: Float64Array) => number,
    private readonly denominator: (r: Float64Array) => number,
  ) {}

  add(record: Float64Array): void {
    this.tally.add(this.numerator(record), this.denominator(record));
  }

  halfWidth(level: number): number | null {
    return ratioIntervalOf(this.tally, level).halfWidth;
  }

  estimate(level: number): Estimate {
    return estimateOf(ratioIntervalOf(this.tally, level));
  }
}
