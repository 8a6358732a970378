import { describe, expect, it } from 'vitest';
import { BinLayout, Histogram, quantileOfData } from '../../src/kernel/histogram.js';
import { createStream } from '../../src/kernel/random.js';

function histogramOf(
  values: number[],
  layout: BinLayout | { binWidth: number; maxValue: number },
): Histogram {
  const h = new Histogram(layout);
  for (const x of values) h.add(x);
  return h;
}

const TENS = { binWidth: 10, maxValue: 100 };

describe('BinLayout', () => {
  it('lays segments of equal bins end to end', () => {
    const layout = new BinLayout([
      { upTo: 5, width: 1 },
      { upTo: 25, width: 10 },
    ]);
    expect(layout.binCount).toBe(7);
    expect(layout.maxValue).toBe(25);
    expect([0, 0.5, 4.99, 5, 14.99, 15, 24.99].map((x) => layout.binOf(x))).toEqual([0, 0, 4, 5, 5, 6, 6]);
    expect([layout.lowerEdge(5), layout.upperEdge(5), layout.lowerEdge(6), layout.upperEdge(6)]).toEqual([
      5, 15, 15, 25,
    ]);
  });

  it('makes the last bin of a segment narrower when the width does not divide it, and not otherwise', () => {
    const layout = BinLayout.uniform(4, 10);
    expect(layout.binCount).toBe(3);
    expect([layout.lowerEdge(2), layout.upperEdge(2)]).toEqual([8, 10]);
    expect(BinLayout.uniform(0.1, 300).binCount).toBe(3000); // 300 / 0.1 rounds to 2999.9999999999995
  });

  it('rejects empty, backward or zero-width segments', () => {
    expect(() => new BinLayout([])).toThrow(RangeError);
    expect(() => new BinLayout([{ upTo: 10, width: 0 }])).toThrow(RangeError);
    expect(
      () =>
        new BinLayout([
          { upTo: 10, width: 1 },
          { upTo: 5, width: 1 },
        ]),
    ).toThrow(/segment 1/);
  });
});

