/**
 * Arrival rates on the simulation clock: a scenario's arrivals (a constant
 * rate, per-interval volumes, surges) laid out as a piecewise-constant rate,
 * for the compiled model and for the work a replication is expected to do.
 */
import type { ArrivalsSpec } from './schema/index.js';

/** A piece of a piecewise-constant arrival rate, on the simulation clock. */
export interface RateSegment {
  readonly start: number;
  /** Arrivals per second from `start` until the next segment. */
  readonly rate: number;
}

/** How calls of a source arrive. */
export type ArrivalSpec =
  | {
      readonly kind: 'poisson';
      readonly segments: readonly RateSegment[];
      /** Coefficient of variation of the gamma day multiplier; 0: none. */
      readonly uncertaintyCv: number;
    }
  | { readonly kind: 'trace'; readonly times: readonly number[] };

/** What arrival rates need of the clock (see Clock in compile.ts). */
export interface ArrivalClock {
  readonly start: number;
  readonly warmup: number;
  readonly horizon: number;
  readonly intervalLength: number;
  readonly measureStart: number;
}

/** Simulation time of a clock time (seconds since midnight). */
export function simTimeOf(clock: Pick<ArrivalClock, 'start' | 'warmup'>, clockTime: number): number {
  return clock.warmup + (clockTime - clock.start);
}

/**
 * Arrival rates on the simulation clock. A per-interval forecast gives each
 * interval the rate volume ÷ length; the warm-up runs at the first
 * interval's rate. Surges multiply the rate within [from, to).
 */
export function compileArrivals(a: ArrivalsSpec, clock: ArrivalClock): ArrivalSpec {
  if (a.times !== undefined) return { kind: 'trace', times: a.times.map((t) => clock.measureStart + t) };
  let segments: RateSegment[];
  if (a.perInterval !== undefined) {
    segments = a.perInterval.map((volume, i) => ({
      start: i === 0 ? 0 : clock.measureStart + i * clock.intervalLength,
      rate: volume / Math.min(clock.intervalLength, clock.horizon - i * clock.intervalLength),
    }));
  } else {
    segments = [{ start: 0, rate: (a.ratePerHour ?? 0) / 3600 }];
  }
  for (const surge of a.surges ?? []) {
    segments = applySurge(segments, simTimeOf(clock, surge.from), simTimeOf(clock, surge.to), surge.factor);
  }
  return { kind: 'poisson', segments, uncertaintyCv: a.uncertainty?.cv ?? 0 };
}

/** Expected arrivals of `segments` (in increasing start order) over [0, end). */
export function expectedArrivals(segments: readonly RateSegment[], end: number): number {
  let total = 0;
  segments.forEach((s, k) => {
    const until = Math.min(k + 1 < segments.length ? segments[k + 1].start : end, end);
    if (until > s.start && s.rate > 0) total += s.rate * (until - s.start);
  });
  return total;
}

/** The rate multiplied by `factor` within [from, to); segments in increasing start order. */
function applySurge(
  segments: readonly RateSegment[],
  from: number,
  to: number,
  factor: number,
): RateSegment[] {
  const cuts = new Set<number>(segments.map((s) => s.start));
  if (from > 0) cuts.add(from);
  if (to > 0) cuts.add(to);
  // The base rate at a cut is that of the last segment starting at or before it (0 before the first).
  let k = -1;
  return [...cuts]
    .sort((a, b) => a - b)
    .map((start) => {
      while (k + 1 < segments.length && segments[k + 1].start <= start) k++;
      const base = k >= 0 ? segments[k].rate : 0;
      return { start, rate: start >= from && start < to ? base * factor : base };
    });
}
