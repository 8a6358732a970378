import { describe, expect, it } from 'vitest';
import type { Distribution, DistributionSpec } from '../../src/kernel/distributions.js';
import {
  deterministic,
  empirical,
  erlang,
  exponential,
  fromSpec,
  gamma,
  lognormal,
  uniform,
  weibull,
} from '../../src/kernel/distributions.js';
import type { Uniform } from '../../src/kernel/random.js';
import { createStream } from '../../src/kernel/random.js';
import { logGamma } from '../../src/kernel/numerics/special-functions.js';

/**
 * A continuous case: the distribution, its raw moments E[Xⁿ] for n = 1…4
 * from textbook formulas (independent of the code under test), and its CDF
 * just below a point (differs from cdf only at an atom).
 */
interface Case {
  readonly name: string;
  readonly dist: Distribution;
  readonly rawMoment: (n: number) => number;
  readonly cdfBelow?: (x: number) => number;
  /** Smallest p for the quantile round trip (above any atom). */
  readonly pMin?: number;
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
/** E[Xⁿ] of Gamma(shape α, scale θ): θⁿ·α(α+1)⋯(α+n−1). */
const gammaMoment = (shape: number, scale: number) => (n: number) => {
  let m = 1;
  for (let i = 0; i < n; i++) m *= (shape + i) * scale;
  return m;
};
/** E[Xⁿ] of a uniform piece on [a, b]. */
const pieceMoment = (a: number, b: number, n: number) =>
  a === b ? a ** n : (b ** (n + 1) - a ** (n + 1)) / ((n + 1) * (b - a));
/** E[Xⁿ] of an empirical (value, cdf) table: atom at the first value, uniform pieces after. */
const empiricalMoment = (points: Array<[number, number]>) => (n: number) => {
  let m = points[0][1] * points[0][0] ** n;
  for (let i = 1; i < points.length; i++) {
    m += (points[i][1] - points[i - 1][1]) * pieceMoment(points[i - 1][0], points[i][0], n);
  }
  return m;
};

const LOGNORMAL_SIGMA2 = Math.log(1 + 0.8 * 0.8);
const LOGNORMAL_MU = Math.log(300) - LOGNORMAL_SIGMA2 / 2;
const WEIBULL_SCALE = (mean: number, k: number) => mean / Math.exp(logGamma(1 + 1 / k));
const ATOM_POINTS: Array<[number, number]> = [
  [0, 0.2],
  [30, 0.5],
  [120, 0.9],
  [600, 1],
];
const PLAIN_POINTS: Array<[number, number]> = [
  [10, 0],
  [20, 0.5],
  [100, 1],
];

const CASES: Case[] = [
  { name: 'exponential(120)', dist: exponential(120), rawMoment: (n) => factorial(n) * 120 ** n },
  { name: 'uniform(30, 90)', dist: uniform(30, 90), rawMoment: (n) => pieceMoment(30, 90, n) },
  {
    name: 'lognormal(300, cv 0.8)',
    dist: lognormal(300, 0.8),
    rawMoment: (n) => Math.exp(n * LOGNORMAL_MU + (n * n * LOGNORMAL_SIGMA2) / 2),
  },
  { name: 'gamma(200, cv 0.5) (shape 4)', dist: gamma(200, 0.5), rawMoment: gammaMoment(4, 50) },
  { name: 'gamma(50, cv 2) (shape ¼)', dist: gamma(50, 2), rawMoment: gammaMoment(0.25, 200) },
  { name: 'erlang(180, 3)', dist: erlang(180, 3), rawMoment: gammaMoment(3, 60) },
  { name: 'erlang(100, 25) (sum of logs)', dist: erlang(100, 25), rawMoment: gammaMoment(25, 4) },
  {
    name: 'weibull(240, shape 1.5)',
    dist: weibull(240, 1.5),
    rawMoment: (n) => WEIBULL_SCALE(240, 1.5) ** n * Math.exp(logGamma(1 + n / 1.5)),
  },
  {
    name: 'weibull(60, shape 0.7)',
    dist: weibull(60, 0.7),
    rawMoment: (n) => WEIBULL_SCALE(60, 0.7) ** n * Math.exp(logGamma(1 + n / 0.7)),
  },
  { name: 'empirical without atom', dist: empirical(PLAIN_POINTS), rawMoment: empiricalMoment(PLAIN_POINTS) },
  {
    name: 'empirical with an atom of 0.2 at 0',
    dist: empirical(ATOM_POINTS),
    rawMoment: empiricalMoment(ATOM_POINTS),
    cdfBelow: (x) => (x <= 0 ? 0 : empirical(ATOM_POINTS).cdf(x)),
    pMin: 0.2,
  },
];

function moments(c: Case): { mean: number; variance: number; mu4: number } {
  const [m1, m2, m3, m4] = [1, 2, 3, 4].map(c.rawMoment);
  return {
    mean: m1,
    variance: m2 - m1 * m1,
    // Fourth central moment from the raw ones.
    mu4: m4 - 4 * m3 * m1 + 6 * m2 * m1 * m1 - 3 * m1 ** 4,
  };
}

function draws(dist: Distribution, n: number, name: string): Float64Array {
  const u = createStream(20240611, 0, name).uniform;
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = dist.sample(u);
  return xs;
}

/** Kolmogorov–Smirnov distance between the sample and the CDF (F(x⁻) for the lower side, so atoms count right). */
function ksStatistic(
  sample: Float64Array,
  cdf: (x: number) => number,
  cdfBelow: (x: number) => number,
): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    d = Math.max(d, (i + 1) / n - cdf(sorted[i]), cdfBelow(sorted[i]) - i / n);
  }
  return d;
}

