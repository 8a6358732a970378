/**
 * Probability distributions of durations. Each exposes its mean, variance,
 * CDF and quantile (the maths), and a sampler built once at construction
 * (the hot path: no allocation, no branching on the kind per draw).
 * Parameters are validated at construction, never while sampling.
 *
 * Sampling is by inversion (one uniform per variate) wherever the quantile
 * is cheap, so that a variate is a monotone function of its uniform: good
 * for common random numbers. Erlang-k uses k uniforms; gamma uses
 * Marsaglia–Tsang rejection with normals by inversion.
 */
import type { Uniform } from './random.js';
import { gammaFunction, logGamma, normalCdf, normalQuantile } from './special-functions.js';

export type DistributionKind =
  'exponential' | 'deterministic' | 'uniform' | 'lognormal' | 'gamma' | 'erlang' | 'weibull' | 'empirical';

export interface Distribution {
  readonly kind: DistributionKind;
  readonly mean: number;
  readonly variance: number;
  cdf(x: number): number;
  /** The p-quantile, p in (0, 1). */
  quantile(p: number): number;
  /** Draws one variate from uniforms of `u`. */
  readonly sample: (u: Uniform) => number;
  /** Uniforms one draw consumes, or 'variable' (rejection sampling). */
  readonly uniformsPerDraw: number | 'variable';
  describe(): string;
}

/** A distribution as written in a scenario (times in seconds). */
export type DistributionSpec =
  | { readonly dist: 'exponential'; readonly mean: number }
  | { readonly dist: 'deterministic'; readonly value: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'lognormal'; readonly mean: number; readonly cv: number }
  | { readonly dist: 'gamma'; readonly mean: number; readonly cv: number }
  | { readonly dist: 'erlang'; readonly mean: number; readonly k: number }
  | { readonly dist: 'weibull'; readonly mean: number; readonly shape: number }
  | { readonly dist: 'empirical'; readonly points: ReadonlyArray<readonly [number, number]> };

export function fromSpec(spec: DistributionSpec): Distribution {
  switch (spec.dist) {
    case 'exponential':
      return exponential(spec.mean);
    case 'deterministic':
      return deterministic(spec.value);
    case 'uniform':
      return uniform(spec.min, spec.max);
    case 'lognormal':
      return lognormal(spec.mean, spec.cv);
    case 'gamma':
      return gamma(spec.mean, spec.cv);
    case 'erlang':
      return erlang(spec.mean, spec.k);
    case 'weibull':
      return weibull(spec.mean, spec.shape);
    case 'empirical':
      return empirical(spec.points);
  }
}

function require(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(message);
}

const finitePositive = (x: number) => Number.isFinite(x) && x > 0;

function checkP(p: number): void {
  require(p > 0 && p < 1, `quantile: p must be in (0, 1), got ${p}`);
}

export function exponential(mean: number): Distribution {
  require(finitePositive(mean), `exponential: mean must be > 0, got ${mean}`);
  return {
    kind: 'exponential',
    mean,
    variance: mean * mean,
    cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-x / mean)),
    quantile: (p) => (checkP(p), -mean * Math.log1p(-p)),
    sample: (u) => -mean * Math.log(u()),
    uniformsPerDraw: 1,
    describe: () => `exponential(mean ${mean} s)`,
  };
}

export function deterministic(value: number): Distribution {
  require(Number.isFinite(value) && value >= 0, `deterministic: value must be ≥ 0, got ${value}`);
  return {
    kind: 'deterministic',
    mean: value,
    variance: 0,
    cdf: (x) => (x < value ? 0 : 1),
    quantile: (p) => (checkP(p), value),
    sample: () => value,
    uniformsPerDraw: 0,
    describe: () => `deterministic(${value} s)`,
  };
}

export function uniform(min: number, max: number): Distribution {
  require(Number.isFinite(min) && min >= 0, `uniform: min must be ≥ 0, got ${min}`);
  require(Number.isFinite(max) && max > min, `uniform: max must be > min, got min ${min}, max ${max}`);
  const width = max - min;
  return {
    kind: 'uniform',
    mean: (min + max) / 2,
    variance: (width * width) / 12,
    cdf: (x) => (x <= min ? 0 : x >= max ? 1 : (x - min) / width),
    quantile: (p) => (checkP(p), min + p * width),
    sample: (u) => min + u() * width,
    uniformsPerDraw: 1,
    describe: () => `uniform(${min} s to ${max} s)`,
  };
}

