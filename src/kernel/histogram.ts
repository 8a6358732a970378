/**
 * A fixed-memory histogram of non-negative values, for percentiles.
 *
 * Bins of `binWidth` cover [0, maxValue); larger values fall in an overflow
 * count (their maximum is kept). Exact zeros are counted apart: waits in a
 * queue are often exactly 0, and a percentile inside that mass is 0, not a
 * point interpolated inside the first bin. Within a bin, values are assumed
 * spread uniformly (linear interpolation).
 */

export interface HistogramData {
  readonly binWidth: number;
  readonly zeros: number;
  readonly counts: ArrayLike<number>;
  readonly overflow: number;
  readonly max: number;
}

export class Histogram {
  readonly binWidth: number;
  readonly counts: Float64Array;
  zeros = 0;
  overflow = 0;
  count = 0;
  max = 0;

  constructor(options: { binWidth: number; maxValue: number }) {
    if (!(options.binWidth > 0)) throw new RangeError(`Histogram: binWidth must be > 0, got ${options.binWidth}`);
    if (!(options.maxValue > options.binWidth)) {
      throw new RangeError(`Histogram: maxValue must exceed binWidth, got ${options.maxValue}`);
    }
    this.binWidth = options.binWidth;
    this.counts = new Float64Array(Math.ceil(options.maxValue / options.binWidth));
  }

  add(x: number): void {
    this.count++;
    if (x > this.max) this.max = x;
    if (x === 0) {
      this.zeros++;
      return;
    }
    if (!(x > 0)) throw new RangeError(`Histogram: values must be ≥ 0, got ${x}`);
    const bin = Math.floor(x / this.binWidth);
    if (bin < this.counts.length) this.counts[bin]++;
    else this.overflow++;
  }

  /** Adds the counts of a histogram with the same layout. */
  merge(other: Histogram): void {
    if (other.binWidth !== this.binWidth || other.counts.length !== this.counts.length) {
      throw new RangeError('Histogram: cannot merge histograms of different layouts');
    }
    if (other.count === 0) return;
    for (let i = 0; i < this.counts.length; i++) this.counts[i] += other.counts[i];
    this.zeros += other.zeros;
    this.overflow += other.overflow;
    this.count += other.count;
    if (other.max > this.max) this.max = other.max;
  }

  /** The p-quantile (p in [0, 1]); NaN when empty. */
  quantile(p: number): number {
    return quantileOfData(this, p);
  }

  toData(): HistogramData {
    return {
      binWidth: this.binWidth,
      zeros: this.zeros,
      counts: Array.from(this.counts),
      overflow: this.overflow,
      max: this.max,
    };
  }
}

/**
 * The p-quantile of histogram data: 0 within the mass of zeros; linear
 * interpolation inside a bin; the largest value seen within the overflow.
 */
export function quantileOfData(data: HistogramData, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
  let n = data.zeros + data.overflow;
  for (let i = 0; i < data.counts.length; i++) n += data.counts[i];
  if (n === 0) return NaN;
  const target = p * n;
  if (target <= data.zeros) return 0;
  let cumulative = data.zeros;
  for (let i = 0; i < data.counts.length; i++) {
    const c = data.counts[i];
    if (c > 0 && cumulative + c >= target) {
      const upper = Math.min((i + 1) * data.binWidth, data.max);
      const lower = i * data.binWidth;
      return lower + ((target - cumulative) / c) * (upper - lower);
    }
    cumulative += c;
  }
  return data.max;
}
