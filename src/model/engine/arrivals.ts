/**
 * Poisson arrivals with a piecewise-constant rate, simulated exactly by
 * inverting the cumulative rate: the next arrival after t is the time at
 * which the integral of the rate from t reaches an Exp(1) variate
 * (Çinlar's method; no thinning, so one uniform per arrival).
 */
import type { Uniform } from '../../kernel/random.js';

export interface RateSegment {
  /** Simulation time at which this rate starts. */
  readonly start: number;
  /** Arrivals per second from `start` until the next segment (or `end`). */
  readonly rate: number;
}

export class PiecewisePoissonArrivals {
  private readonly starts: Float64Array;
  private readonly rates: Float64Array;

  /** Segments in increasing start order; no arrival at or after `end`. */
  constructor(
    segments: readonly RateSegment[],
    private readonly end: number,
  ) {
    this.starts = Float64Array.from(segments, (s) => s.start);
    this.rates = Float64Array.from(segments, (s) => s.rate);
  }

  /** Time of the next arrival after `now`, or Infinity when there is none before the end. */
  next(now: number, uniform: Uniform): number {
    let work = -Math.log(uniform()); // Exp(1): the integrated rate to cover
    const starts = this.starts;
    const rates = this.rates;
    const n = starts.length;
    // Find the segment containing `now` (segments are few; a linear scan is fastest).
    let k = 0;
    while (k + 1 < n && starts[k + 1] <= now) k++;
    let t = now;
    for (;;) {
      const segmentEnd = k + 1 < n ? Math.min(starts[k + 1], this.end) : this.end;
      const rate = rates[k];
      if (rate > 0) {
        const reach = t + work / rate;
        if (reach < segmentEnd) return reach;
        work -= (segmentEnd - t) * rate;
      }
      if (segmentEnd >= this.end) return Infinity;
      t = segmentEnd;
      k++;
    }
  }
}

/** Arrivals at listed times (a replayed trace); draws no random numbers. */
export class TraceArrivals {
  private position = 0;

  constructor(private readonly times: readonly number[]) {}

  /** The next listed time at or after `now`, or Infinity when the list is exhausted. */
  next(now: number): number {
    while (this.position < this.times.length && this.times[this.position] < now) this.position++;
    return this.position < this.times.length ? this.times[this.position++] : Infinity;
  }
}

/** An arrival process: the time of the next arrival after `now`. */
export interface ArrivalProcess {
  next(now: number, uniform: Uniform): number;
}