describe('Histogram', () => {
  // 4 zeros, then one value in each of the bins [0,10) … [50,60); max 55.
  const handValues = [0, 0, 0, 0, 5, 15, 25, 35, 45, 55];

  it('interpolates linearly inside a bin, on hand-checkable data', () => {
    const h = histogramOf(handValues, TENS);
    expect(h.count).toBe(10);
    expect(h.zeros).toBe(4);
    expect(h.quantile(0.41)).toBeCloseTo(1, 12); // 0.1 of an observation into [0, 10)
    expect(h.quantile(0.5)).toBeCloseTo(10, 12);
    expect(h.quantile(0.55)).toBeCloseTo(15, 12);
    expect(h.quantile(0.95)).toBeCloseTo(52.5, 12); // the last bin ends at the max, 55
    expect(h.quantile(1)).toBe(55);
  });

  it('returns 0 while p is within the fraction of exact zeros', () => {
    const h = histogramOf(handValues, TENS);
    expect(h.quantile(0)).toBe(0);
    expect(h.quantile(0.2)).toBe(0);
    expect(h.quantile(0.4)).toBe(0);
    expect(h.quantile(0.4001)).toBeGreaterThan(0);
    const allZero = histogramOf([0, 0, 0], TENS);
    expect([allZero.quantile(0.5), allZero.quantile(1)]).toEqual([0, 0]);
  });

  it('returns the lower edge of the first non-empty bin for p = 0 without zeros', () => {
    expect(histogramOf([37, 52], TENS).quantile(0)).toBe(30);
  });

  it('returns the largest value seen for p reaching into the overflow', () => {
    const h = histogramOf([50, 150, 300], TENS);
    expect(h.overflow).toBe(2);
    expect(h.max).toBe(300);
    expect(h.quantile(1 / 3)).toBeCloseTo(60, 12);
    expect(h.quantile(0.5)).toBe(300);
    expect(h.quantile(0.9)).toBe(300);
    expect(histogramOf([100], TENS).overflow).toBe(1); // bins are half-open: maxValue overflows
  });

  it('is within one bin width of the sample quantile on 10k exponential draws', () => {
    const u = createStream(5, 0, 'histogram').uniform;
    const xs = Array.from({ length: 10_000 }, () => -60 * Math.log(u()));
    const h = histogramOf(xs, { binWidth: 2, maxValue: 400 });
    const sorted = [...xs].sort((a, b) => a - b);
    for (const p of [0.01, 0.25, 0.5, 0.8, 0.9, 0.95, 0.99]) {
      const orderStatistic = sorted[Math.ceil(p * xs.length) - 1];
      expect(Math.abs(h.quantile(p) - orderStatistic)).toBeLessThanOrEqual(2);
    }
  });

  it('gives several ascending quantiles in one pass equal to one at a time', () => {
    const u = createStream(6, 0, 'quantiles').uniform;
    const h = new Histogram(
      new BinLayout([
        { upTo: 5, width: 0.1 },
        { upTo: 60, width: 1 },
        { upTo: 600, width: 10 },
      ]),
    );
    for (let i = 0; i < 5000; i++) h.add(u() < 0.3 ? 0 : -40 * Math.log(u()));
    const ps = [0, 0.1, 0.3, 0.5, 0.5, 0.8, 0.95, 0.99, 1];
    const out = new Float64Array(ps.length);
    h.quantiles(ps, out);
    expect(Array.from(out)).toEqual(ps.map((p) => h.quantile(p)));
    expect(() => h.quantiles([0.5, 0.2], out)).toThrow(/ascending/);
  });

  it('merges into the same histogram as adding every value to one', () => {
    const u = createStream(7, 0, 'merge').uniform;
    const xs = Array.from({ length: 3000 }, (_, i) => (i % 5 === 0 ? 0 : -30 * Math.log(u())));
    const whole = histogramOf(xs, TENS);
    const merged = histogramOf(xs.slice(0, 1000), TENS);
    merged.merge(histogramOf(xs.slice(1000), TENS));
    expect(merged.toData()).toEqual(whole.toData());
    expect(merged.count).toBe(whole.count);
    expect(() => merged.merge(histogramOf([], { binWidth: 5, maxValue: 100 }))).toThrow(RangeError);
  });

  it('merges histograms whose layouts are equal but not the same object', () => {
    const a = histogramOf([1, 2], new BinLayout([{ upTo: 10, width: 1 }]));
    a.merge(histogramOf([3], new BinLayout([{ upTo: 10, width: 1 }])));
    expect(a.count).toBe(3);
  });

  it('round-trips through plain data, and quantileOfData answers as the histogram does', () => {
    const h = histogramOf([0, 0.5, 3, 3, 17, 250], { binWidth: 1, maxValue: 100 });
    const data = JSON.parse(JSON.stringify(h.toData()));
    expect(data).toEqual({
      segments: [{ upTo: 100, width: 1 }],
      zeros: 1,
      counts: expect.any(Array),
      overflow: 1,
      max: 250,
    });
    const back = Histogram.fromData(data);
    expect(back.toData()).toEqual(h.toData());
    expect(back.count).toBe(6);
    for (const p of [0, 0.1, 0.2, 0.5, 0.7, 0.9, 1]) expect(quantileOfData(data, p)).toBe(h.quantile(p));
    expect(() => Histogram.fromData({ ...data, counts: data.counts.slice(1) })).toThrow(/counts has 99/);
    expect(() => Histogram.fromData({ ...data, zeros: -1 })).toThrow(/zeros/);
  });

  it('rejects negative, NaN and infinite values without counting them', () => {
    const h = histogramOf([1], TENS);
    for (const x of [-1e-9, NaN, Infinity]) expect(() => h.add(x)).toThrow(RangeError);
    expect(h.count).toBe(1);
    expect(h.max).toBe(1);
  });

  it('is NaN without observations and forgets everything on reset', () => {
    const h = histogramOf([0, 4, 120], TENS);
    h.reset();
    expect([h.count, h.zeros, h.overflow, h.max]).toEqual([0, 0, 0, 0]);
    expect(h.counts.every((c) => c === 0)).toBe(true);
    expect(h.quantile(0.5)).toBeNaN();
    expect(() => h.quantile(1.1)).toThrow(RangeError);
  });
});
