import { describe, expect, it } from 'vitest';
import { fitPatience, type PatienceFit } from '../../../src/data/fit/patience.js';
import { fromSpec } from '../../../src/kernel/distributions.js';
import { createStream } from '../../../src/kernel/random.js';
import { normalCdf } from '../../../src/kernel/numerics/special-functions.js';
import { distributionSchema } from '../../../src/model/scenario/schema/distribution.js';

/** A censored sample: patience ~ `draw`, each call served (censored) at an exponential(mean serveMean) wait if that comes first. */
function censoredSample(seed: number, n: number, draw: (u: () => number) => number, serveMean: number) {
  const u = createStream(seed, 0, 'test/patience').uniform;
  const waits: number[] = [];
  const abandoned: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const patience = draw(u);
    const served = -serveMean * Math.log(u());
    waits.push(Math.min(patience, served));
    abandoned.push(patience <= served);
  }
  return { waits, abandoned };
}

function candidate(fit: PatienceFit, family: string) {
  const c = fit.candidates.find((x) => x.family === family);
  if (c === undefined) throw new Error(`no ${family} candidate`);
  return c;
}

function expectValidLaw(fit: PatienceFit): void {
  expect(fit.law).not.toBeNull();
  expect(() => distributionSchema.parse(fit.law)).not.toThrow();
  if (fit.law?.dist === 'empirical') expect(fit.law.points.at(-1)?.[1]).toBe(1);
}

