/**
 * Probability distributions of non-negative quantities (durations, in
 * seconds, to the model; the kernel only sees numbers).
 *
 * Each distribution exposes its maths (mean, variance, CDF, quantile) apart
 * from its sampler. The sampler is a closure built once at construction, so
 * the hot loop neither allocates nor branches on the kind per draw; the
 * parameters are validated at construction (RangeError naming the
 * distribution, the parameter and the value), never while sampling.
 *
 * Sampling is by inversion wherever the quantile is cheap: exponential,
 * uniform, lognormal, Weibull and empirical draws are exactly
 * `quantile(u())`, one uniform per variate, increasing in the uniform. That
 * keeps common random numbers sharp: two scenarios that give a source
 * different distributions still map the same uniform to the same rank.
 * Deterministic draws consume no uniform; Erlang-k consumes k; gamma uses
 * Marsaglia–Tsang rejection (a variable number).
 */
import type { Uniform } from './random.js';
import {
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedGammaP,
  regularizedGammaQ,
} from './numerics/special-functions.js';

export type DistributionKind =
  'exponential' | 'deterministic' | 'uniform' | 'lognormal' | 'gamma' | 'erlang' | 'weibull' | 'empirical';

export interface Distribution {
  readonly kind: DistributionKind;
  readonly mean: number;
  readonly variance: number;
  /** P(X ≤ x). */
  cdf(x: number): number;
  /** The p-quantile, inf{x : cdf(x) ≥ p}, for p in (0, 1); RangeError otherwise. */
  quantile(p: number): number;
  /** Draws one variate from uniforms of `u`; built once at construction (no per-call branching on kind). */
  readonly sample: (u: Uniform) => number;
  /** Number of uniforms one draw consumes, or 'variable' (gamma, by rejection). */
  readonly uniformsPerDraw: number | 'variable';
  /** E.g. `lognormal(mean 300 s, cv 0.8)`. */
  describe(): string;
}

/** A distribution as written in a scenario, times already in seconds. */
export type DistributionSpec =
  | { readonly dist: 'exponential'; readonly mean: number }
  | { readonly dist: 'deterministic'; readonly value: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'lognormal'; readonly mean: number; readonly cv: number }
  | { readonly dist: 'gamma'; readonly mean: number; readonly cv: number }
  | { readonly dist: 'erlang'; readonly mean: number; readonly k: number }
  | { readonly dist: 'weibull'; readonly mean: number; readonly shape: number }
  | { readonly dist: 'empirical'; readonly points: ReadonlyArray<readonly [number, number]> };

/** Builds the distribution a spec describes (validating its parameters). */
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

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(message);
}

function checkPositive(name: string, parameter: string, value: number): void {
  check(
    Number.isFinite(value) && value > 0,
    `${name}: ${parameter} must be a finite number > 0, got ${value}`,
  );
}

function checkP(name: string, p: number): void {
  check(p > 0 && p < 1, `${name} quantile: p must be in (0, 1), got ${p}`);
}

/** Exponential with the given mean (rate 1/mean). */
export function exponential(mean: number): Distribution {
  checkPositive('exponential', 'mean', mean);
  const quantile = (p: number) => -mean * Math.log1p(-p);
  return {
    kind: 'exponential',
    mean,
    variance: mean * mean,
    cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-x / mean)),
    quantile: (p) => (checkP('exponential', p), quantile(p)),
    sample: (u) => quantile(u()),
    uniformsPerDraw: 1,
    describe: () => `exponential(mean ${mean} s)`,
  };
}

/**
 * Always `value` (≥ 0). A draw consumes no uniform: switching a source
 * between deterministic and a random distribution therefore changes how far
 * its stream advances (streams are per source, so no other source moves).
 */
export function deterministic(value: number): Distribution {
  check(
    Number.isFinite(value) && value >= 0,
    `deterministic: value must be a finite number ≥ 0, got ${value}`,
  );
  return {
    kind: 'deterministic',
    mean: value,
    variance: 0,
    cdf: (x) => (x < value ? 0 : 1),
    quantile: (p) => (checkP('deterministic', p), value),
    sample: () => value,
    uniformsPerDraw: 0,
    describe: () => `deterministic(${value} s)`,
  };
}

/** Uniform on [min, max], 0 ≤ min < max. */
export function uniform(min: number, max: number): Distribution {
  check(Number.isFinite(min) && min >= 0, `uniform: min must be a finite number ≥ 0, got ${min}`);
  check(
    Number.isFinite(max) && max > min,
    `uniform: max must be finite and > min, got min ${min}, max ${max}`,
  );
  const width = max - min;
  const quantile = (p: number) => min + p * width;
  return {
    kind: 'uniform',
    mean: (min + max) / 2,
    variance: (width * width) / 12,
    cdf: (x) => (x <= min ? 0 : x >= max ? 1 : (x - min) / width),
    quantile: (p) => (checkP('uniform', p), quantile(p)),
    sample: (u) => quantile(u()),
    uniformsPerDraw: 1,
    describe: () => `uniform(${min} s to ${max} s)`,
  };
}