/** Lognormal with the given mean and coefficient of variation: σ² = ln(1 + cv²), μ = ln(mean) − σ²/2. */
export function lognormal(mean: number, cv: number): Distribution {
  require(finitePositive(mean), `lognormal: mean must be > 0, got ${mean}`);
  require(finitePositive(cv), `lognormal: cv must be > 0, got ${cv}`);
  const sigma2 = Math.log1p(cv * cv);
  const sigma = Math.sqrt(sigma2);
  const mu = Math.log(mean) - sigma2 / 2;
  return {
    kind: 'lognormal',
    mean,
    variance: (cv * mean) ** 2,
    cdf: (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma)),
    quantile: (p) => (checkP(p), Math.exp(mu + sigma * normalQuantile(p))),
    sample: (u) => Math.exp(mu + sigma * normalQuantile(u())),
    uniformsPerDraw: 1,
    describe: () => `lognormal(mean ${mean} s, cv ${cv})`,
  };
}

/** Gamma with the given mean and cv: shape α = 1/cv², scale θ = mean·cv². */
export function gamma(mean: number, cv: number): Distribution {
  require(finitePositive(mean), `gamma: mean must be > 0, got ${mean}`);
  require(finitePositive(cv), `gamma: cv must be > 0, got ${cv}`);
  const shape = 1 / (cv * cv);
  const scale = mean * cv * cv;
  const cdf = (x: number) => (x <= 0 ? 0 : regularizedGammaP(shape, x / scale));
  return {
    kind: 'gamma',
    mean,
    variance: shape * scale * scale,
    cdf,
    quantile: (p) => (checkP(p), invertCdf(cdf, p, mean, Math.sqrt(shape) * scale)),
    sample: gammaSampler(shape, scale),
    uniformsPerDraw: 'variable',
    describe: () => `gamma(mean ${mean} s, cv ${cv})`,
  };
}

/**
 * Marsaglia & Tsang (2000), "A simple method for generating gamma variables",
 * with normals by inversion; for shape < 1, Gamma(α) = Gamma(α + 1)·U^(1/α).
 */
function gammaSampler(shape: number, scale: number): (u: Uniform) => number {
  const boost = shape < 1;
  const a = boost ? shape + 1 : shape;
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const inverseShape = 1 / shape;
  return (u) => {
    let x: number;
    let v: number;
    for (;;) {
      do {
        x = normalQuantile(u());
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const w = u();
      const x2 = x * x;
      if (w < 1 - 0.0331 * x2 * x2) break;
      if (Math.log(w) < 0.5 * x2 + d * (1 - v + Math.log(v))) break;
    }
    const g = d * v * scale;
    return boost ? g * Math.pow(u(), inverseShape) : g;
  };
}

/** Erlang-k: the sum of k exponential phases of mean mean/k. */
export function erlang(mean: number, k: number): Distribution {
  require(finitePositive(mean), `erlang: mean must be > 0, got ${mean}`);
  require(Number.isInteger(k) && k >= 1, `erlang: k must be a whole number ≥ 1, got ${k}`);
  const phase = mean / k;
  const cdf = (x: number) => (x <= 0 ? 0 : regularizedGammaP(k, x / phase));
  // The product of uniforms underflows past ~700 phases' worth of logs; sum logs when k is large.
  const sample =
    k <= 20
      ? (u: Uniform) => {
          let product = 1;
          for (let i = 0; i < k; i++) product *= u();
          return -phase * Math.log(product);
        }
      : (u: Uniform) => {
          let sum = 0;
          for (let i = 0; i < k; i++) sum -= Math.log(u());
          return phase * sum;
        };
  return {
    kind: 'erlang',
    mean,
    variance: k * phase * phase,
    cdf,
    quantile: (p) => (checkP(p), invertCdf(cdf, p, mean, Math.sqrt(k) * phase)),
    sample,
    uniformsPerDraw: k,
    describe: () => `erlang(mean ${mean} s, k ${k})`,
  };
}

/** Weibull with the given mean and shape: scale λ = mean / Γ(1 + 1/shape). */
export function weibull(mean: number, shape: number): Distribution {
  require(finitePositive(mean), `weibull: mean must be > 0, got ${mean}`);
  require(finitePositive(shape), `weibull: shape must be > 0, got ${shape}`);
  const scale = mean / gammaFunction(1 + 1 / shape);
  const inverseShape = 1 / shape;
  const variance = scale * scale * (gammaFunction(1 + 2 / shape) - gammaFunction(1 + 1 / shape) ** 2);
  return {
    kind: 'weibull',
    mean,
    variance,
    cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-Math.pow(x / scale, shape))),
    quantile: (p) => (checkP(p), scale * Math.pow(-Math.log1p(-p), inverseShape)),
    sample: (u) => scale * Math.pow(-Math.log(u()), inverseShape),
    uniformsPerDraw: 1,
    describe: () => `weibull(mean ${mean} s, shape ${shape})`,
  };
}