describe('patience from censored waits', () => {
  const waits = [12, 0, 35.5, 7, 120, 3, 64, 18, 0, 41, 9.25, 88];
  const abandoned = [true, false, false, true, false, true, true, false, false, true, true, false];

  it('estimates the exponential rate as abandons ÷ total time waited, exactly', () => {
    const fit = fitPatience(waits, abandoned);
    let total = 0;
    let abandons = 0;
    for (let i = 0; i < waits.length; i++) {
      total += waits[i];
      if (abandoned[i]) abandons++;
    }
    expect(fit.abandons).toBe(abandons);
    expect(fit.totalWait).toBe(total);
    expect(fit.exponential?.rate.value).toBe(abandons / total);
    expect(fit.exponential?.mean.value).toBe(total / abandons);
    expect(candidate(fit, 'exponential').law).toEqual({ dist: 'exponential', mean: total / abandons });
  });

  it('gives the exponential rate the Garwood interval', () => {
    // 6 abandons over 397.75 s: Gamma(6, 1) 2.5% quantile 2.2018943, Gamma(7, 1) 97.5% quantile 13.0594740 (scipy.stats.gamma.ppf).
    const fit = fitPatience(waits, abandoned);
    expect(fit.exponential?.rate.lo).toBeCloseTo(2.2018943 / 397.75, 9);
    expect(fit.exponential?.rate.hi).toBeCloseTo(13.059474 / 397.75, 8);
    expect(fit.exponential?.mean.lo).toBeCloseTo(397.75 / 13.059474, 4);
    expect(fit.exponential?.rate.n).toBe(12);
  });

  it('maximises the censored Weibull and lognormal likelihoods', () => {
    const { waits: w, abandoned: a } = censoredSample(
      3,
      400,
      (u) => 200 * Math.pow(-Math.log(u()), 1 / 0.7),
      150,
    );
    const fit = fitPatience(w, a);
    const weibull = candidate(fit, 'weibull');
    const weibullLogLik = (scale: number, shape: number) =>
      w.reduce((sum, t, i) => {
        const z = Math.pow(t / scale, shape);
        return sum - z + (a[i] ? Math.log(shape / scale) + (shape - 1) * Math.log(t / scale) : 0);
      }, 0);
    const scale = weibull.parameters.scale.value;
    const shape = weibull.parameters.shape.value;
    expect(weibull.logLikelihood).toBeCloseTo(weibullLogLik(scale, shape), 6);
    for (const [ds, dk] of [
      [1.01, 1],
      [0.99, 1],
      [1, 1.01],
      [1, 0.99],
      [1.01, 1.01],
    ]) {
      expect(weibullLogLik(scale * ds, shape * dk)).toBeLessThan(weibull.logLikelihood);
    }
    const lognormal = candidate(fit, 'lognormal');
    const lognormalLogLik = (mu: number, sigma: number) =>
      w.reduce((sum, t, i) => {
        const z = (Math.log(t) - mu) / sigma;
        return (
          sum + (a[i] ? -Math.log(t * sigma * Math.sqrt(2 * Math.PI)) - (z * z) / 2 : Math.log(normalCdf(-z)))
        );
      }, 0);
    const mu = lognormal.parameters.mu.value;
    const sigma = lognormal.parameters.sigma.value;
    expect(lognormal.logLikelihood).toBeCloseTo(lognormalLogLik(mu, sigma), 6);
    for (const [dm, ds] of [
      [0.01, 1],
      [-0.01, 1],
      [0, 1.01],
      [0, 0.99],
    ]) {
      expect(lognormalLogLik(mu + dm, sigma * ds)).toBeLessThan(lognormal.logLikelihood);
    }
    expect(weibull.aic).toBeCloseTo(4 - 2 * weibull.logLikelihood, 9);
  });

  it('returns no law, and a lower bound on the mean, when nobody abandoned', () => {
    const fit = fitPatience([10, 20, 30], [false, false, false]);
    expect(fit).toMatchObject({ law: null, choice: 'none', abandons: 0, exponential: null, candidates: [] });
    // One-sided: P(no abandon | mean m) = exp(−60/m) ≥ 5% ⇔ m ≥ 60/ln 20.
    expect(fit.meanLowerBound).toBeCloseTo(60 / Math.log(20), 6);
  });

  it('copes when every call abandoned (no censoring): the KM law ends at the last wait', () => {
    const w = [5, 8, 8, 13, 21, 34, 55, 89];
    const fit = fitPatience(
      w,
      w.map(() => true),
    );
    expect(fit.kaplanMeier.survivalAtEnd).toBe(0);
    // Uncensored: the exponential interval is the χ² pivot [G⁻¹_8(.025), G⁻¹_8(.975)] / T.
    expect(fit.exponential?.rate.hi).toBeCloseTo(14.4226754 / 233, 8); // Gamma(8, 1) 97.5% quantile (scipy)
    expectValidLaw(fit);
  });

  it('keeps abandons at a wait of 0 as an atom of the empirical law', () => {
    const w: number[] = [];
    const a: boolean[] = [];
    const u = createStream(5, 0, 'test/patience-zero').uniform;
    for (let i = 0; i < 3000; i++) {
      const early = u() < 0.1; // 10% hang up at once
      const patience = early ? 0 : -100 * Math.log(u());
      const served = -60 * Math.log(u());
      w.push(Math.round(Math.min(patience, served)));
      a.push(patience <= served);
    }
    const fit = fitPatience(w, a);
    expect(fit.choice).toBe('empirical');
    expectValidLaw(fit);
    if (fit.law?.dist !== 'empirical') throw new Error('expected an empirical law');
    expect(fit.law.points[0][0]).toBe(0);
    expect(fit.law.points[0][1]).toBeGreaterThan(0.07);
    expect(fit.law.points[0][1]).toBeLessThan(0.13);
    expect(fit.candidates.map((c) => c.family)).toEqual(['exponential', 'weibull', 'lognormal']);
  });

  it('gives the empirical law an exponential tail carrying the mass KM leaves', () => {
    const { waits: w, abandoned: a } = censoredSample(
      9,
      5000,
      (u) => (u() < 0.3 ? 5 * u() : 300 * -Math.log(u())),
      120,
    );
    const fit = fitPatience(w, a);
    expect(fit.choice).toBe('empirical');
    expectValidLaw(fit);
    expect(fit.tail).not.toBeNull();
    const tail = fit.tail!;
    expect(tail.mass).toBeGreaterThan(0);
    // The latest hazard is the exponential's, 1/300 per second.
    expect(tail.rate.lo).toBeLessThan(1 / 300);
    expect(tail.rate.hi).toBeGreaterThan(1 / 300);
    const law = fromSpec(fit.law!);
    expect(1 - law.cdf(tail.from)).toBeCloseTo(tail.mass, 6);
    // Plot: KM and the chosen law agree on the trusted part.
    for (const p of fit.plot.filter((q) => q.t <= tail.from))
      expect(Math.abs((p.fitted ?? 0) - p.km)).toBeLessThan(0.02);
  });

  it('rejects mismatched inputs', () => {
    expect(() => fitPatience([1, 2], [true])).toThrow(RangeError);
    expect(() => fitPatience([1, -2], [true, false])).toThrow(/times\[1\]/);
  });
});
