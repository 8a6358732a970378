/**
 * A fixed-memory histogram of non-negative values, for percentiles.
 *
 * Layout (`BinLayout`): segments of equal-width bins, e.g. 0.1 bins up to
 * 5, then wider and wider, so that the relative precision is similar at
 * every scale with a few hundred bins; a single segment gives plain equal
 * bins on [0, maxValue). Bin edges are half-open: a bin holds [lower, upper).
 * Values ≥ the layout's `maxValue` are counted in `overflow`, and the
 * largest value seen is kept in `max`. Exact zeros are counted apart, in
 * `zeros`: waits in a queue are often exactly 0, and a percentile inside
 * that mass must be 0, not a point interpolated inside the first bin.
 *
 * Quantile estimator (the same for a `Histogram` and for its plain data,
 * `quantileOfData`): the inverse of the piecewise-linear CDF of this mass
 * distribution: the zeros at 0; each bin's count spread uniformly over
 * [lower edge, min(upper edge, max)], i.e. linear interpolation inside the
 * bin (the bin holding the largest value ends at that value); the overflow
 * as an atom at `max`. So p ≤ zeros/n gives 0, and a p reaching into the
 * overflow gives `max` (above the bins only the maximum is known). Below the
 * overflow the error is at most the width of the bin the quantile falls in.
 */

/** Bins of `width` from the previous segment's end (0 for the first) up to `upTo`. */
export interface BinSegment {
  readonly upTo: number;
  readonly width: number;
}

/** Above this, a layout's memory is surely a mistake. */
const MAX_BINS = 10_000_000;

/** Where the bins of a histogram lie: segments of equal-width bins covering [0, maxValue). */
export class BinLayout {
  /** The segments as given (copied). */
  readonly segments: readonly BinSegment[];
  /** Total number of bins. */
  readonly binCount: number;
  /** End of the last segment: values from here on overflow. */
  readonly maxValue: number;
  // Per segment, for binOf (plain arrays, not typed ones: V8 checks on every typed-array access that
  // its buffer is still attached once any ArrayBuffer in the process has been detached).
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly widths: number[];
  /** Index of each segment's first bin. */
  private readonly offsets: number[];
  /** Index of each segment's last bin. */
  private readonly lasts: number[];

  constructor(segments: readonly BinSegment[]) {
    if (segments.length === 0) throw new RangeError('BinLayout: at least one segment is needed');
    this.segments = Object.freeze(segments.map((s) => Object.freeze({ upTo: s.upTo, width: s.width })));
    const starts = new Float64Array(segments.length);
    const ends = new Float64Array(segments.length);
    const widths = new Float64Array(segments.length);
    const offsets = new Int32Array(segments.length);
    let from = 0;
    let bins = 0;
    segments.forEach((s, i) => {
      if (!(Number.isFinite(s.width) && s.width > 0) || !(Number.isFinite(s.upTo) && s.upTo > from)) {
        throw new RangeError(
          `BinLayout: segment ${i} needs a finite width > 0 and a finite upTo > ${from}, ` +
            `got width ${s.width}, upTo ${s.upTo}`,
        );
      }
      starts[i] = from;
      ends[i] = s.upTo;
      widths[i] = s.width;
      offsets[i] = bins;
      // A ratio within rounding of a whole number is that number (300 / 0.1 is 2999.9999999999995);
      // otherwise the segment's last bin is narrower than the others.
      bins += Math.ceil((s.upTo - from) / s.width - 1e-9);
      if (bins > MAX_BINS) throw new RangeError(`BinLayout: more than ${MAX_BINS} bins (segment ${i})`);
      from = s.upTo;
    });
    this.binCount = bins;
    this.maxValue = from;
    this.starts = Array.from(starts);
    this.ends = Array.from(ends);
    this.widths = Array.from(widths);
    this.offsets = Array.from(offsets);
    this.lasts = this.offsets.map((_, i) => (i + 1 < segments.length ? offsets[i + 1] : bins) - 1);
  }

  /** Equal bins of `binWidth` on [0, maxValue) (the last one narrower if maxValue is not a multiple). */
  static uniform(binWidth: number, maxValue: number): BinLayout {
    return new BinLayout([{ upTo: maxValue, width: binWidth }]);
  }

