/**
 * A fixed-memory histogram of non-negative values, for percentiles.
 *
 * Bins are laid out in segments, each of equal-width bins: e.g. 0.1 s bins
 * up to 5 s, then wider and wider, so that the relative precision is
 * similar at every scale with a few hundred bins. Values beyond the last
 * segment fall in an overflow count (their maximum is kept). Exact zeros
 * are counted apart: waits in a queue are often exactly 0, and a
 * percentile inside that mass is 0, not a point inside the first bin.
 * Within a bin, values are assumed spread uniformly (linear interpolation).
 */

/** Bins of `width` from the previous segment's end up to `upTo`. */
export interface BinSegment {
  readonly upTo: number;
  readonly width: number;
}

export class BinLayout {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly widths: Float64Array;
  readonly offsets: Int32Array;
  readonly binCount: number;
  readonly maxValue: number;

  constructor(segments: readonly BinSegment[]) {
    if (segments.length === 0) throw new RangeError('BinLayout: at least one segment is needed');
    this.starts = new Float64Array(segments.length);
    this.ends = new Float64Array(segments.length);
    this.widths = new Float64Array(segments.length);
    this.offsets = new Int32Array(segments.length);
    let from = 0;
    let bins = 0;
    segments.forEach((s, i) => {
      if (!(s.width > 0) || !(s.upTo > from)) {
        throw new RangeError(
          `BinLayout: segment ${i} needs width > 0 and upTo > ${from}, got ${JSON.stringify(s)}`,
        );
      }
      this.starts[i] = from;
      this.ends[i] = s.upTo;
      this.widths[i] = s.width;
      this.offsets[i] = bins;
      bins += Math.ceil((s.upTo - from) / s.width - 1e-9);
      from = s.upTo;
    });
    this.binCount = bins;
    this.maxValue = from;
  }

  /** Equal bins of `binWidth` on [0, maxValue). */
  static uniform(binWidth: number, maxValue: number): BinLayout {
    return new BinLayout([{ upTo: maxValue, width: binWidth }]);
  }

  /** Index of the bin holding x (0 < x < maxValue). */
  binOf(x: number): number {
    const ends = this.ends;
    let s = 0;
    while (x >= ends[s]) s++;
    const bin = this.offsets[s] + Math.floor((x - this.starts[s]) / this.widths[s]);
    const last = s + 1 < this.offsets.length ? this.offsets[s + 1] - 1 : this.binCount - 1;
    return bin > last ? last : bin;
  }

  /** Lower and upper edge of a bin. */
  edges(bin: number): [number, number] {
    let s = this.offsets.length - 1;
    while (this.offsets[s] > bin) s--;
    const lower = this.starts[s] + (bin - this.offsets[s]) * this.widths[s];
    return [lower, Math.min(lower + this.widths[s], this.ends[s])];
  }
}

export class Histogram {
  readonly layout: BinLayout;
  readonly counts: Float64Array;
  zeros = 0;
  overflow = 0;
  count = 0;
  max = 0;

  constructor(layout: BinLayout | { binWidth: number; maxValue: number }) {
    this.layout = layout instanceof BinLayout ? layout : BinLayout.uniform(layout.binWidth, layout.maxValue);
    this.counts = new Float64Array(this.layout.binCount);
  }

  add(x: number): void {
    this.count++;
    if (x > this.max) this.max = x;
    if (x === 0) {
      this.zeros++;
      return;
    }
    if (!(x > 0)) throw new RangeError(`Histogram: values must be ≥ 0, got ${x}`);
    if (x < this.layout.maxValue) this.counts[this.layout.binOf(x)]++;
    else this.overflow++;
  }

  /** Adds the counts of a histogram with the same layout. */
  merge(other: Histogram): void {
    if (other.layout !== this.layout)
      throw new RangeError('Histogram: cannot merge histograms of different layouts');
    if (other.count === 0) return;
    const a = this.counts;
    const b = other.counts;
    for (let i = 0; i < a.length; i++) a[i] += b[i];
    this.zeros += other.zeros;
    this.overflow += other.overflow;
    this.count += other.count;
    if (other.max > this.max) this.max = other.max;
  }

  reset(): void {
    if (this.count > 0) this.counts.fill(0);
    this.zeros = 0;
    this.overflow = 0;
    this.count = 0;
    this.max = 0;
  }

  /** The p-quantile (p in [0, 1]); NaN when empty. */
  quantile(p: number): number {
    const out = [NaN];
    this.quantiles([p], out);
    return out[0];
  }

  /**
   * Several quantiles in one pass; `ps` ascending, results written to `out`.
   * 0 within the mass of zeros; linear interpolation inside a bin; the
   * largest value seen within the overflow; NaN when empty.
   */
  quantiles(ps: ArrayLike<number>, out: { [i: number]: number }): void {
    const n = this.count;
    let k = 0;
    let cumulative = this.zeros;
    let bin = 0;
    const counts = this.counts;
    for (; k < ps.length; k++) {
      const p = ps[k];
      if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
      if (n === 0) {
        out[k] = NaN;
        continue;
      }
      const target = p * n;
      if (target <= this.zeros) {
        out[k] = 0;
        continue;
      }
      while (bin < counts.length && cumulative + counts[bin] < target) cumulative += counts[bin++];
      if (bin < counts.length) {
        const [lower, edge] = this.layout.edges(bin);
        const upper = Math.min(edge, this.max);
        out[k] = lower + ((target - cumulative) / counts[bin]) * (upper - lower);
      } else {
        out[k] = this.max;
      }
    }
  }
}