describe.each(CASES)('$name', (c) => {
  const exact = moments(c);

  it('declares the mean and variance its parameters imply', () => {
    expect(c.dist.mean).toBeCloseTo(exact.mean, 9);
    expect(Math.abs(c.dist.variance - exact.variance)).toBeLessThanOrEqual(1e-9 * exact.variance);
  });

  it('draws 200k variates whose mean and variance match the exact ones', () => {
    const n = 200_000;
    const xs = draws(c.dist, n, `moments/${c.name}`);
    let sum = 0;
    for (const x of xs) sum += x;
    const mean = sum / n;
    let squares = 0;
    for (const x of xs) squares += (x - mean) ** 2;
    const variance = squares / (n - 1);
    // Mean: within 4 standard errors σ/√n. Variance: within 5 standard errors of the sample
    // variance, √((μ₄ − σ⁴)/n), from the exact fourth central moment.
    expect(Math.abs(mean - exact.mean)).toBeLessThanOrEqual(4 * Math.sqrt(exact.variance / n));
    const varianceSe = Math.sqrt((exact.mu4 - exact.variance ** 2) / n);
    expect(Math.abs(variance - exact.variance)).toBeLessThanOrEqual(5 * varianceSe);
  });

  it('passes a Kolmogorov–Smirnov test at the 1% level on 20k draws', () => {
    const n = 20_000;
    const xs = draws(c.dist, n, `ks/${c.name}`);
    const d = ksStatistic(xs, (x) => c.dist.cdf(x), c.cdfBelow ?? ((x) => c.dist.cdf(x)));
    expect(d).toBeLessThan(1.63 / Math.sqrt(n));
  });

  it('has a quantile that inverts its cdf', () => {
    const pMin = c.pMin ?? 0;
    for (const p of [1e-9, 1e-4, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.9999, 1 - 1e-9]) {
      if (p <= pMin) continue;
      const x = c.dist.quantile(p);
      expect(Math.abs(c.dist.cdf(x) - p)).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(c.dist.quantile(c.dist.cdf(x)) - x)).toBeLessThanOrEqual(1e-9 * Math.max(1, x));
    }
  });

  it('has a cdf rising from 0 to 1 without ever falling', () => {
    const top = 1.5 * c.dist.quantile(0.9999);
    let previous = c.dist.cdf(-1);
    expect(previous).toBe(0);
    for (let i = 0; i <= 3000; i++) {
      const value = c.dist.cdf((i / 3000) * top);
      expect(value).toBeGreaterThanOrEqual(previous);
      expect(value).toBeLessThanOrEqual(1);
      previous = value;
    }
    expect(c.dist.cdf(1e12)).toBe(1);
  });

  it('rejects quantile arguments outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, NaN]) expect(() => c.dist.quantile(p)).toThrow(RangeError);
  });
});