/**
 * Lognormal by its mean and coefficient of variation cv > 0 (cv = 0 is not
 * accepted: write `deterministic` for a constant). ln X ~ N(μ, σ²) with
 * σ² = ln(1 + cv²), μ = ln(mean) − σ²/2 (Law & Kelton, Simulation Modeling
 * and Analysis, 5th ed., §6.2.2). Sampled by inversion through the normal
 * quantile (AS 241).
 */
export function lognormal(mean: number, cv: number): Distribution {
  checkPositive('lognormal', 'mean', mean);
  checkPositive('lognormal', 'cv', cv);
  const sigma2 = Math.log1p(cv * cv);
  const sigma = Math.sqrt(sigma2);
  const mu = Math.log(mean) - sigma2 / 2;
  const quantile = (p: number) => Math.exp(mu + sigma * normalQuantile(p));
  return {
    kind: 'lognormal',
    mean,
    variance: (cv * mean) ** 2,
    cdf: (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma)),
    quantile: (p) => (checkP('lognormal', p), quantile(p)),
    sample: (u) => quantile(u()),
    uniformsPerDraw: 1,
    describe: () => `lognormal(mean ${mean} s, cv ${cv})`,
  };
}

/**
 * Gamma by its mean and coefficient of variation cv > 0: shape α = 1/cv²,
 * scale θ = mean·cv² (so the variance is (cv·mean)²). CDF P(α, x/θ); the
 * quantile inverts it numerically. Sampled by Marsaglia–Tsang rejection.
 */
export function gamma(mean: number, cv: number): Distribution {
  checkPositive('gamma', 'mean', mean);
  checkPositive('gamma', 'cv', cv);
  const shape = 1 / (cv * cv);
  const scale = mean * cv * cv;
  return {
    kind: 'gamma',
    mean,
    variance: (cv * mean) ** 2,
    cdf: (x) => (x <= 0 ? 0 : regularizedGammaP(shape, x / scale)),
    quantile: (p) => (checkP('gamma', p), scale * gammaQuantile(shape, p)),
    sample: gammaSampler(shape, scale),
    uniformsPerDraw: 'variable',
    describe: () => `gamma(mean ${mean} s, cv ${cv})`,
  };
}

/**
 * Marsaglia & Tsang (2000), "A simple method for generating gamma
 * variables", ACM TOMS 26(3), 363–372: for shape a ≥ 1, d = a − ⅓,
 * c = 1/√(9d); draw a normal x with v = (1 + c·x)³ > 0 and accept d·v when
 * u < 1 − 0.0331·x⁴ (squeeze) or ln u < x²/2 + d(1 − v + ln v). For shape
 * < 1, Gamma(a) = Gamma(a + 1)·U^(1/a) (their §6). Normals come from the
 * same uniform source by inversion (AS 241), so only `u` is consumed: about
 * 2.04 uniforms per draw for a ≥ 1 (acceptance ≥ 0.95), one more for a < 1.
 * For very small shapes (cv ≳ 5), U^(1/a) can underflow to 0.
 */
function gammaSampler(shape: number, scale: number): (u: Uniform) => number {
  const boost = shape < 1;
  const a = boost ? shape + 1 : shape;
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const dScale = d * scale;
  const inverseShape = 1 / shape;
  const draw = (u: Uniform): number => {
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normalQuantile(u());
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const w = u();
      const x2 = x * x;
      if (w < 1 - 0.0331 * x2 * x2 || Math.log(w) < 0.5 * x2 + d * (1 - v + Math.log(v))) return dScale * v;
    }
  };
  return boost ? (u) => draw(u) * Math.pow(u(), inverseShape) : draw;
}

/**
 * Erlang-k: the sum of k ≥ 1 (whole) exponential phases of mean mean/k;
 * variance mean²/k. A draw is −(mean/k)·ln(u₁⋯u_k), k uniforms. The
 * product of k uniforms, each ≥ 2⁻³³ from our streams, cannot underflow for
 * k ≤ 20 (≥ 2⁻⁶⁶⁰); above that the logarithms are summed instead.
 */
export function erlang(mean: number, k: number): Distribution {
  checkPositive('erlang', 'mean', mean);
  check(Number.isInteger(k) && k >= 1, `erlang: k must be a whole number ≥ 1, got ${k}`);
  const phase = mean / k;
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
    variance: mean * phase,
    cdf: (x) => (x <= 0 ? 0 : regularizedGammaP(k, x / phase)),
    quantile: (p) => (checkP('erlang', p), phase * gammaQuantile(k, p)),
    sample,
    uniformsPerDraw: k,
    describe: () => `erlang(mean ${mean} s, k ${k})`,
  };
}

/**
 * The p-quantile of the gamma distribution of the given shape and scale 1:
 * bisection on P(shape, x) = p below the median, on Q(shape, x) = 1 − p
 * above it (so that upper-tail quantiles keep their accuracy), to a
 * relative width of 1e-14 of the bracket.
 */
