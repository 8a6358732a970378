/**
 * Kaplan–Meier estimate of a survival function from right-censored durations (for patience:
 * abandons are events, served waits are censored at the wait they had).
 *
 * Ties follow the usual convention (Kaplan & Meier 1958; Klein & Moeschberger, Survival
 * Analysis, 2nd ed., 2003, §4.2): at a time where both happen, events come before censorings, so
 * a call served after waiting t is still at risk of abandoning at t.
 *
 * - Estimate: S(t) = Π_{t_j ≤ t} (1 − d_j/n_j), n_j at risk (duration ≥ t_j), d_j events at t_j.
 * - Greenwood's variance: Var S(t) = S(t)²·Σ_{t_j ≤ t} d_j / (n_j(n_j − d_j)).
 * - 95% band on the log(−log) scale (Kalbfleisch & Prentice 1980; Klein & Moeschberger eq. 4.3.2):
 *   S^exp(±z·σ/|ln S|) with σ² = Σ d_j/(n_j(n_j − d_j)); it stays inside [0, 1].
 * - p-quantile: the first time with S ≤ 1 − p; its interval (Brookmeyer & Crowley 1982) is the set
 *   of times whose band contains 1 − p.
 * - Restricted mean ∫₀^τ S(t)dt with Var = Σ_{t_j ≤ τ} A_j²·d_j/(n_j(n_j − d_j)), A_j = ∫_{t_j}^τ S
 *   (Klein & Moeschberger eq. 4.5.1–4.5.2).
 */
import { type Estimate, normalEstimate, Z95 } from './estimate.js';
import { type GroupedSample, groupSample } from './sample.js';

/** The curve at one distinct observed time. */
export interface SurvivalStep {
  /** Seconds. */
  readonly time: number;
  /** Observations still at risk just before `time` (duration ≥ time). */
  readonly atRisk: number;
  /** Events at `time`. */
  readonly events: number;
  /** Censored observations at `time` (counted at risk at `time`). */
  readonly censored: number;
  /** S(time), just after the step. */
  readonly survival: number;
  /** Greenwood standard error of S(time). */
  readonly standardError: number;
  /** 95% log(−log) band at `time`. */
  readonly lo: number;
  readonly hi: number;
}

export interface KaplanMeierCurve {
  /** One step per distinct observed time (events or censorings), increasing. */
  readonly steps: readonly SurvivalStep[];
  readonly n: number;
  readonly events: number;
  readonly censored: number;
  /** Largest observed time (0 for an empty sample). */
  readonly lastTime: number;
}

/** The Kaplan–Meier curve of (time, event) pairs; event = true for an abandon, false for a censored wait. */
export function kaplanMeier(times: ArrayLike<number>, events: ArrayLike<boolean>): KaplanMeierCurve {
  return kaplanMeierOfGroups(groupSample(times, events));
}

/** The Kaplan–Meier curve of an already grouped sample. */
export function kaplanMeierOfGroups(sample: GroupedSample): KaplanMeierCurve {
  const steps: SurvivalStep[] = [];
  let atRisk = sample.n;
  let survival = 1;
  let greenwood = 0;
  for (let j = 0; j < sample.times.length; j++) {
    const d = sample.events[j];
    const c = sample.censored[j];
    if (d > 0) {
      survival *= 1 - d / atRisk;
      greenwood += d < atRisk ? d / (atRisk * (atRisk - d)) : 0;
    }
    steps.push({
      time: sample.times[j],
      atRisk,
      events: d,
      censored: c,
      survival,
      standardError: survival * Math.sqrt(greenwood),
      ...logLogBand(survival, greenwood),
    });
    atRisk -= d + c;
  }
  const last = sample.times.length > 0 ? sample.times[sample.times.length - 1] : 0;
  return {
    steps,
    n: sample.n,
    events: sample.eventCount,
    censored: sample.n - sample.eventCount,
    lastTime: last,
  };
}

function logLogBand(survival: number, greenwood: number): { lo: number; hi: number } {
  if (survival <= 0 || survival >= 1) return { lo: survival, hi: survival };
  const spread = (Z95 * Math.sqrt(greenwood)) / Math.abs(Math.log(survival));
  return { lo: Math.pow(survival, Math.exp(spread)), hi: Math.pow(survival, Math.exp(-spread)) };
}

/** S(t): 1 before the first step, the last step's value at and after it. */
export function survivalAt(curve: KaplanMeierCurve, t: number): number {
  const steps = curve.steps;
  let lo = 0;
  let hi = steps.length;
  // First step with time > t.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid].time <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : steps[lo - 1].survival;
}

/**
 * The p-quantile of the duration (p = 0.5: the median): the first time with S ≤ 1 − p, with its
 * Brookmeyer–Crowley interval from the log(−log) band: lo = the first time whose band's lower end
 * is ≤ 1 − p, hi = the first time whose upper end is (Infinity when the band never gets there).
 * Null when the curve never falls to 1 − p (censoring hides the quantile).
 */
export function survivalQuantile(curve: KaplanMeierCurve, p: number): Estimate | null {
  if (!(p > 0 && p < 1)) throw new RangeError(`survivalQuantile: p must be in (0, 1), got ${p}`);
  const level = 1 - p;
  const first = (value: (s: SurvivalStep) => number) =>
    curve.steps.find((s) => s.events > 0 && value(s) <= level + 1e-12)?.time;
  const value = first((s) => s.survival);
  if (value === undefined) return null;
  return { value, lo: first((s) => s.lo) ?? value, hi: first((s) => s.hi) ?? Infinity, n: curve.n };
}

/**
 * The restricted mean ∫₀^τ S(t)dt (τ defaults to the largest observed time): the mean duration
 * when durations are capped at τ, with its Klein–Moeschberger standard error.
 */
export function restrictedMean(curve: KaplanMeierCurve, tau = curve.lastTime): Estimate {
  // Areas of S over [t_j, τ] for each event time, summed from the right.
  const eventSteps = curve.steps.filter((s) => s.events > 0 && s.time <= tau);
  let area = 0;
  let variance = 0;
  let right = tau;
  for (let j = eventSteps.length - 1; j >= 0; j--) {
    const s = eventSteps[j];
    area += s.survival * (right - s.time);
    right = s.time;
    if (s.events < s.atRisk) variance += (area * area * s.events) / (s.atRisk * (s.atRisk - s.events));
  }
  area += right; // S = 1 on [0, first event time)
  return normalEstimate(area, Math.sqrt(variance), curve.n);
}