/** A uniform source that counts how many numbers it hands out. */
function counting(u: Uniform): { u: Uniform; count: () => number } {
  let n = 0;
  return {
    u: () => {
      n++;
      return u();
    },
    count: () => n,
  };
}

describe('sampling', () => {
  it('draws by inversion, exactly quantile(u), for exponential, uniform, lognormal, Weibull and empirical', () => {
    const byInversion = CASES.filter((c) => c.dist.kind !== 'gamma' && c.dist.kind !== 'erlang');
    expect(byInversion.map((c) => c.dist.kind)).toEqual([
      'exponential',
      'uniform',
      'lognormal',
      'weibull',
      'weibull',
      'empirical',
      'empirical',
    ]);
    for (const c of byInversion) {
      for (const p of [2 ** -33, 0.001, 0.3, 0.5, 0.87, 1 - 2 ** -33]) {
        expect(c.dist.sample(() => p)).toBe(c.dist.quantile(p));
      }
    }
  });

  it('consumes as many uniforms per draw as it declares', () => {
    for (const c of CASES) {
      const source = counting(createStream(7, 0, `count/${c.name}`).uniform);
      for (let i = 0; i < 1000; i++) c.dist.sample(source.u);
      if (c.dist.uniformsPerDraw === 'variable') {
        // Marsaglia–Tsang accepts with probability ≥ 0.95: about 2.1 uniforms, one more with the shape < 1 boost.
        expect(c.dist.kind).toBe('gamma');
        expect(source.count() / 1000).toBeGreaterThan(2);
        expect(source.count() / 1000).toBeLessThan(3.5);
      } else {
        expect(source.count()).toBe(1000 * c.dist.uniformsPerDraw);
      }
    }
  });

  it('gives the same variates for the same stream', () => {
    for (const c of CASES) expect(draws(c.dist, 50, 'repeat')).toEqual(draws(c.dist, 50, 'repeat'));
  });
});

describe('deterministic', () => {
  it('always returns its value and consumes no uniform', () => {
    const d = deterministic(42);
    const source = counting(createStream(1, 0, 'deterministic').uniform);
    for (let i = 0; i < 10; i++) expect(d.sample(source.u)).toBe(42);
    expect(source.count()).toBe(0);
    expect(d.uniformsPerDraw).toBe(0);
    expect([d.mean, d.variance]).toEqual([42, 0]);
    expect([d.cdf(41.9), d.cdf(42), d.quantile(0.01), d.quantile(0.99)]).toEqual([0, 1, 42, 42]);
  });
});

describe('empirical', () => {
  it('puts the first point’s cdf as an atom at its value', () => {
    const d = empirical(ATOM_POINTS);
    const xs = draws(d, 100_000, 'atom');
    const atZero = xs.filter((x) => x === 0).length / xs.length;
    expect(Math.abs(atZero - 0.2)).toBeLessThanOrEqual(4 * Math.sqrt((0.2 * 0.8) / xs.length));
    expect(d.quantile(0.2)).toBe(0);
    expect(d.quantile(0.35)).toBeCloseTo(15, 12);
    expect(d.cdf(0)).toBe(0.2);
  });

  it('interpolates its cdf and quantile linearly between the points', () => {
    const d = empirical(PLAIN_POINTS);
    expect(d.cdf(15)).toBeCloseTo(0.25, 15);
    expect(d.cdf(60)).toBeCloseTo(0.75, 15);
    expect(d.quantile(0.75)).toBeCloseTo(60, 12);
    expect(d.mean).toBeCloseTo(0.5 * 15 + 0.5 * 60, 12);
  });

  it('makes an atom of a cdf jump between two points at the same value', () => {
    const d = empirical([
      [10, 0],
      [20, 0.4],
      [20, 0.7],
      [30, 1],
    ]);
    expect(d.cdf(20)).toBeCloseTo(0.7, 15);
    expect(d.quantile(0.5)).toBe(20);
    expect(d.quantile(0.69)).toBe(20);
    expect(d.quantile(0.85)).toBeCloseTo(25, 12);
  });
});