function gammaQuantile(shape: number, p: number): number {
  const upper = p > 0.5;
  const target = upper ? 1 - p : p;
  // excess > 0 means x lies above the quantile.
  const excess = upper
    ? (x: number) => target - regularizedGammaQ(shape, x)
    : (x: number) => regularizedGammaP(shape, x) - target;
  let lo = 0;
  let hi = shape + 10 * Math.sqrt(shape) + 10;
  while (excess(hi) < 0) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 2000 && hi - lo > 1e-14 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (excess(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Weibull by its mean and shape k > 0: scale λ = mean / Γ(1 + 1/k),
 * variance mean²·(Γ(1 + 2/k)/Γ(1 + 1/k)² − 1), formed in logarithms so that
 * small shapes do not overflow Γ. Sampled by inversion,
 * λ·(−ln(1 − u))^(1/k).
 */
export function weibull(mean: number, shape: number): Distribution {
  checkPositive('weibull', 'mean', mean);
  checkPositive('weibull', 'shape', shape);
  const logG1 = logGamma(1 + 1 / shape);
  const scale = mean * Math.exp(-logG1);
  const variance = mean * mean * Math.expm1(logGamma(1 + 2 / shape) - 2 * logG1);
  check(
    scale > 0 && Number.isFinite(variance),
    `weibull: shape ${shape} is too small (its scale underflows or its variance overflows)`,
  );
  const inverseShape = 1 / shape;
  const quantile = (p: number) => scale * Math.pow(-Math.log1p(-p), inverseShape);
  return {
    kind: 'weibull',
    mean,
    variance,
    cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-Math.pow(x / scale, shape))),
    quantile: (p) => (checkP('weibull', p), quantile(p)),
    sample: (u) => quantile(u()),
    uniformsPerDraw: 1,
    describe: () => `weibull(mean ${mean} s, shape ${shape})`,
  };
}

/**
 * Empirical distribution from (value, cdf) points with a piecewise-linear
 * CDF between them. Values and cdfs must not decrease; the last cdf must be
 * 1. The first point's cdf may exceed 0: an atom of that mass at its value;
 * two points with the same value make an atom of the cdf jump between them.
 * Sampled by inversion: a binary search for the segment, then linear
 * interpolation within it.
 */
export function empirical(points: ReadonlyArray<readonly [number, number]>): Distribution {
  check(points.length >= 1, 'empirical: at least one [value, cdf] point is needed');
  points.forEach(([x, F], i) => {
    check(Number.isFinite(x) && x >= 0, `empirical: point ${i}: value must be a finite number ≥ 0, got ${x}`);
    check(F >= 0 && F <= 1, `empirical: point ${i}: cdf must be in [0, 1], got ${F}`);
    if (i > 0) {
      const [px, pF] = points[i - 1];
      check(x >= px, `empirical: point ${i}: values must not decrease, got ${x} after ${px}`);
      check(F >= pF, `empirical: point ${i}: cdf must not decrease, got ${F} after ${pF}`);
    }
  });
  const last = points[points.length - 1][1];
  check(last === 1, `empirical: the last point's cdf must be 1, got ${last}`);
  const xs = Float64Array.from(points, (p) => p[0]);
  const Fs = Float64Array.from(points, (p) => p[1]);
  const n = xs.length;
  // Moments: the atom at xs[0], then a uniform piece of mass F_i − F_{i−1} on [x_{i−1}, x_i]
  // (mean (a + b)/2; E[(X − m)²] = ((a − m)² + (a − m)(b − m) + (b − m)²)/3, central to avoid cancellation).
  let mean = Fs[0] * xs[0];
  for (let i = 1; i < n; i++) mean += ((Fs[i] - Fs[i - 1]) * (xs[i - 1] + xs[i])) / 2;
  let variance = Fs[0] * (xs[0] - mean) ** 2;
  for (let i = 1; i < n; i++) {
    const a = xs[i - 1] - mean;
    const b = xs[i] - mean;
    variance += ((Fs[i] - Fs[i - 1]) * (a * a + a * b + b * b)) / 3;
  }
  const quantile = (p: number): number => {
    if (p <= Fs[0]) return xs[0];
    // The first point with F ≥ p (Fs[n − 1] = 1 > p, so it exists); then F_{lo−1} < p ≤ F_lo.
    let lo = 1;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (Fs[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    return xs[lo - 1] + ((p - Fs[lo - 1]) / (Fs[lo] - Fs[lo - 1])) * (xs[lo] - xs[lo - 1]);
  };
  const cdf = (x: number): number => {
    if (x < xs[0]) return 0;
    if (x >= xs[n - 1]) return 1;
    // The first point with value > x (it exists since x < xs[n − 1]); then xs[lo − 1] ≤ x < xs[lo].
    let lo = 1;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return Fs[lo - 1] + ((x - xs[lo - 1]) / (xs[lo] - xs[lo - 1])) * (Fs[lo] - Fs[lo - 1]);
  };
  return {
    kind: 'empirical',
    mean,
    variance,
    cdf,
    quantile: (p) => (checkP('empirical', p), quantile(p)),
    sample: (u) => quantile(u()),
    uniformsPerDraw: 1,
    describe: () => `empirical(${n} points, mean ${mean.toPrecision(4)} s)`,
  };
}
