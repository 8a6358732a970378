import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/kernel/random.js';
import { Tally, TimeWeighted } from '../../src/kernel/statistics.js';

/** Values with a large offset, where the one-pass Σx² − n·x̄² formula would lose most digits. */
function values(n: number, name: string): number[] {
  const u = createStream(99, 0, name).uniform;
  return Array.from({ length: n }, () => 1e6 + 10 * Math.log(u()));
}

function twoPass(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

function tallyOf(xs: number[]): Tally {
  const t = new Tally();
  for (const x of xs) t.add(x);
  return t;
}

describe('Tally', () => {
  it('agrees with the two-pass mean and variance, even on values with a large offset', () => {
    const xs = values(5000, 'tally');
    const t = tallyOf(xs);
    const exact = twoPass(xs);
    expect(t.count).toBe(5000);
    expect(t.mean).toBeCloseTo(exact.mean, 8);
    expect(Math.abs(t.variance - exact.variance)).toBeLessThanOrEqual(1e-9 * exact.variance);
    expect(t.stdDev).toBeCloseTo(Math.sqrt(exact.variance), 9);
    expect(t.min).toBe(Math.min(...xs));
    expect(t.max).toBe(Math.max(...xs));
    expect(t.sum).toBeCloseTo(
      xs.reduce((a, b) => a + b, 0),
      3,
    );
  });

  it('computes hand-checkable statistics of 2, 4, 4, 4, 5, 5, 7, 9', () => {
    const t = tallyOf([2, 4, 4, 4, 5, 5, 7, 9]);
    expect([t.count, t.mean, t.sum, t.min, t.max]).toEqual([8, 5, 40, 2, 9]);
    expect(t.variance).toBeCloseTo(32 / 7, 14);
  });

  it('gives the same result merged in parts as when every value is added to one tally', () => {
    const xs = values(3001, 'merge');
    const whole = tallyOf(xs);
    const merged = tallyOf(xs.slice(0, 1000));
    merged.merge(tallyOf(xs.slice(1000, 1001)));
    merged.merge(new Tally());
    merged.merge(tallyOf(xs.slice(1001)));
    expect(merged.count).toBe(whole.count);
    expect(merged.mean).toBeCloseTo(whole.mean, 8);
    expect(Math.abs(merged.variance - whole.variance)).toBeLessThanOrEqual(1e-9 * whole.variance);
    expect([merged.min, merged.max]).toEqual([whole.min, whole.max]);
    expect(merged.sum).toBeCloseTo(whole.sum, 3);

    const fromEmpty = new Tally();
    fromEmpty.merge(whole);
    expect([fromEmpty.count, fromEmpty.mean, fromEmpty.variance]).toEqual([
      whole.count,
      whole.mean,
      whole.variance,
    ]);
  });

  it('reports NaN for a mean without values and a variance below two values', () => {
    const t = new Tally();
    expect(t.count).toBe(0);
    expect(t.mean).toBeNaN();
    expect(t.variance).toBeNaN();
    expect([t.min, t.max, t.sum]).toEqual([Infinity, -Infinity, 0]);
    t.add(3);
    expect(t.mean).toBe(3);
    expect(t.variance).toBeNaN();
  });

  it('forgets everything on reset', () => {
    const t = tallyOf([1, 2, 3]);
    t.reset();
    expect(t.count).toBe(0);
    expect(t.mean).toBeNaN();
    t.add(10);
    t.add(20);
    expect([t.mean, t.variance, t.min, t.max, t.sum]).toEqual([15, 50, 10, 20, 30]);
  });
});

describe('TimeWeighted', () => {
  it('integrates a hand-checkable step function', () => {
    // 0 on [0, 2), 3 on [2, 5), 2 on [5, 9), 0 on [9, 10): area 9 + 8 = 17 over 10.
    const q = new TimeWeighted(0, 0);
    q.update(2, 3);
    q.add(5, -1);
    expect(q.value).toBe(2);
    q.update(9, 0);
    expect(q.integral(10)).toBe(17);
    expect(q.average(10)).toBe(1.7);
    expect(q.max).toBe(3);
    expect(q.integral(9.5)).toBe(17);
  });

  it('closes a window returning its area and starts the next with the current value', () => {
    const q = new TimeWeighted(100, 4);
    q.add(110, 2); // 4 on [100, 110), 6 after
    expect(q.close(120)).toBe(4 * 10 + 6 * 10);
    expect(q.start).toBe(120);
    expect(q.max).toBe(6);
    q.update(125, 1);
    expect(q.integral(130)).toBe(6 * 5 + 1 * 5);
    expect(q.average(130)).toBe(3.5);
    expect(q.max).toBe(6);
    q.restart(130);
    expect(q.max).toBe(1);
    expect(q.integral(130)).toBe(0);
    expect(q.average(130)).toBe(1); // an empty window averages to the current value
    expect(q.average(140)).toBe(1);
  });

  it('gives weight only to the last of several changes at the same time', () => {
    const q = new TimeWeighted(0);
    q.update(1, 5);
    q.update(1, 7);
    q.update(1, 2);
    expect(q.integral(3)).toBe(4);
    expect(q.max).toBe(7); // the maximum still saw the instantaneous 7
  });

  it('refuses times before the last update', () => {
    const q = new TimeWeighted(0, 1);
    q.update(5, 2);
    expect(() => q.update(4, 1)).toThrow(RangeError);
    expect(() => q.integral(4.9)).toThrow(RangeError);
    expect(() => q.close(3)).toThrow(RangeError);
    expect(() => q.update(NaN, 1)).toThrow(RangeError);
    expect(q.integral(6)).toBe(5 + 2);
  });
});
