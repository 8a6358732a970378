/**
 * Gamma law by maximum likelihood from uncensored durations (handle times), shape α, scale θ.
 *
 * The MLE of the mean αθ is the sample mean x̄; α solves ln α − ψ(α) = ln x̄ − mean(ln x) = s,
 * by Newton's method from Minka's start α₀ = (3 − s + √((s − 3)² + 24s))/(12s) (T. Minka,
 * "Estimating a Gamma distribution", 2002). In the (mean, α) parametrisation the information is
 * diagonal: Var(mean) = mean²/(nα), Var(ln α) = 1/(nα(αψ'(α) − 1)) (Johnson, Kotz & Balakrishnan,
 * Continuous Univariate Distributions vol. 1, ch. 17); cv = α^{−1/2}.
 */
import { logGamma } from '../../kernel/numerics/special-functions.js';
import { MAX_CV, MIN_CV } from '../../model/scenario/limits.js';
import { logNormalEstimate, mapDecreasing, normalEstimate } from './estimate.js';
import { aic, type ParametricFit } from './parametric.js';
import { digamma, trigamma } from './polygamma.js';
import type { GroupedSample } from './sample.js';

/** Null with fewer than two distinct values, a time ≤ 0, or censored observations. */
export function fitGamma(sample: GroupedSample): ParametricFit | null {
  const { times, events } = sample;
  const n = sample.n;
  if (times.length < 2 || !(times[0] > 0) || sample.eventCount !== n) return null;
  let sum = 0;
  let logSum = 0;
  for (let j = 0; j < times.length; j++) {
    sum += events[j] * times[j];
    logSum += events[j] * Math.log(times[j]);
  }
  const mean = sum / n;
  const meanLog = logSum / n;
  const s = Math.log(mean) - meanLog;
  if (!(s > 0)) return null;
  let shape = (3 - s + Math.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s);
  for (let i = 0; i < 100; i++) {
    const f = Math.log(shape) - digamma(shape) - s;
    const slope = 1 / shape - trigamma(shape);
    let next = shape - f / slope;
    if (!(next > 0)) next = shape / 2;
    const done = Math.abs(next - shape) <= 1e-12 * shape;
    shape = next;
    if (done) break;
  }
  const scale = mean / shape;
  const logLikelihood = n * (-logGamma(shape) - shape * Math.log(scale)) + (shape - 1) * logSum - sum / scale;
  const meanEstimate = normalEstimate(mean, mean / Math.sqrt(n * shape), n);
  const shapeEstimate = logNormalEstimate(
    shape,
    Math.sqrt(1 / (n * shape * (shape * trigamma(shape) - 1))),
    n,
  );
  const cv = mapDecreasing(shapeEstimate, (a) => 1 / Math.sqrt(a));
  return {
    family: 'gamma',
    law: { dist: 'gamma', mean, cv: Math.min(MAX_CV, Math.max(MIN_CV, cv.value)) },
    logLikelihood,
    aic: aic(2, logLikelihood),
    mean: meanEstimate,
    parameters: { mean: meanEstimate, cv, shape: shapeEstimate },
  };
}
