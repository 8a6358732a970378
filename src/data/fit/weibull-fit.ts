/**
 * Weibull law by maximum likelihood from right-censored durations (uncensored data is the special
 * case with no censoring). F(t) = 1 − exp(−(t/λ)^k).
 *
 * ℓ(λ, k) = Σ_events [ln k + (k − 1) ln t − k ln λ] − Σ_all (t/λ)^k. For fixed k the maximising
 * λ^k is Σ_all t^k / D (D events), so the profile score in k is
 * g(k) = D/k + Σ_events ln t − D·Σ t^k ln t / Σ t^k, strictly decreasing (its derivative is
 * −D/k² − D·Var_w(ln t) < 0); its root is found by Newton's method kept inside a bracket
 * (Lawless 2003, §5.2.2). Times are scaled by the largest one so that t^k cannot overflow.
 * Intervals: the inverse observed information in (ln λ, ln k), then the delta method for the
 * mean λ·Γ(1 + 1/k).
 */
import { logGamma } from '../../kernel/numerics/special-functions.js';
import { MAX_WEIBULL_SHAPE, MIN_WEIBULL_SHAPE } from '../../model/scenario/limits.js';
import { logNormalEstimate } from './estimate.js';
import { aic, type ParametricFit } from './parametric.js';
import { digamma } from './polygamma.js';
import { distinctEventTimes, type GroupedSample } from './sample.js';

/**
 * Null with a time ≤ 0 or fewer than two distinct event times (with one, the likelihood can grow
 * without bound as k → ∞), or when the shape runs away all the same.
 */
export function fitWeibull(sample: GroupedSample): ParametricFit | null {
  const { times, events, censored } = sample;
  const d = sample.eventCount;
  const m = times.length;
  if (distinctEventTimes(sample) < 2 || !(times[0] > 0)) return null;
  const top = Math.log(times[m - 1]);
  const y = Float64Array.from(times, (t) => Math.log(t) - top); // ≤ 0
  const weight = Float64Array.from(events, (e, j) => e + censored[j]);
  let eventLogSum = 0;
  for (let j = 0; j < m; j++) eventLogSum += events[j] * y[j];

  // Weighted sums S_r = Σ w·e^{k y}·y^r, r = 0, 1, 2.
  const sums = (k: number): [number, number, number] => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let j = 0; j < m; j++) {
      const w = weight[j] * Math.exp(k * y[j]);
      s0 += w;
      s1 += w * y[j];
      s2 += w * y[j] * y[j];
    }
    return [s0, s1, s2];
  };

  let lo = 0;
  let hi = Infinity;
  let k = 1;
  let converged = false;
  for (let i = 0; i < 200; i++) {
    const [s0, s1, s2] = sums(k);
    const mean = s1 / s0;
    const score = d / k + eventLogSum - d * mean;
    if (score > 0) lo = k;
    else hi = k;
    const slope = -d / (k * k) - d * (s2 / s0 - mean * mean);
    let next = k - score / slope;
    if (!(next > lo && next < hi)) next = hi === Infinity ? 2 * k : (lo + hi) / 2;
    if (Math.abs(next - k) <= 1e-12 * k) {
      k = next;
      converged = true;
      break;
    }
    k = next;
    if (k > 1e4) return null; // no finite maximum: the events sit at one time
  }
  if (!converged) return null;

  const [s0] = sums(k);
  const lnScaleScaled = Math.log(s0 / d) / k; // ln(λ / e^top)
  const lnScale = lnScaleScaled + top;
  const scale = Math.exp(lnScale);

  // ℓ at the maximum, and its Hessian in (a, b) = (ln λ, ln k) with z = (t/λ)^k, u = ln z:
  // ∂²ℓ/∂a² = −k²Σz, ∂²ℓ/∂a∂b = −kD + kΣz + kΣzu, ∂²ℓ/∂b² = k(Σ_e ln t − aD) − Σz(u² + u).
  let sumZ = 0;
  let sumZU = 0;
  let sumZUU = 0;
  let eventLog = 0;
  for (let j = 0; j < m; j++) {
    const u = k * (y[j] - lnScaleScaled);
    const z = weight[j] * Math.exp(u);
    sumZ += z;
    sumZU += z * u;
    sumZUU += z * u * u;
    eventLog += events[j] * (y[j] + top);
  }
  const logLikelihood = d * Math.log(k) + (k - 1) * eventLog - k * lnScale * d - sumZ;
  const haa = -k * k * sumZ;
  const hab = -k * d + k * sumZ + k * sumZU;
  const hbb = k * (eventLog - lnScale * d) - sumZUU - sumZU;
  // Covariance = (−H)⁻¹.
  const det = haa * hbb - hab * hab;
  const varA = -hbb / det;
  const varB = -haa / det;
  const covAB = hab / det;
  // ln mean = a + ln Γ(1 + e^{−b}); ∂/∂b = −ψ(1 + 1/k)/k.
  const gb = -digamma(1 + 1 / k) / k;
  const varLogMean = varA + 2 * gb * covAB + gb * gb * varB;
  const mean = Math.exp(lnScale + logGamma(1 + 1 / k));
  const n = sample.n;
  const shapeEstimate = logNormalEstimate(k, Math.sqrt(varB), n);
  const meanEstimate = logNormalEstimate(mean, Math.sqrt(varLogMean), n);
  return {
    family: 'weibull',
    law: { dist: 'weibull', mean, shape: Math.min(MAX_WEIBULL_SHAPE, Math.max(MIN_WEIBULL_SHAPE, k)) },
    logLikelihood,
    aic: aic(2, logLikelihood),
    mean: meanEstimate,
    parameters: {
      mean: meanEstimate,
      shape: shapeEstimate,
      scale: logNormalEstimate(scale, Math.sqrt(varA), n),
    },
  };
}
