/**
 * Streaming statistics collectors: constant memory, no allocation per
 * observation. Counts need no collector (a plain number does).
 *
 * - `Tally`: observations one at a time (a wait, a handle time): count,
 *   mean, sample variance, extremes, sum.
 * - `TimeWeighted`: a piecewise-constant quantity over time (a queue length,
 *   a number of busy servers): its integral, time average and maximum over
 *   an accumulation window.
 */

/**
 * Count, mean, sample variance, extremes and sum of observations, by
 * Welford's (1962) update, which avoids the cancellation of Σx² − n·x̄².
 * Empty: mean and variance NaN, min +∞, max −∞ (the neutral elements of
 * merging); variance is NaN below two observations.
 */
export class Tally {
  private n = 0;
  private m = 0;
  private m2 = 0;
  private total = 0;
  private lowest = Infinity;
  private highest = -Infinity;

  add(x: number): void {
    this.n++;
    const delta = x - this.m;
    this.m += delta / this.n;
    this.m2 += delta * (x - this.m);
    this.total += x;
    if (x < this.lowest) this.lowest = x;
    if (x > this.highest) this.highest = x;
  }

  get count(): number {
    return this.n;
  }

  /** Arithmetic mean; NaN when empty. */
  get mean(): number {
    return this.n > 0 ? this.m : NaN;
  }

  /** Sample variance (divisor n − 1); NaN with fewer than two observations. */
  get variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : NaN;
  }

  /** Sample standard deviation; NaN with fewer than two observations. */
  get stdDev(): number {
    return Math.sqrt(this.variance);
  }

  get min(): number {
    return this.lowest;
  }

  get max(): number {
    return this.highest;
  }

  /** Sum of the observations (accumulated directly, not as mean × count). */
  get sum(): number {
    return this.total;
  }

  /**
   * Adds all observations of `other`, as if they had been added here, by the
   * pairwise update of Chan, Golub & LeVeque (1979), "Updating formulae and a
   * pairwise algorithm for computing sample variances":
   * M2 = M2_a + M2_b + δ²·n_a·n_b/n, mean = mean_a + δ·n_b/n, δ = mean_b − mean_a.
   */
  merge(other: Tally): void {
    if (other.n === 0) return;
    const n = this.n + other.n;
    const delta = other.m - this.m;
    this.m2 += other.m2 + ((delta * delta * this.n) / n) * other.n;
    this.m += (delta * other.n) / n;
    this.n = n;
    this.total += other.total;
    if (other.lowest < this.lowest) this.lowest = other.lowest;
    if (other.highest > this.highest) this.highest = other.highest;
  }

  reset(): void {
    this.n = 0;
    this.m = 0;
    this.m2 = 0;
    this.total = 0;
    this.lowest = Infinity;
    this.highest = -Infinity;
  }
}

/**
 * A piecewise-constant quantity over time (a queue length, a number of busy
 * servers): its integral, time average and maximum over the current
 * accumulation window [start, time). Times must not decrease; the value
 * holds from the time it is set (right-continuous steps). Several changes
 * at the same time are fine: only the last one carries weight.
 */
export class TimeWeighted {
  private current: number;
  private highest: number;
  private area = 0;
  private lastTime: number;
  private windowStart: number;

  constructor(startTime: number, initialValue = 0) {
    if (!Number.isFinite(startTime))
      throw new RangeError(`TimeWeighted: start time must be finite, got ${startTime}`);
    this.current = initialValue;
    this.highest = initialValue;
    this.lastTime = startTime;
    this.windowStart = startTime;
  }

  /** The quantity now (since the last update). */
  get value(): number {
    return this.current;
  }

  /** Largest value held during the current window (including the value it started with). */
  get max(): number {
    return this.highest;
  }

  /** Start of the current window. */
  get start(): number {
    return this.windowStart;
  }

  /** The quantity takes `newValue` from `time` on. */
  update(time: number, newValue: number): void {
    // advance() written out: this runs for every change of every quantity a replication records.
    const last = this.lastTime;
    if (!(time >= last) || time === Infinity) this.refuseTime(time);
    this.area += this.current * (time - last);
    this.lastTime = time;
    this.current = newValue;
    if (newValue > this.highest) this.highest = newValue;
  }

  /** The quantity changes by `delta` at `time`. */
  add(time: number, delta: number): void {
    this.update(time, this.current + delta);
  }

  /** Area under the quantity over [window start, time); `time` not before the last update. */
  integral(time: number): number {
    this.checkTime(time);
    return this.area + this.current * (time - this.lastTime);
  }

  /** Time average over [window start, time); the current value for an empty window. */
  average(time: number): number {
    const length = time - this.windowStart;
    return length > 0 ? this.integral(time) / length : this.current;
  }

  /**
   * Begins a new window at `time` keeping the current value (interval
   * boundaries); the area and maximum start over.
   */
  restart(time: number): void {
    this.advance(time);
    this.area = 0;
    this.windowStart = time;
    this.highest = this.current;
  }

  /** Closes the window at `time`, returning its area, and begins the next one there (see `restart`). */
  close(time: number): number {
    const area = this.integral(time);
    this.restart(time);
    return area;
  }

  private advance(time: number): void {
    this.checkTime(time);
    this.area += this.current * (time - this.lastTime);
    this.lastTime = time;
  }

  private checkTime(time: number): void {
    if (!(time >= this.lastTime) || time === Infinity) this.refuseTime(time);
  }

  /** The error for a time before the last update (apart, so that the checks stay small enough to inline). */
  private refuseTime(time: number): never {
    throw new RangeError(
      `TimeWeighted: time must be finite and ≥ the last update time ${this.lastTime}, got ${time}`,
    );
  }
}