describe('parameter validation', () => {
  it.each([
    ['exponential(0)', () => exponential(0), /exponential: mean must be a finite number > 0, got 0/],
    ['exponential(NaN)', () => exponential(NaN), /exponential: mean/],
    [
      'deterministic(-1)',
      () => deterministic(-1),
      /deterministic: value must be a finite number ≥ 0, got -1/,
    ],
    ['uniform(5, 5)', () => uniform(5, 5), /uniform: max must be finite and > min, got min 5, max 5/],
    ['uniform(-1, 5)', () => uniform(-1, 5), /uniform: min must be/],
    ['lognormal(300, -1)', () => lognormal(300, -1), /lognormal: cv must be a finite number > 0, got -1/],
    ['lognormal(300, 0)', () => lognormal(300, 0), /lognormal: cv must be/],
    ['gamma(0, 1)', () => gamma(0, 1), /gamma: mean must be/],
    ['gamma(10, 0)', () => gamma(10, 0), /gamma: cv must be/],
    ['erlang(10, 2.5)', () => erlang(10, 2.5), /erlang: k must be a whole number ≥ 1, got 2.5/],
    ['erlang(10, 0)', () => erlang(10, 0), /erlang: k must be/],
    ['weibull(10, 0)', () => weibull(10, 0), /weibull: shape must be/],
    ['weibull(10, 0.001)', () => weibull(10, 0.001), /weibull: shape 0.001 is too small/],
    ['empirical([])', () => empirical([]), /empirical: at least one/],
    [
      'empirical ending below 1',
      () =>
        empirical([
          [1, 0],
          [2, 0.9],
        ]),
      /empirical: the last point's cdf must be 1, got 0.9/,
    ],
    [
      'empirical with decreasing values',
      () =>
        empirical([
          [5, 0],
          [2, 1],
        ]),
      /empirical: point 1: values must not decrease, got 2 after 5/,
    ],
    [
      'empirical with decreasing cdf',
      () =>
        empirical([
          [1, 0.5],
          [2, 0.4],
          [3, 1],
        ]),
      /empirical: point 1: cdf must not decrease/,
    ],
    ['empirical with a negative value', () => empirical([[-1, 1]]), /empirical: point 0: value must be/],
  ])('rejects %s with a RangeError naming the parameter', (_name, build, message) => {
    expect(build).toThrow(RangeError);
    expect(build).toThrow(message);
  });
});

describe('fromSpec', () => {
  it('builds each kind from its scenario spec and describes it', () => {
    const specs: Array<[DistributionSpec, string]> = [
      [{ dist: 'exponential', mean: 180 }, 'exponential(mean 180 s)'],
      [{ dist: 'deterministic', value: 30 }, 'deterministic(30 s)'],
      [{ dist: 'uniform', min: 10, max: 20 }, 'uniform(10 s to 20 s)'],
      [{ dist: 'lognormal', mean: 300, cv: 0.8 }, 'lognormal(mean 300 s, cv 0.8)'],
      [{ dist: 'gamma', mean: 300, cv: 0.5 }, 'gamma(mean 300 s, cv 0.5)'],
      [{ dist: 'erlang', mean: 300, k: 3 }, 'erlang(mean 300 s, k 3)'],
      [{ dist: 'weibull', mean: 300, shape: 1.5 }, 'weibull(mean 300 s, shape 1.5)'],
      [{ dist: 'empirical', points: PLAIN_POINTS }, 'empirical(3 points, mean 37.50 s)'],
    ];
    for (const [spec, description] of specs) {
      const d = fromSpec(spec);
      expect(d.kind).toBe(spec.dist);
      expect(d.describe()).toBe(description);
    }
  });
});
