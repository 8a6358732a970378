/**
 * Statistical validation of per-interval forecasts: `arrivals: { perInterval }`
 * is a non-homogeneous Poisson process whose rate in interval i is
 * vᵢ ÷ interval length, so the count Nᵢ of interval i is Poisson(vᵢ) and
 * counts of different intervals are independent (Kingman, "Poisson
 * Processes", 1993, §2.4).
 *
 * With `uncertainty: { cv: c }` each replication draws one day factor
 * G ~ gamma(mean 1, cv c) (shape 1/c², scale c²) and multiplies the whole
 * day's rate by it. Given G, Nᵢ ~ Poisson(G·vᵢ), so by the laws of total
 * expectation, variance and covariance:
 *   E[Nᵢ]          = vᵢ
 *   Var[Nᵢ]        = E[G·vᵢ] + Var[G·vᵢ]       = vᵢ + vᵢ²c²
 *   Cov[Nᵢ, Nⱼ]    = Cov[G·vᵢ, G·vⱼ]           = vᵢvⱼc²   (i ≠ j, > 0)
 * and any sum of counts, e.g. the day total T = Σ Nᵢ with V = Σ vᵢ, is
 * negative binomial with mean V and variance V + V²c² (the gamma–Poisson
 * mixture; Greenwood & Yule 1920; Johnson, Kemp & Kotz, "Univariate
 * Discrete Distributions", 3rd ed., §5.3). Independent day factors per
 * interval would give Var[T] = V + c²·Σvᵢ² instead, far smaller.
 *
 * Tests, each at a family error of 0.1% (Bonferroni over the intervals):
 * - means: Σ_r Nᵢ over R replications is exactly Poisson(R·vᵢ) without
 *   uncertainty; z = (N̄ᵢ − vᵢ) / √(σᵢ²/R) is N(0, 1) to within far better
 *   than the test level at these counts (R·vᵢ ≥ 10⁴);
 * - Poisson variance: Fisher's index of dispersion Σ_r (Nᵢᵣ − N̄ᵢ)² / N̄ᵢ
 *   is χ² with R − 1 degrees of freedom (Fisher 1950; Cochran 1954),
 *   two-sided;
 * - mixed variance: the sample variance s² of R i.i.d. counts has
 *   Var[s²] = μ₄/R − σ⁴(R − 3)/(R(R − 1)) (Cramér 1946, §27.4), with μ₄ the
 *   negative binomial's fourth central moment κ₄ + 3κ₂² from its cumulants
 *   (r = 1/c², q = v·c²/(1 + v·c²), p = 1 − q: κ₂ = rq/p², κ₄ =
 *   rq(1 + 4q + q²)/p⁴); z = (s² − σ²)/√Var[s²] is asymptotically normal
 *   (R = 2000 here).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { normalQuantile, regularizedGammaP } from '../../src/kernel/numerics/special-functions.js';
import { Field } from '../../src/model/kpis.js';
import { modelFromText } from '../../src/model/scenario/index.js';
import { Replications, meanAndVariance } from '../support/replication-records.js';

const FAMILY_ALPHA = 0.001;
const VOLUMES = [20, 50, 120, 80, 200, 35, 150, 10];
const CV = 0.25;

function forecast(seed: number, uncertainty: string) {
  return modelFromText(
    `name: forecast
seed: ${seed}
start: "08:00"
horizon: 4h
interval: 30m
callTypes:
  - name: q
    arrivals: { perInterval: [${VOLUMES.join(', ')}]${uncertainty} }
    handleTime: { dist: exponential, mean: 60s }
agentGroups:
  - { name: team, agents: 0, skills: [q] }
`,
    'forecast.yaml',
  );
}

/** Offered counts per interval (rows: intervals, columns: replications). */
function countsPerInterval(reps: Replications): number[][] {
  return VOLUMES.map((_, i) => reps.values(Field.offered, undefined, i));
}

/** Two-sided z bound at a family level, Bonferroni over `tests`. */
const zBound = (tests: number) => normalQuantile(1 - FAMILY_ALPHA / (2 * tests));

/** Moments of the negative binomial with mean v and variance v + v²c² (a gamma(1, c)–Poisson(v) mixture). */
function mixedPoissonMoments(v: number, c: number): { variance: number; mu4: number } {
  const r = 1 / (c * c);
  const q = (v * c * c) / (1 + v * c * c);
  const p = 1 - q;
  const k2 = (r * q) / (p * p);
  const k4 = (r * q * (1 + 4 * q + q * q)) / p ** 4;
  return { variance: k2, mu4: k4 + 3 * k2 * k2 };
}

/** z statistic of a sample variance from R i.i.d. values with variance σ² and fourth central moment μ₄. */
function varianceZ(sampleVariance: number, variance: number, mu4: number, R: number): number {
  const varOfS2 = mu4 / R - (variance * variance * (R - 3)) / (R * (R - 1));
  return (sampleVariance - variance) / Math.sqrt(varOfS2);
}

