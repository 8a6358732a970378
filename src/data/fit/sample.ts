/**
 * Samples of durations, possibly right-censored, grouped by distinct value: logs record waits
 * and talk times in whole seconds, so 10,000 calls hold a few hundred distinct values, and every
 * likelihood below is a weighted sum over those.
 */

/** Distinct durations in increasing order, each with how many observations ended there. */
export interface GroupedSample {
  /** Distinct values, increasing, ≥ 0 (seconds). */
  readonly times: Float64Array;
  /** Observed events (abandons; for uncensored data, every observation) at each value. */
  readonly events: Float64Array;
  /** Right-censored observations at each value (0 for uncensored data). */
  readonly censored: Float64Array;
  /** Number of observations. */
  readonly n: number;
  /** Number of events. */
  readonly eventCount: number;
  /** Σ of all observed durations, summed in input order (exposure: the total time waited). */
  readonly totalTime: number;
}

/**
 * Groups (time, event) pairs; `events` absent means every observation is an event (uncensored).
 * Times must be finite and ≥ 0 (RangeError naming the index otherwise).
 */
export function groupSample(times: ArrayLike<number>, events?: ArrayLike<boolean>): GroupedSample {
  const n = times.length;
  if (events !== undefined && events.length !== n) {
    throw new RangeError(`${n} times but ${events.length} event flags`);
  }
  let totalTime = 0;
  let eventCount = 0;
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (!(Number.isFinite(t) && t >= 0))
      throw new RangeError(`times[${i}] must be a finite number ≥ 0, got ${t}`);
    totalTime += t;
    if (events === undefined || events[i]) eventCount++;
  }
  // Event and censored times sorted apart (typed-array sorts are native), then merged by value.
  const eventTimes = new Float64Array(eventCount);
  const censoredTimes = new Float64Array(n - eventCount);
  for (let i = 0, e = 0, c = 0; i < n; i++) {
    if (events === undefined || events[i]) eventTimes[e++] = times[i];
    else censoredTimes[c++] = times[i];
  }
  eventTimes.sort();
  censoredTimes.sort();
  const distinct: number[] = [];
  const eventCounts: number[] = [];
  const censoredCounts: number[] = [];
  let e = 0;
  let c = 0;
  while (e < eventTimes.length || c < censoredTimes.length) {
    const t = Math.min(
      e < eventTimes.length ? eventTimes[e] : Infinity,
      c < censoredTimes.length ? censoredTimes[c] : Infinity,
    );
    const eventsFrom = e;
    while (e < eventTimes.length && eventTimes[e] === t) e++;
    const censoredFrom = c;
    while (c < censoredTimes.length && censoredTimes[c] === t) c++;
    distinct.push(t);
    eventCounts.push(e - eventsFrom);
    censoredCounts.push(c - censoredFrom);
  }
  return {
    times: Float64Array.from(distinct),
    events: Float64Array.from(eventCounts),
    censored: Float64Array.from(censoredCounts),
    n,
    eventCount,
    totalTime,
  };
}

/**
 * The same sample with durations of 0 moved up to `floor` (> 0), for the parametric densities,
 * whose logarithm is −∞ at 0: half the smallest positive duration, i.e. the log's own resolution
 * (a wait recorded as 0 s lasted less than one tick). Returns the sample itself when no time is 0.
 */
export function withoutZeros(sample: GroupedSample): GroupedSample {
  if (sample.times.length === 0 || sample.times[0] > 0) return sample;
  const floor = sample.times.length > 1 ? sample.times[1] / 2 : 1;
  const times = Float64Array.from(sample.times);
  times[0] = floor;
  return { ...sample, times };
}

/** Only the observations at or above `threshold` (uncensored samples: the body of handle times). */
export function atOrAbove(sample: GroupedSample, threshold: number): GroupedSample {
  let first = 0;
  while (first < sample.times.length && sample.times[first] < threshold) first++;
  const times = sample.times.slice(first);
  const events = sample.events.slice(first);
  const censored = sample.censored.slice(first);
  let n = 0;
  let eventCount = 0;
  let totalTime = 0;
  for (let j = 0; j < times.length; j++) {
    n += events[j] + censored[j];
    eventCount += events[j];
    totalTime += times[j] * (events[j] + censored[j]);
  }
  return { times, events, censored, n, eventCount, totalTime };
}

/** Number of distinct times at which events happened. */
export function distinctEventTimes(sample: GroupedSample): number {
  let count = 0;
  for (let j = 0; j < sample.events.length; j++) if (sample.events[j] > 0) count++;
  return count;
}