/**
 * Empirical distribution from (value, cdf) points, linear between points.
 * The first point's cdf may be above 0: an atom of that mass at its value.
 * The last point's cdf must be 1.
 */
export function empirical(points: ReadonlyArray<readonly [number, number]>): Distribution {
  require(points.length >= 1, 'empirical: at least one [value, cdf] point is needed');
  points.forEach(([x, F], i) => {
    require(Number.isFinite(x) && x >= 0, `empirical: point ${i} value must be ≥ 0, got ${x}`);
    require(F >= 0 && F <= 1, `empirical: point ${i} cdf must be in [0, 1], got ${F}`);
    if (i > 0) {
      require(x >= points[i - 1][0], `empirical: values must not decrease (point ${i})`);
      require(F >= points[i - 1][1], `empirical: cdf must not decrease (point ${i})`);
    }
  });
  require(points[points.length - 1][1] === 1, "empirical: the last point's cdf must be 1");
  const xs = Float64Array.from(points, (p) => p[0]);
  const Fs = Float64Array.from(points, (p) => p[1]);
  const n = xs.length;
  // Mean and second moment: the atom at xs[0], then uniform pieces between points.
  let m1 = Fs[0] * xs[0];
  let m2 = Fs[0] * xs[0] * xs[0];
  for (let i = 1; i < n; i++) {
    const w = Fs[i] - Fs[i - 1];
    const a = xs[i - 1];
    const b = xs[i];
    m1 += (w * (a + b)) / 2;
    m2 += (w * (a * a + a * b + b * b)) / 3;
  }
  const quantile = (p: number): number => {
    if (p <= Fs[0]) return xs[0];
    // Binary search for the first point with F ≥ p.
    let lo = 1;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (Fs[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    const w = Fs[lo] - Fs[lo - 1];
    return w > 0 ? xs[lo - 1] + ((p - Fs[lo - 1]) / w) * (xs[lo] - xs[lo - 1]) : xs[lo];
  };
  return {
    kind: 'empirical',
    mean: m1,
    variance: Math.max(0, m2 - m1 * m1),
    cdf: (x) => {
      if (x < xs[0]) return 0;
      if (x >= xs[n - 1]) return 1;
      let i = 1;
      while (xs[i] <= x) i++;
      return Fs[i - 1] + ((x - xs[i - 1]) / (xs[i] - xs[i - 1])) * (Fs[i] - Fs[i - 1]);
    },
    quantile: (p) => (checkP(p), quantile(p)),
    sample: (u) => quantile(u()),
    uniformsPerDraw: 1,
    describe: () => `empirical(${n} points, mean ${m1.toFixed(1)} s)`,
  };
}

/** Regularized lower incomplete gamma P(a, x) (Numerical Recipes §6.2: series, or continued fraction). */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const logFront = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 100000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.min(1, sum * Math.exp(logFront));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.max(0, 1 - Math.exp(logFront) * h);
}

/** Inverts a continuous increasing CDF on (0, ∞) by bracketing and bisection. */
function invertCdf(cdf: (x: number) => number, p: number, mean: number, sd: number): number {
  let lo = 0;
  let hi = mean + 10 * sd;
  while (cdf(hi) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
