/**
 * Estimates of one KPI over replications, streamed in replication order.
 */
import { RatioTally } from '../kernel/ratio-tally.js';
import { studentTQuantile } from '../kernel/special-functions.js';
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

function tQuantile(level: number, df: number): number {
  return studentTQuantile(1 - (1 - level) / 2, df);
}

function interval(mean: number | null, halfWidth: number | null): Estimate {
  if (mean === null) return { mean: null, lo: null, hi: null };
  if (halfWidth === null) return { mean, lo: null, hi: null };
  return { mean, lo: mean - halfWidth, hi: mean + halfWidth };
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
    const n = this.tally.count;
    if (n < 2) return null;
    return tQuantile(level, n - 1) * Math.sqrt(this.tally.variance / n);
  }

  estimate(level: number): Estimate {
    return interval(this.tally.count > 0 ? this.tally.mean : null, this.halfWidth(level));
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
    const se = this.tally.standardError;
    return se === null ? null : tQuantile(level, this.tally.count - 1) * se;
  }

  estimate(level: number): Estimate {
    return interval(this.tally.ratio, this.halfWidth(level));
  }
}
