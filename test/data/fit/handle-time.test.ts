import { describe, expect, it } from 'vitest';
import { andersonDarling, kolmogorovSmirnov } from '../../../src/data/fit/goodness.js';
import { fitHandleTime, type HandleTimeFit } from '../../../src/data/fit/handle-time.js';
import { fitPatience } from '../../../src/data/fit/patience.js';
import { digamma, trigamma } from '../../../src/data/fit/polygamma.js';
import { groupSample } from '../../../src/data/fit/sample.js';
import { fromSpec, lognormal } from '../../../src/kernel/distributions.js';
import { createStream } from '../../../src/kernel/random.js';
import { distributionSchema } from '../../../src/model/scenario/schema/distribution.js';

function draws(seed: number, n: number, sample: (u: () => number) => number): number[] {
  const u = createStream(seed, 0, 'test/handle-time').uniform;
  return Array.from({ length: n }, () => sample(u));
}

function candidate(fit: HandleTimeFit, family: string) {
  const c = fit.candidates.find((x) => x.family === family);
  if (c === undefined) throw new Error(`no ${family} candidate`);
  return c;
}

describe('goodness of fit', () => {
  const uniform04 = (x: number) => Math.min(1, Math.max(0, x / 4));

  it('measures the Kolmogorov–Smirnov distance on both sides of each jump', () => {
    // F = 0.25, 0.5, 0.75 at 1, 2, 3; F_n jumps 0 → 1/3 → 2/3 → 1: worst 0.25 (at 1, before; at 3, after).
    expect(kolmogorovSmirnov(groupSample([1, 2, 3]), uniform04)).toBeCloseTo(0.25, 15);
    // A tie: F_n jumps 0 → 1 at 2, F(2) = 0.5.
    expect(kolmogorovSmirnov(groupSample([2, 2]), uniform04)).toBeCloseTo(0.5, 15);
  });

  it('integrates the Anderson–Darling statistic exactly, as the textbook sum without ties', () => {
    // −3 − (1/3)[1·2ln .25 + 3·2ln .5 + 5·2ln .75] = 0.2694311 (hand computed).
    expect(andersonDarling(groupSample([1, 2, 3]), uniform04)).toBeCloseTo(0.2694311, 6);
    const x = draws(1, 200, (u) => 100 * -Math.log(u())).sort((a, b) => a - b);
    const F = (t: number) => 1 - Math.exp(-t / 90);
    let sum = 0;
    for (let i = 1; i <= x.length; i++)
      sum += (2 * i - 1) * (Math.log(F(x[i - 1])) + Math.log(1 - F(x[x.length - i])));
    expect(andersonDarling(groupSample(x), F)).toBeCloseTo(-x.length - sum / x.length, 8);
  });
});

describe('polygamma', () => {
  it('gives ψ and ψ′ at known points', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 13); // −γ
    expect(digamma(0.5)).toBeCloseTo(-0.5772156649015329 - 2 * Math.LN2, 13);
    expect(digamma(10)).toBeCloseTo(2.251752589066721, 13);
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 13);
    expect(trigamma(0.5)).toBeCloseTo(Math.PI ** 2 / 2, 12);
  });
});

