/**
 * Patience (time a caller is willing to wait) from censored waits: each call that wanted an agent
 * waited w; an abandon at w is an observed patience, a call served after w had a patience of more
 * than w (right-censored). Served calls answered at once are censored at 0 and weigh nothing.
 *
 * 1. Kaplan–Meier (kaplan-meier.ts).
 * 2. Maximum likelihood with censoring: exponential (rate = abandons ÷ total time waited by all,
 *    exactly), Weibull and lognormal; AIC for each.
 * 3. The smallest-AIC law is used when its survival stays close to the KM curve at every trusted
 *    step (see below), on both sides of it: |S_fit − S_KM| ≤ max(tolerance, 3.5·SE), SE the
 *    Greenwood standard error there (3.5: about the 99% equal-precision band of Nair 1984 over a
 *    wide range). A small sample, whose KM curve is noisy, keeps the smoother parametric law; a
 *    large one keeps it only when it really follows the data.
 * 4. Otherwise the KM curve itself is the law (empirical, ≤ ~100 points). This is the usual case on
 *    real logs: the hazard of abandoning is not constant, with a spike of very early abandons
 *    (Brown et al. 2005, JASA 100(469), on this very log), which no one of the three families follows.
 *
 * KM is only trusted while at least MIN_AT_RISK (20) calls are still waiting: beyond, each abandon
 * moves it by 1/5 or more, and it often falls to 0 at the longest wait, an abandon seen by the one
 * caller left (the comparisons of step 3 stop there too). From the last trusted abandon time t_c on,
 * with the rest of the mass S(t_c), patience gets an exponential tail, not an atom of callers who
 * never abandon (which KM alone would suggest when the longest waits were served): its hazard is
 * the rate of the latest abandons, those after τ₀ = the earlier of t_c and the time after which
 * the last fifth of the abandons (at least 5) happened: abandons after τ₀ ÷ time waited after τ₀
 * (with a Garwood interval). That extrapolates the latest observed hazard, where an atom would claim
 * that some callers wait forever, and understate abandonment under heavier load than the log's.
 * The tail is written as points where the survival halves (10 of them), the last piece placed to
 * keep the tail's mean t + 1/λ.
 */
import type { DistributionSpec } from '../../kernel/distributions.js';
import { fromSpec } from '../../kernel/distributions.js';
import { type Estimate, gammaUnitQuantile } from './estimate.js';
import { fitExponential } from './exponential-fit.js';
import {
  type KaplanMeierCurve,
  kaplanMeierOfGroups,
  restrictedMean,
  type SurvivalStep,
  survivalQuantile,
} from './kaplan-meier.js';
import { fitLognormal } from './lognormal-fit.js';
import type { Family, ParametricFit } from './parametric.js';
import { tidyPoints } from './quantile-grid.js';
import { groupSample, withoutZeros } from './sample.js';
import { fitWeibull } from './weibull-fit.js';

export interface PatienceOptions {
  /** Practical bound on |S_fit − S_KM| for a parametric law to be used (default 0.01). */
  readonly tolerance?: number;
}

export interface PatienceCandidate extends ParametricFit {
  /** sup |S_fit − S_KM| over the KM curve (both sides of each step) while ≥ MIN_AT_RISK calls are at risk. */
  readonly kmDistance: number;
  /** sup |S_fit − S_KM| / max(SE, tolerance/3.5) over the same steps: ≤ 3.5 to be used (header, step 3). */
  readonly kmStandardisedDistance: number;
}

/** One point of the KM-vs-fitted survival plot. */
export interface SurvivalPoint {
  /** Seconds. */
  readonly t: number;
  /** Kaplan–Meier S(t) and its 95% band. */
  readonly km: number;
  readonly kmLo: number;
  readonly kmHi: number;
  /** The chosen law's survival at t (null without a law). */
  readonly fitted: number | null;
  /** The smallest-AIC parametric law's survival at t (null without one). */
  readonly parametric: number | null;
}

export type PatienceChoice = 'parametric' | 'empirical' | 'none';

