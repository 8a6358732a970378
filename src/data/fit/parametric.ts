/**
 * A parametric law fitted by maximum likelihood, as the calibration reports it.
 */
import type { DistributionSpec } from '../../kernel/distributions.js';
import type { Estimate } from './estimate.js';

export type Family = 'exponential' | 'lognormal' | 'gamma' | 'weibull';

export interface ParametricFit {
  readonly family: Family;
  /** The law as a scenario distribution input, in seconds (lognormal/gamma {mean, cv}, weibull {mean, shape}). */
  readonly law: DistributionSpec;
  /** Maximised log-likelihood (densities in 1/s; censored observations contribute ln S(t)). */
  readonly logLikelihood: number;
  /** Akaike's criterion 2k − 2ℓ (k = 1 for exponential, 2 otherwise). */
  readonly aic: number;
  /** The law's mean (seconds), with its 95% interval (delta method on the log scale unless stated). */
  readonly mean: Estimate;
  /**
   * Every parameter with its 95% interval: the scenario's (cv or shape) and the family's own
   * (lognormal mu, sigma of ln X; gamma shape α; weibull scale λ; exponential rate).
   */
  readonly parameters: Readonly<Record<string, Estimate>>;
}

/** 2k − 2ℓ. */
export function aic(parameterCount: number, logLikelihood: number): number {
  return 2 * parameterCount - 2 * logLikelihood;
}
