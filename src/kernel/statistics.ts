/**
 * Streaming statistics collectors: constant memory, no allocation per
 * observation.
 */

/** Mean, variance, extremes of observations, by Welford's (1962) update. */
export class Tally {
  count = 0;
  mean = 0;
  min = Infinity;
  max = -Infinity;
  private m2 = 0;

  add(x: number): void {
    this.count++;
    const delta = x - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  get sum(): number {
    return this.mean * this.count;
  }

  /** Sample variance (divisor n − 1); 0 with fewer than two observations. */
  get variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : 0;
  }

  get stdDev(): number {
    return Math.sqrt(this.variance);
  }

  /** Adds all observations of `other` (Chan, Golub & LeVeque 1979 pairwise update). */
  merge(other: Tally): void {
    if (other.count === 0) return;
    const n = this.count + other.count;
    const delta = other.mean - this.mean;
    this.m2 += other.m2 + (delta * delta * this.count * other.count) / n;
    this.mean += (delta * other.count) / n;
    this.count = n;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  reset(): void {
    this.count = 0;
    this.mean = 0;
    this.m2 = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }
}

/**
 * A piecewise-constant quantity over time (e.g. a queue length): its
 * integral, time average and maximum over a window [start, now).
 */
export class TimeWeighted {
  value: number;
  max: number;
  private area = 0;
  private lastTime: number;
  private windowStart: number;

  constructor(startTime: number, initialValue = 0) {
    this.value = initialValue;
    this.max = initialValue;
    this.lastTime = startTime;
    this.windowStart = startTime;
  }

  /** The quantity takes `newValue` from `time` on. */
  update(time: number, newValue: number): void {
    if (time < this.lastTime) throw new RangeError(`TimeWeighted: time ${time} is before ${this.lastTime}`);
    this.area += this.value * (time - this.lastTime);
    this.lastTime = time;
    this.value = newValue;
    if (newValue > this.max) this.max = newValue;
  }

  add(time: number, delta: number): void {
    this.update(time, this.value + delta);
  }

  /** Integral of the quantity over [window start, time). */
  integral(time: number): number {
    return this.area + this.value * (time - this.lastTime);
  }

  /** Time average over [window start, time); the current value for an empty window. */
  average(time: number): number {
    const length = time - this.windowStart;
    return length > 0 ? this.integral(time) / length : this.value;
  }

  /** Closes the window at `time`, returning its integral, and opens a new one there (value kept). */
  close(time: number): number {
    const integral = this.integral(time);
    this.area = 0;
    this.lastTime = time;
    this.windowStart = time;
    this.max = this.value;
    return integral;
  }
}