export interface PatienceFit {
  /** The law to write as the call type's patience; null when no call abandoned (nothing to estimate). */
  readonly law: DistributionSpec | null;
  readonly choice: PatienceChoice;
  readonly family: Family | null;
  /** Why, in a sentence (for the calibration report). */
  readonly reason: string;
  /** Calls (abandoned + served). */
  readonly n: number;
  readonly abandons: number;
  /** Seconds waited by all of them, summed in input order. */
  readonly totalWait: number;
  /** Abandons ÷ total wait and its inverse, with Garwood intervals; null without abandons. */
  readonly exponential: { readonly rate: Estimate; readonly mean: Estimate } | null;
  /** Without abandons: the one-sided 95% lower bound T/G⁻¹_1(0.95) on an exponential mean patience; else null. */
  readonly meanLowerBound: number | null;
  /** Exponential, Weibull, lognormal (those that could be fitted). */
  readonly candidates: readonly PatienceCandidate[];
  readonly kaplanMeier: {
    readonly curve: KaplanMeierCurve;
    /** Median patience (null when KM stays above ½, as it does when few abandon). */
    readonly median: Estimate | null;
    /** ∫₀^τ S, τ = the longest wait: the mean of patience capped at τ. */
    readonly restrictedMean: Estimate;
    /** S at the longest wait: the share whose patience outlasted every wait seen. */
    readonly survivalAtEnd: number;
  };
  /** The exponential tail of the empirical law (null when not used). */
  readonly tail: { readonly from: number; readonly mass: number; readonly rate: Estimate } | null;
  readonly plot: readonly SurvivalPoint[];
}

const DEFAULT_TOLERANCE = 0.01;
/** Standardised distance to the KM curve up to which a parametric law is used. */
const BAND = 3.5;
/** KM steps with fewer callers at risk are not trusted (see the header). */
export const MIN_AT_RISK = 20;
/** Points of the empirical law's KM part: a new point once the CDF has risen by 1/80 of its total rise. */
const KM_POINTS = 80;

/** Fits patience from `waits` (seconds ≥ 0) and whether each call abandoned (true) or was served (false). */
export function fitPatience(
  waits: ArrayLike<number>,
  abandoned: ArrayLike<boolean>,
  options: PatienceOptions = {},
): PatienceFit {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const sample = groupSample(waits, abandoned);
  const curve = kaplanMeierOfGroups(sample);
  const survivalAtEnd = curve.steps.length > 0 ? curve.steps[curve.steps.length - 1].survival : 1;
  const kaplanMeier = {
    curve,
    median: survivalQuantile(curve, 0.5),
    restrictedMean: restrictedMean(curve),
    survivalAtEnd,
  };
  const common = { n: sample.n, abandons: sample.eventCount, totalWait: sample.totalTime, kaplanMeier };
  const trusted = curve.steps.filter((s) => s.atRisk >= MIN_AT_RISK);

  if (sample.eventCount === 0) {
    const plot = survivalPlot(curve, null, null);
    return {
      ...common,
      law: null,
      choice: 'none',
      family: null,
      reason: `no abandons among ${sample.n} calls: patience cannot be estimated`,
      exponential: null,
      meanLowerBound: sample.totalTime > 0 ? sample.totalTime / gammaUnitQuantile(1, 0.95) : null,
      candidates: [],
      tail: null,
      plot,
    };
  }
  const positive = withoutZeros(sample);
  const candidates = [fitExponential(positive), fitWeibull(positive), fitLognormal(positive)]
    .filter((f): f is ParametricFit => f !== null)
    .map((f) => ({ ...f, ...kmDistance(trusted, survivalOf(f.law), tolerance / BAND) }));
  const exponentialFit = candidates.find((c) => c.family === 'exponential');
  const exponential =
    exponentialFit === undefined
      ? null
      : { rate: exponentialFit.parameters.rate, mean: exponentialFit.parameters.mean };
  const best = candidates.reduce<PatienceCandidate | null>(
    (b, c) => (b === null || c.aic < b.aic ? c : b),
    null,
  );
  const bestSurvival = best === null ? null : survivalOf(best.law);
  const base = { ...common, exponential, meanLowerBound: null, candidates };
  if (best !== null && best.kmStandardisedDistance <= BAND) {
    return {
      ...base,
      law: best.law,
      choice: 'parametric',
      family: best.family,
      reason: `${best.family} has the smallest AIC and follows the Kaplan–Meier curve (at most ${best.kmDistance.toFixed(4)} or ${best.kmStandardisedDistance.toFixed(2)} standard errors away)`,
      tail: null,
      plot: survivalPlot(curve, bestSurvival, bestSurvival),
    };
  }
  const { points, tail } = kaplanMeierLaw(curve, trusted);
  const law = tidyPoints(points);
  const why =
    best === null
      ? 'no parametric law could be fitted'
      : `the best parametric law by AIC (${best.family}) strays ${best.kmStandardisedDistance.toFixed(1)} standard errors (${best.kmDistance.toFixed(4)}) from the Kaplan–Meier curve`;
  return {
    ...base,
    law,
    choice: 'empirical',
    family: null,
    reason: `${why}: the Kaplan–Meier curve is the law${tail === null ? '' : `, with an exponential tail beyond ${tail.from} s`}`,
    tail,
    plot: survivalPlot(curve, survivalOf(law), bestSurvival),
  };
}