describe('per-interval forecast', () => {
  const R = 1000;
  let reps: Replications;
  let counts: number[][];
  beforeAll(() => {
    reps = new Replications(forecast(31, ''), R);
    counts = countsPerInterval(reps);
  });

  it('offers on average the forecast volume of each interval', () => {
    const bound = zBound(VOLUMES.length);
    counts.forEach((n, i) => {
      const { mean } = meanAndVariance(n);
      const z = (mean - VOLUMES[i]) / Math.sqrt(VOLUMES[i] / R);
      expect(Math.abs(z), `interval ${i}: mean ${mean} vs forecast ${VOLUMES[i]} (z = ${z})`).toBeLessThan(
        bound,
      );
    });
  });

  it('has Poisson counts: variance equal to the mean by the index of dispersion test', () => {
    const alpha = FAMILY_ALPHA / VOLUMES.length;
    counts.forEach((n, i) => {
      const { mean, variance } = meanAndVariance(n);
      const dispersion = ((R - 1) * variance) / mean;
      const cdf = regularizedGammaP((R - 1) / 2, dispersion / 2);
      const pValue = 2 * Math.min(cdf, 1 - cdf);
      expect(pValue, `interval ${i}: variance ${variance}, mean ${mean}`).toBeGreaterThan(alpha);
    });
  });

  it('offers exactly as many unique callers as calls when nobody retries', () => {
    for (const s of reps.summaries) {
      const total = reps.layout.record(s, -1, { kind: 'all', index: 0 });
      expect(total[Field.uniqueCallers]).toBe(total[Field.offered]);
    }
  });
});

describe('per-interval forecast with a gamma day factor (uncertainty)', () => {
  const R = 2000;
  let reps: Replications;
  let counts: number[][];
  beforeAll(() => {
    reps = new Replications(forecast(47, `, uncertainty: { cv: ${CV} }`), R);
    counts = countsPerInterval(reps);
  });

  it('keeps the mean of each interval at the forecast', () => {
    const bound = zBound(VOLUMES.length);
    counts.forEach((n, i) => {
      const { mean } = meanAndVariance(n);
      const { variance } = mixedPoissonMoments(VOLUMES[i], CV);
      const z = (mean - VOLUMES[i]) / Math.sqrt(variance / R);
      expect(Math.abs(z), `interval ${i}: mean ${mean} vs forecast ${VOLUMES[i]} (z = ${z})`).toBeLessThan(
        bound,
      );
    });
  });

  it('raises the variance of each interval to v + v²·c²', () => {
    const bound = zBound(VOLUMES.length);
    counts.forEach((n, i) => {
      const { variance } = meanAndVariance(n);
      const exact = mixedPoissonMoments(VOLUMES[i], CV);
      const z = varianceZ(variance, exact.variance, exact.mu4, R);
      expect(Math.abs(z), `interval ${i}: variance ${variance} vs ${exact.variance} (z = ${z})`).toBeLessThan(
        bound,
      );
    });
  });

  it('gives the day total the variance V + V²·c² of one day factor shared by every interval', () => {
    const totals = reps.values(Field.offered);
    const V = VOLUMES.reduce((a, b) => a + b, 0);
    const { variance } = meanAndVariance(totals);
    const exact = mixedPoissonMoments(V, CV);
    const z = varianceZ(variance, exact.variance, exact.mu4, R);
    expect(Math.abs(z), `day total: variance ${variance} vs ${exact.variance} (z = ${z})`).toBeLessThan(
      zBound(1),
    );
  });

  it('makes the counts of every pair of intervals positively correlated', () => {
    // Cov = vᵢvⱼc² ≥ 12.5 here, at least 20 standard errors of the sample covariance above 0.
    for (let i = 0; i < VOLUMES.length; i++) {
      for (let j = i + 1; j < VOLUMES.length; j++) {
        const a = meanAndVariance(counts[i]).mean;
        const b = meanAndVariance(counts[j]).mean;
        let covariance = 0;
        for (let r = 0; r < R; r++) covariance += (counts[i][r] - a) * (counts[j][r] - b);
        covariance /= R - 1;
        expect(covariance, `intervals ${i} and ${j}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('per-interval forecast with a surge and a short last interval', () => {
  // 100 min from 08:00 in 30-min intervals: the last lasts 10 min and still gets its volume.
  // A surge ×3 over 08:30–08:45 triples the first half of interval 1: 100·3 + 100 = 400.
  const volumes = [100, 200, 300, 50];
  const expected = [100, 400, 300, 50];
  const R = 400;
  let counts: number[][];
  beforeAll(() => {
    const model = modelFromText(
      `name: surge
seed: 53
start: "08:00"
warmup: 1h
horizon: 100m
interval: 30m
callTypes:
  - name: q
    arrivals: { perInterval: [${volumes.join(', ')}], surges: [{ from: "08:30", to: "08:45", factor: 3 }] }
    handleTime: { dist: exponential, mean: 60s }
agentGroups:
  - { name: team, agents: 0, skills: [q] }
`,
      'surge.yaml',
    );
    const reps = new Replications(model, R);
    counts = expected.map((_, i) => reps.values(Field.offered, undefined, i));
  });

  it('offers the forecast volume times the surge factor in each interval, the short last one included', () => {
    const bound = zBound(expected.length);
    counts.forEach((n, i) => {
      const { mean } = meanAndVariance(n);
      const z = (mean - expected[i]) / Math.sqrt(expected[i] / R);
      expect(Math.abs(z), `interval ${i}: mean ${mean} vs ${expected[i]} (z = ${z})`).toBeLessThan(bound);
    });
  });
});
