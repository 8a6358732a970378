/**
 * Exponential law by maximum likelihood, censored or not: rate = events ÷ total time observed
 * (for patience: abandons ÷ total time waited by every caller, abandoned or served), mean = its
 * inverse. The 95% interval is exact for the rate's Poisson count: Garwood (1936),
 * [G⁻¹_D(0.025), G⁻¹_{D+1}(0.975)] ÷ T with G_k the Gamma(k, 1) law; without censoring the
 * pivot 2λT ~ χ²(2n) gives [G⁻¹_n(0.025), G⁻¹_n(0.975)] ÷ T (Lawless, Statistical Models and Methods
 * for Lifetime Data, 2nd ed., §4.1).
 */
import { type Estimate, gammaUnitQuantile, mapDecreasing } from './estimate.js';
import { aic, type ParametricFit } from './parametric.js';
import type { GroupedSample } from './sample.js';

/** Null when there is no event or no time observed (the rate is then 0 or undefined). */
export function fitExponential(sample: GroupedSample): ParametricFit | null {
  const d = sample.eventCount;
  const total = sample.totalTime;
  if (d === 0 || !(total > 0)) return null;
  const rateValue = d / total;
  const censored = d < sample.n;
  const rate: Estimate = {
    value: rateValue,
    lo: gammaUnitQuantile(d, 0.025) / total,
    hi: gammaUnitQuantile(censored ? d + 1 : d, 0.975) / total,
    n: sample.n,
  };
  const mean = mapDecreasing(rate, (r) => 1 / r);
  // Exactly T/D (not 1/(D/T), which can differ in the last bit).
  const meanValue = total / d;
  const logLikelihood = d * Math.log(rateValue) - d;
  return {
    family: 'exponential',
    law: { dist: 'exponential', mean: meanValue },
    logLikelihood,
    aic: aic(1, logLikelihood),
    mean: { ...mean, value: meanValue },
    parameters: { rate, mean: { ...mean, value: meanValue } },
  };
}
