/**
 * Lognormal law by maximum likelihood from right-censored durations: ln X ~ N(μ, σ²).
 *
 * ℓ(μ, σ) = Σ_events [−ln t − ln σ − z²/2 − ½ln 2π] + Σ_censored ln Φ(−z), z = (ln t − μ)/σ.
 * Without censoring the maximum is closed-form (the mean and the 1/n variance of ln t); with it,
 * Newton's method in (μ, ln σ) from that start, each step halved until ℓ increases (Lawless 2003,
 * §5.3). The censored terms use the inverse Mills ratio h = φ(z)/Φ(−z), with h' = h(h − z).
 * Intervals: inverse observed information, then the delta method for the mean
 * exp(μ + σ²/2) and cv = √(e^{σ²} − 1) (increasing in σ).
 */
import { normalCdf } from '../../kernel/numerics/special-functions.js';
import { MAX_CV, MIN_CV } from '../../model/scenario/limits.js';
import { logNormalEstimate, mapIncreasing, normalEstimate } from './estimate.js';
import { aic, type ParametricFit } from './parametric.js';
import { distinctEventTimes, type GroupedSample } from './sample.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Φ(−z) and h(z) = φ(z)/Φ(−z), with the asymptotic series where Φ(−z) underflows (z > 37). */
function upperTail(z: number): { logSurvival: number; mills: number } {
  const survival = normalCdf(-z);
  const logDensity = -0.5 * z * z - HALF_LOG_2PI;
  if (survival > 1e-300) return { logSurvival: Math.log(survival), mills: Math.exp(logDensity) / survival };
  const r = 1 / (z * z);
  const ratio = 1 - r + 3 * r * r; // Φ(−z)·z/φ(z) (Abramowitz & Stegun 26.2.12)
  return { logSurvival: logDensity - Math.log(z) + Math.log(ratio), mills: z / ratio };
}

interface Evaluation {
  readonly value: number;
  readonly grad: [number, number];
  /** Hessian [∂μμ, ∂μs, ∂ss] in (μ, s = ln σ). */
  readonly hess: [number, number, number];
}

function evaluate(sample: GroupedSample, x: Float64Array, mu: number, s: number): Evaluation {
  const sigma = Math.exp(s);
  let value = 0;
  let gm = 0;
  let gs = 0;
  let hmm = 0;
  let hms = 0;
  let hss = 0;
  for (let j = 0; j < x.length; j++) {
    const z = (x[j] - mu) / sigma;
    const e = sample.events[j];
    const c = sample.censored[j];
    if (e > 0) {
      value += e * (-x[j] - s - 0.5 * z * z - HALF_LOG_2PI);
      gm += (e * z) / sigma;
      gs += e * (z * z - 1);
      hmm -= e / (sigma * sigma);
      hms -= (2 * e * z) / sigma;
      hss -= 2 * e * z * z;
    }
    if (c > 0) {
      const { logSurvival, mills: h } = upperTail(z);
      const dh = h * (h - z);
      value += c * logSurvival;
      gm += (c * h) / sigma;
      gs += c * h * z;
      hmm -= (c * dh) / (sigma * sigma);
      hms -= (c * (dh * z + h)) / sigma;
      hss -= c * z * (dh * z + h);
    }
  }
  return { value, grad: [gm, gs], hess: [hmm, hms, hss] };
}

/**
 * Null with a time ≤ 0 or fewer than two distinct event times: with one, the likelihood grows
 * without bound as σ → 0 at that time (no maximum).
 */
export function fitLognormal(sample: GroupedSample): ParametricFit | null {
  const { times, events, censored } = sample;
  if (distinctEventTimes(sample) < 2 || !(times[0] > 0)) return null;
  const x = Float64Array.from(times, Math.log);
  // Start: the uncensored MLE over every time (exact when nothing is censored).
  let sum = 0;
  for (let j = 0; j < x.length; j++) sum += (events[j] + censored[j]) * x[j];
  let mu = sum / sample.n;
  let squares = 0;
  for (let j = 0; j < x.length; j++) squares += (events[j] + censored[j]) * (x[j] - mu) ** 2;
  if (!(squares > 0)) return null;
  let s = 0.5 * Math.log(squares / sample.n);

  let current = evaluate(sample, x, mu, s);
  for (let i = 0; i < 200; i++) {
    const [gm, gs] = current.grad;
    const [hmm, hms, hss] = current.hess;
    const det = hmm * hss - hms * hms;
    // Newton step −H⁻¹g when −H is positive definite, else a gradient step.
    let stepM: number;
    let stepS: number;
    if (hmm < 0 && det > 0) {
      stepM = -(hss * gm - hms * gs) / det;
      stepS = -(-hms * gm + hmm * gs) / det;
    } else {
      stepM = gm / Math.max(1, Math.abs(gm));
      stepS = gs / Math.max(1, Math.abs(gs));
    }
    // Converged when the step's predicted gain in ℓ (½·gᵀstep for a Newton step) is negligible.
    if (0.5 * (gm * stepM + gs * stepS) < 1e-10) break;
    let factor = 1;
    let next = evaluate(sample, x, mu + stepM, s + stepS);
    while (!(next.value >= current.value) && factor > 1e-10) {
      factor /= 2;
      next = evaluate(sample, x, mu + factor * stepM, s + factor * stepS);
    }
    if (!(next.value >= current.value)) break;
    const moved = Math.abs(factor * stepM) + Math.abs(factor * stepS);
    mu += factor * stepM;
    s += factor * stepS;
    current = next;
    if (moved < 1e-10) break;
  }
  const [hmm, hms, hss] = current.hess;
  const det = hmm * hss - hms * hms;
  const varMu = -hss / det;
  const varS = -hmm / det;
  const cov = hms / det;
  const sigma = Math.exp(s);
  const sigma2 = sigma * sigma;
  // ln mean = μ + σ²/2 = μ + e^{2s}/2: gradient (1, σ²).
  const varLogMean = varMu + 2 * sigma2 * cov + sigma2 * sigma2 * varS;
  const meanValue = Math.exp(mu + sigma2 / 2);
  const n = sample.n;
  const mean = logNormalEstimate(meanValue, Math.sqrt(varLogMean), n);
  const sigmaEstimate = logNormalEstimate(sigma, Math.sqrt(varS), n);
  const cvOf = (sd: number) => Math.sqrt(Math.expm1(sd * sd));
  const cv = mapIncreasing(sigmaEstimate, cvOf);
  return {
    family: 'lognormal',
    law: { dist: 'lognormal', mean: meanValue, cv: Math.min(MAX_CV, Math.max(MIN_CV, cv.value)) },
    logLikelihood: current.value,
    aic: aic(2, current.value),
    mean,
    parameters: {
      mean,
      cv,
      mu: normalEstimate(mu, Math.sqrt(varMu), n, -Infinity),
      sigma: sigmaEstimate,
    },
  };
}
