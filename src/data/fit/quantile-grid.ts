/**
 * Compact empirical laws in ccsim's `{ dist: 'empirical', points: [[value, cdf], …] }` form: a
 * piecewise-linear CDF through a few dozen points, denser in the upper tail where the mean is made.
 */
import type { DistributionSpec } from '../../kernel/distributions.js';
import type { GroupedSample } from './sample.js';

/** CDF levels of the points: every 2% up to 90%, then closer steps to 99.9%, then 1 (56 levels). */
export const CDF_GRID: readonly number[] = [
  ...Array.from({ length: 46 }, (_, i) => i / 50),
  0.92,
  0.94,
  0.96,
  0.97,
  0.98,
  0.99,
  0.995,
  0.998,
  0.999,
  1,
];

/**
 * The p-quantile of a grouped sample, interpolating linearly between order statistics
 * (Hyndman & Fan 1996, type 7): h = (n − 1)p, x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)).
 */
export function sampleQuantile(sample: GroupedSample, p: number): number {
  const h = (sample.n - 1) * p;
  const i = Math.floor(h);
  const a = orderStatistic(sample, i);
  return h === i ? a : a + (h - i) * (orderStatistic(sample, i + 1) - a);
}

/** The i-th smallest value (0-based). */
function orderStatistic(sample: GroupedSample, i: number): number {
  let count = 0;
  for (let j = 0; j < sample.times.length; j++) {
    count += sample.events[j] + sample.censored[j];
    if (i < count) return sample.times[j];
  }
  return sample.times[sample.times.length - 1];
}

/**
 * Moves the last point's value so that the piecewise-linear law has mean `target` (the tail beyond
 * the last-but-one point is one uniform piece, and its length carries the tail's mean); left as it
 * is when that would put it before the previous point.
 */
export function matchMean(points: Array<[number, number]>, target: number): void {
  const last = points.length - 1;
  if (last < 1) return;
  let mean = points[0][0] * points[0][1];
  for (let i = 1; i < last; i++)
    mean += ((points[i][1] - points[i - 1][1]) * (points[i - 1][0] + points[i][0])) / 2;
  const mass = points[last][1] - points[last - 1][1];
  if (!(mass > 0)) return;
  const value = (2 * (target - mean)) / mass - points[last - 1][0];
  if (value >= points[last - 1][0]) points[last][0] = value;
}

/** Rounds values to the millisecond and cdfs to 1e-9 (both monotone, so order survives); last cdf exactly 1. */
export function tidyPoints(points: ReadonlyArray<readonly [number, number]>): DistributionSpec {
  const tidy = points.map(([x, F]): [number, number] => [
    Math.round(x * 1000) / 1000,
    Math.round(F * 1e9) / 1e9,
  ]);
  // Drop exact repeats, and points inside an atom (same value as both neighbours).
  const kept = tidy.filter(
    (p, i) =>
      (i === 0 || p[0] !== tidy[i - 1][0] || p[1] !== tidy[i - 1][1]) &&
      (i === 0 || i === tidy.length - 1 || p[0] !== tidy[i - 1][0] || p[0] !== tidy[i + 1][0]),
  );
  // A first point at the same value as the second says no more than the second (an atom there).
  if (kept.length > 1 && kept[0][0] === kept[1][0]) kept.shift();
  kept[kept.length - 1][1] = 1;
  return { dist: 'empirical', points: kept };
}

/**
 * The sample's quantiles at CDF_GRID, the last moved so the law keeps the sample mean. Where a
 * piece between two grid points spans an empty stretch of values longer than half the piece and
 * than 1% of the range (two clusters of calls with nothing between), the stretch is made a flat
 * piece of the CDF (no mass),
 * instead of spreading the piece's mass evenly across it.
 */
export function sampleQuantilePoints(sample: GroupedSample): Array<[number, number]> {
  const grid = CDF_GRID.map((p): [number, number] => [sampleQuantile(sample, p), p]);
  const below = new Float64Array(sample.times.length + 1); // below[j] = observations before times[j]
  for (let j = 0; j < sample.times.length; j++)
    below[j + 1] = below[j] + sample.events[j] + sample.censored[j];
  const points: Array<[number, number]> = [grid[0]];
  const minGap = (grid[grid.length - 1][0] - grid[0][0]) / 100;
  let j = 0;
  for (let i = 1; i < grid.length; i++) {
    const [a, pa] = grid[i - 1];
    const [b, pb] = grid[i];
    while (j < sample.times.length && sample.times[j] < a) j++;
    let gap = 0;
    let at = -1;
    for (let k = j; k + 1 < sample.times.length && sample.times[k + 1] <= b; k++) {
      if (sample.times[k + 1] - sample.times[k] > gap) {
        gap = sample.times[k + 1] - sample.times[k];
        at = k;
      }
    }
    if (at >= 0 && gap > (b - a) / 2 && gap > minGap) {
      const F = Math.min(pb, Math.max(pa, below[at + 1] / sample.n));
      points.push([sample.times[at], F], [sample.times[at + 1], F]);
    }
    points.push(grid[i]);
  }
  matchMean(points, sample.totalTime / sample.n);
  return points;
}
