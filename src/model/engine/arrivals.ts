/**
 * Poisson arrivals with a piecewise-constant rate, simulated exactly by
 * inverting the cumulative rate: the next arrival after t is the time at
 * which the integral of the rate from t reaches an Exp(1) variate
 * (Çinlar's method; no thinning, so one uniform per arrival).
 */
import type { Uniform } from '../../kernel/random.js';
import { doublesOf } from './columns.js';

export interface RateSegment {
  /** Simulation time at which this rate starts. */
  readonly start: number;
  /** Arrivals per second from `start` until the next segment (or `end`). */
  readonly rate: number;
}

export class PiecewisePoissonArrivals {
  private readonly starts: number[];
  private readonly rates: number[];
  /** Per segment: where it ends (the next start, or `end`, whichever is first). */
  private readonly ends: number[];
  /** The segment holding the last `now` asked about: calls come in time order, so the search resumes there. */
  private segment = 0;

  /** Segments in increasing start order; no arrival at or after `end`. */
  constructor(
    segments: readonly RateSegment[],
    private readonly end: number,
  ) {
    this.starts = doublesOf(segments, (s) => s.start);
    this.rates = doublesOf(segments, (s) => s.rate);
    this.ends = doublesOf(segments, (s, k) =>
      k + 1 < segments.length ? Math.min(segments[k + 1].start, end) : end,
    );
  }

  /** Time of the next arrival after `now`, or Infinity when there is none before the end. */
  next(now: number, uniform: Uniform): number {
    let work = -Math.log(uniform()); // Exp(1): the integrated rate to cover
    const starts = this.starts;
    const n = starts.length;
    // Find the segment containing `now` (segments are few; a linear scan is fastest).
    let k = now < starts[this.segment] ? 0 : this.segment;
    while (k + 1 < n && starts[k + 1] <= now) k++;
    this.segment = k;
    let t = now;
    for (;;) {
      const segmentEnd = this.ends[k];
      const rate = this.rates[k];
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