describe('handle-time fits', () => {
  const logn = lognormal(240, 0.9);
  const x = draws(2, 2000, (u) => logn.sample(u));

  it('gives the closed-form lognormal MLE and the exact exponential interval', () => {
    const fit = fitHandleTime(x);
    const logs = x.map(Math.log);
    const mu = logs.reduce((a, b) => a + b, 0) / x.length;
    const sigma = Math.sqrt(logs.reduce((a, b) => a + (b - mu) ** 2, 0) / x.length);
    const ln = candidate(fit, 'lognormal');
    expect(ln.parameters.mu.value).toBeCloseTo(mu, 10);
    expect(ln.parameters.sigma.value).toBeCloseTo(sigma, 10);
    if (ln.law.dist !== 'lognormal') throw new Error('expected a lognormal law');
    expect(ln.law.mean).toBeCloseTo(Math.exp(mu + sigma ** 2 / 2), 8);
    expect(ln.law.cv).toBeCloseTo(Math.sqrt(Math.expm1(sigma ** 2)), 10);
    const total = x.reduce((a, b) => a + b, 0);
    const exp = candidate(fit, 'exponential');
    expect(exp.mean.value).toBeCloseTo(total / x.length, 9);
    // Uncensored: 2T/mean ~ χ²(2n), so mean ∈ [T/G⁻¹_n(.975), T/G⁻¹_n(.025)] (Wilson–Hilferty for n ≥ 100).
    const z = 1.959963984540054;
    const gq = (p: number, k: number) => k * (1 - 1 / (9 * k) + (p * z) / (3 * Math.sqrt(k))) ** 3;
    expect(exp.mean.lo).toBeCloseTo(total / gq(1, x.length), 6);
    expect(exp.mean.hi).toBeCloseTo(total / gq(-1, x.length), 6);
  });

  it('solves the gamma likelihood equation ln α − ψ(α) = ln x̄ − mean(ln x)', () => {
    const fit = fitHandleTime(x);
    const g = candidate(fit, 'gamma');
    const alpha = g.parameters.shape.value;
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const meanLog = x.reduce((a, b) => a + Math.log(b), 0) / x.length;
    expect(Math.log(alpha) - digamma(alpha)).toBeCloseTo(Math.log(mean) - meanLog, 12);
    expect(g.mean.value).toBeCloseTo(mean, 9);
    if (g.law.dist === 'gamma') expect(g.law.cv).toBeCloseTo(1 / Math.sqrt(alpha), 12);
  });

  it('chooses the lognormal for lognormal calls and uses it as it is', () => {
    const fit = fitHandleTime(x);
    expect(fit.choice).toBe('parametric');
    expect(fit.family).toBe('lognormal');
    expect(fit.law.dist).toBe('lognormal');
    expect(fit.ks).toBeLessThanOrEqual(fit.ksAcceptance);
    expect(fit.n).toBe(2000);
    expect(fit.mean.lo).toBeLessThan(fit.mean.value);
    expect(fit.median.lo).toBeLessThanOrEqual(fit.median.value);
    expect(fit.median.hi).toBeGreaterThanOrEqual(fit.median.value);
    for (const p of fit.plot) expect(p.fitted).toBeCloseTo(fromSpec(fit.law).cdf(p.x), 12);
  });

  it('keeps a mass of very short calls apart and fits the body', () => {
    const body = lognormal(200, 0.8);
    const y = draws(4, 6000, (u) => (u() < 0.12 ? Math.floor(8 * u()) : Math.max(10, body.sample(u))));
    const fit = fitHandleTime(y);
    expect(fit.choice).toBe('short-calls+parametric');
    expect(fit.family).toBe('lognormal');
    expect(fit.shortCalls.share.lo).toBeLessThan(0.12);
    expect(fit.shortCalls.share.hi).toBeGreaterThan(0.12);
    expect(fit.bodyCandidates.map((c) => c.family)).toEqual(['exponential', 'lognormal', 'gamma', 'weibull']);
    expect(() => distributionSchema.parse(fit.law)).not.toThrow();
    const law = fromSpec(fit.law);
    expect(law.cdf(9.999)).toBeCloseTo(fit.shortCalls.share.value, 6);
    expect(Math.abs(law.mean - fit.mean.value)).toBeLessThan(2 * (fit.mean.hi - fit.mean.value));
  });

  it('falls back on the calls’ own quantiles, keeping their mean, when no law fits', () => {
    // Two clear modes, 60 s and 600 s: no unimodal family is near.
    const y = draws(6, 4000, (u) => (u() < 0.5 ? 60 + 10 * u() : 600 + 60 * u()));
    const fit = fitHandleTime(y);
    expect(fit.choice).toBe('empirical');
    expect(fit.family).toBeNull();
    expect(() => distributionSchema.parse(fit.law)).not.toThrow();
    if (fit.law.dist !== 'empirical') throw new Error('expected an empirical law');
    expect(fit.law.points.length).toBeLessThanOrEqual(100);
    expect(fit.law.points.at(-1)?.[1]).toBe(1);
    // Only the values' rounding to the millisecond is left.
    expect(fromSpec(fit.law).mean).toBeCloseTo(fit.mean.value, 1);
    expect(fit.ks).toBeLessThan(0.03);
  });

  it('handles durations of 0 and rejects bad input', () => {
    const y = [0, 0, 3, 40, 55, 120, 180, 300, 31, 77];
    const fit = fitHandleTime(y);
    expect(() => distributionSchema.parse(fit.law)).not.toThrow();
    expect(fit.candidates.length).toBe(4);
    expect(() => fitHandleTime([5])).toThrow(RangeError);
    expect(() => fitHandleTime([5, Number.NaN])).toThrow(/times\[1\]/);
  });
});

describe('degenerate samples', () => {
  it('turns calls that all last the same into an atom', () => {
    // (With 100 calls the exponential is far outside the acceptance; with 4 it would be kept.)
    const fit = fitHandleTime(Array.from({ length: 100 }, () => 60));
    expect(fit.choice).toBe('empirical');
    expect(fit.law).toEqual({ dist: 'empirical', points: [[60, 1]] });
  });

  it('fits patience from a single abandon, and from abandons all at 0', () => {
    const one = fitPatience([5, 2, 3], [true, false, false]);
    expect(one.exponential?.mean.value).toBe(10);
    expect(one.candidates.map((c) => c.family)).toEqual(['exponential']);
    expect(one.law).toEqual({ dist: 'exponential', mean: 10 });
    const atZero = fitPatience([0, 0, 4, 6], [true, true, false, false]);
    expect(() => distributionSchema.parse(atZero.law)).not.toThrow();
    expect(atZero.kaplanMeier.curve.steps[0]).toMatchObject({ time: 0, atRisk: 4, events: 2, survival: 0.5 });
  });
});