function survivalOf(law: DistributionSpec): (t: number) => number {
  const cdf = fromSpec(law).cdf;
  return (t) => 1 - cdf(t);
}

/** sup |S_fit − S_KM| at every step, on both sides of it, plain and over max(SE, floor). */
function kmDistance(
  steps: readonly SurvivalStep[],
  survival: (t: number) => number,
  floor: number,
): { kmDistance: number; kmStandardisedDistance: number } {
  let before = 1;
  let seBefore = 0;
  let distance = 0;
  let standardised = 0;
  for (const step of steps) {
    const s = survival(step.time);
    const left = Math.abs(s - before);
    const right = Math.abs(s - step.survival);
    distance = Math.max(distance, left, right);
    standardised = Math.max(
      standardised,
      left / Math.max(seBefore, floor),
      right / Math.max(step.standardError, floor),
    );
    before = step.survival;
    seBefore = step.standardError;
  }
  return { kmDistance: distance, kmStandardisedDistance: standardised };
}

/** Event steps, thinned so the CDF rises by about 1/KM_POINTS of its total between kept ones (the last kept). */
function keptSteps(steps: readonly SurvivalStep[]): SurvivalStep[] {
  const events = steps.filter((s) => s.events > 0);
  if (events.length === 0) return [];
  const rise = 1 - events[events.length - 1].survival;
  const kept: SurvivalStep[] = [];
  let lastKept = 1;
  events.forEach((s, i) => {
    if (i === events.length - 1 || lastKept - s.survival >= rise / KM_POINTS) {
      kept.push(s);
      lastKept = s.survival;
    }
  });
  return kept;
}

/** The trusted part of the KM curve as CDF points, then the exponential tail. */
function kaplanMeierLaw(
  curve: KaplanMeierCurve,
  trusted: readonly SurvivalStep[],
): { points: Array<[number, number]>; tail: PatienceFit['tail'] } {
  const kept = keptSteps(trusted);
  const points: Array<[number, number]> = [];
  if (kept.length === 0 || kept[0].time > 0) points.push([0, 0]);
  for (const s of kept) points.push([s.time, 1 - s.survival]);
  const end = kept.length > 0 ? kept[kept.length - 1] : { time: 0, survival: 1 };
  if (end.survival <= 0) return { points, tail: null };
  const rate = tailRate(curve, end.time);
  let t = end.time;
  let mass = end.survival;
  const halfLife = Math.LN2 / rate.value;
  for (let k = 0; k < 10; k++) {
    t += halfLife;
    mass /= 2;
    points.push([t, 1 - mass]);
  }
  points.push([t + 2 / rate.value, 1]);
  return { points, tail: { from: end.time, mass: end.survival, rate } };
}

/**
 * Hazard of the latest abandons: those after τ₀ = min(t_c, the abandon time before the last fifth
 * of the abandons, at least 5 of them; 0 when that is all of them), over the time waited after τ₀.
 */
function tailRate(curve: KaplanMeierCurve, tc: number): Estimate {
  const events = curve.steps.filter((s) => s.events > 0);
  const wanted = Math.min(curve.events, Math.max(5, Math.ceil(curve.events / 5)));
  let count = 0;
  let i = events.length - 1;
  while (i >= 0 && count < wanted) count += events[i--].events;
  const from = Math.min(tc, i >= 0 ? events[i].time : 0);
  let abandons = 0;
  let exposure = 0;
  for (const s of curve.steps) {
    if (s.time <= from) continue;
    abandons += s.events;
    exposure += (s.events + s.censored) * (s.time - from);
  }
  return {
    value: abandons / exposure,
    lo: gammaUnitQuantile(abandons, 0.025) / exposure,
    hi: gammaUnitQuantile(abandons + 1, 0.975) / exposure,
    n: abandons,
  };
}

function survivalPlot(
  curve: KaplanMeierCurve,
  fitted: ((t: number) => number) | null,
  parametric: ((t: number) => number) | null,
): SurvivalPoint[] {
  const steps = keptSteps(curve.steps);
  const last = curve.steps[curve.steps.length - 1];
  if (last !== undefined && steps[steps.length - 1] !== last) steps.push(last);
  const at = (t: number, s: { survival: number; lo: number; hi: number }): SurvivalPoint => ({
    t,
    km: s.survival,
    kmLo: s.lo,
    kmHi: s.hi,
    fitted: fitted === null ? null : fitted(t),
    parametric: parametric === null ? null : parametric(t),
  });
  return [at(0, { survival: 1, lo: 1, hi: 1 }), ...steps.map((s) => at(s.time, s))];
}