  /** Index of the bin holding x, for 0 ≤ x < maxValue. */
  binOf(x: number): number {
    const ends = this.ends;
    let s = 0;
    while (x >= ends[s]) s++;
    const bin = this.offsets[s] + Math.floor((x - this.starts[s]) / this.widths[s]);
    return Math.min(bin, this.lasts[s]);
  }

  /** Lower edge of a bin. */
  lowerEdge(bin: number): number {
    const s = this.segmentOf(bin);
    return this.starts[s] + (bin - this.offsets[s]) * this.widths[s];
  }

  /** Upper edge of a bin (exclusive). */
  upperEdge(bin: number): number {
    const s = this.segmentOf(bin);
    return Math.min(this.starts[s] + (bin - this.offsets[s] + 1) * this.widths[s], this.ends[s]);
  }

  /** Whether `other` lays its bins out exactly as this one does. */
  equals(other: BinLayout): boolean {
    if (other === this) return true;
    const a = this.segments;
    const b = other.segments;
    return a.length === b.length && a.every((s, i) => s.upTo === b[i].upTo && s.width === b[i].width);
  }

  private segmentOf(bin: number): number {
    let s = this.offsets.length - 1;
    while (this.offsets[s] > bin) s--;
    return s;
  }
}

/** Plain, serialisable histogram data (`toData`, `fromData`, JSON). */
export interface HistogramData {
  readonly segments: readonly BinSegment[];
  readonly zeros: number;
  readonly counts: readonly number[];
  readonly overflow: number;
  readonly max: number;
}

export class Histogram {
  readonly layout: BinLayout;
  /**
   * Observations per bin (whole numbers in a Float64Array, exact to 2⁵³, so
   * merged histograms cannot wrap). Read it; change it only through `add`,
   * `merge` and `reset`.
   */
  readonly counts: Float64Array;
  private nZeros = 0;
  private nOverflow = 0;
  private n = 0;
  private highest = 0;

  /** A histogram on `layout`, or on equal bins of `binWidth` covering [0, maxValue). */
  constructor(layout: BinLayout | { readonly binWidth: number; readonly maxValue: number }) {
    this.layout = layout instanceof BinLayout ? layout : BinLayout.uniform(layout.binWidth, layout.maxValue);
    this.counts = new Float64Array(this.layout.binCount);
  }

  /** A histogram holding the given data (validated: RangeError naming the bad field). */
  static fromData(data: HistogramData): Histogram {
    const { zeros, counts, overflow, max } = data;
    const whole = (x: number) => Number.isInteger(x) && x >= 0;
    if (!whole(zeros))
      throw new RangeError(`Histogram.fromData: zeros must be a whole number ≥ 0, got ${zeros}`);
    if (!whole(overflow)) {
      throw new RangeError(`Histogram.fromData: overflow must be a whole number ≥ 0, got ${overflow}`);
    }
    if (!(Number.isFinite(max) && max >= 0)) {
      throw new RangeError(`Histogram.fromData: max must be a finite number ≥ 0, got ${max}`);
    }
    const histogram = new Histogram(new BinLayout(data.segments));
    if (counts.length !== histogram.counts.length) {
      throw new RangeError(
        `Histogram.fromData: the segments lay out ${histogram.counts.length} bins, but counts has ${counts.length}`,
      );
    }
    let n = zeros + overflow;
    for (let i = 0; i < counts.length; i++) {
      if (!whole(counts[i])) {
        throw new RangeError(`Histogram.fromData: counts[${i}] must be a whole number ≥ 0, got ${counts[i]}`);
      }
      histogram.counts[i] = counts[i];
      n += counts[i];
    }
    histogram.nZeros = zeros;
    histogram.nOverflow = overflow;
    histogram.n = n;
    histogram.highest = max;
    return histogram;
  }

  /** Number of observations (zeros, bins and overflow). */
  get count(): number {
    return this.n;
  }

  /** Number of observations exactly 0. */
  get zeros(): number {
    return this.nZeros;
  }

  /** Number of observations ≥ layout.maxValue. */
  get overflow(): number {
    return this.nOverflow;
  }

