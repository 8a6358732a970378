/**
 * Statistical fitting of call logs: Kaplan–Meier, patience from censored waits, handle-time laws.
 * Pure functions on arrays of numbers (seconds); every fitted number carries its 95% interval and
 * its sample size (Estimate). See the README section "How ccsim fits a log".
 */
export { CONFIDENCE_LEVEL, type Estimate } from './estimate.js';
export {
  kaplanMeier,
  type KaplanMeierCurve,
  restrictedMean,
  type SurvivalStep,
  survivalAt,
  survivalQuantile,
} from './kaplan-meier.js';
export type { Family, ParametricFit } from './parametric.js';
export {
  fitPatience,
  MIN_AT_RISK,
  type PatienceCandidate,
  type PatienceChoice,
  type PatienceFit,
  type PatienceOptions,
  type SurvivalPoint,
} from './patience.js';
export {
  type CdfPoint,
  fitHandleTime,
  type HandleTimeCandidate,
  type HandleTimeChoice,
  type HandleTimeFit,
  type HandleTimeOptions,
} from './handle-time.js';