  /** Largest observation; 0 when empty. */
  get max(): number {
    return this.highest;
  }

  /** Records one observation, a finite number ≥ 0 (RangeError otherwise, and nothing is recorded). */
  add(x: number): void {
    if (x > 0 && x < Infinity) {
      const layout = this.layout;
      if (x < layout.maxValue) this.counts[layout.binOf(x)]++;
      else this.nOverflow++;
      if (x > this.highest) this.highest = x;
    } else if (x === 0) {
      this.nZeros++;
    } else {
      refuseValue(x);
    }
    this.n++;
  }

  /** Adds the observations of a histogram with the same layout (RangeError otherwise). */
  merge(other: Histogram): void {
    if (!this.layout.equals(other.layout)) {
      throw new RangeError('Histogram: cannot merge histograms of different layouts');
    }
    if (other.n === 0) return;
    const a = this.counts;
    const b = other.counts;
    for (let i = 0; i < a.length; i++) a[i] += b[i];
    this.nZeros += other.nZeros;
    this.nOverflow += other.nOverflow;
    this.n += other.n;
    if (other.highest > this.highest) this.highest = other.highest;
  }

  /** Forgets every observation (the layout stays). */
  reset(): void {
    if (this.n > 0) this.counts.fill(0);
    this.nZeros = 0;
    this.nOverflow = 0;
    this.n = 0;
    this.highest = 0;
  }

  /** The p-quantile, p in [0, 1], by the estimator in the module comment; NaN when empty. */
  quantile(p: number): number {
    return quantileAt(this.layout, this.counts, this.nZeros, this.n, this.highest, p, 0, this.nZeros);
  }

  /**
   * Several quantiles in one pass over the bins, without allocating:
   * `ps` ascending (RangeError otherwise), `out[k]` receives the ps[k]-quantile.
   */
  quantiles(ps: ArrayLike<number>, out: { [i: number]: number }): void {
    let bin = 0;
    let cumulative = this.nZeros;
    let previous = 0;
    for (let k = 0; k < ps.length; k++) {
      const p = ps[k];
      if (p < previous)
        throw new RangeError(`Histogram quantiles: ps must be ascending, got ${p} after ${previous}`);
      previous = p;
      const target = p * this.n;
      // Skip the bins wholly below this target (they are below every later target too).
      while (bin < this.counts.length && cumulative + this.counts[bin] < target)
        cumulative += this.counts[bin++];
      out[k] = quantileAt(this.layout, this.counts, this.nZeros, this.n, this.highest, p, bin, cumulative);
    }
  }

  toData(): HistogramData {
    return {
      segments: this.layout.segments.map((s) => ({ upTo: s.upTo, width: s.width })),
      zeros: this.nZeros,
      counts: Array.from(this.counts),
      overflow: this.nOverflow,
      max: this.highest,
    };
  }
}

/** The error for a value `add` cannot take (apart, so that `add` stays small enough for V8 to inline). */
function refuseValue(x: number): never {
  throw new RangeError(`Histogram: values must be finite and ≥ 0, got ${x}`);
}

/**
 * The p-quantile (p in [0, 1]) of plain histogram data, by the estimator in
 * the module comment. NaN when there are no observations.
 */
export function quantileOfData(data: HistogramData, p: number): number {
  return Histogram.fromData(data).quantile(p);
}

/**
 * The p-quantile, scanning from `bin` with `cumulative` observations (zeros
 * included) below it. 0 while p·n ≤ zeros; p = 0 with no zeros gives the
 * lower edge of the first non-empty bin.
 */
function quantileAt(
  layout: BinLayout,
  counts: Float64Array,
  zeros: number,
  n: number,
  max: number,
  p: number,
  bin: number,
  cumulative: number,
): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`Histogram quantile: p must be in [0, 1], got ${p}`);
  if (n === 0) return NaN;
  const target = p * n;
  if (zeros > 0 && target <= zeros) return 0;
  for (let i = bin; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0 && cumulative + c >= target) {
      const lower = layout.lowerEdge(i);
      const upper = Math.max(lower, Math.min(layout.upperEdge(i), max));
      return lower + ((target - cumulative) / c) * (upper - lower);
    }
    cumulative += c;
  }
  return max;
}
